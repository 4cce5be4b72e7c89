import type { SnapshotTrail } from '../../snapshot/types';

/**
 * The key prefix under which an org trail writes, for every account of the organization, the
 * `AWSLogs/` tree: the trail's `S3KeyPrefix` followed by `/`, or nothing.
 */
export function logKeyPrefix(trail: SnapshotTrail): string {
  const prefix = trail.S3KeyPrefix?.replace(/\/+$/, '') ?? '';
  return `${prefix ? `${prefix}/` : ''}AWSLogs/`;
}

/**
 * Where DLV-008 expects a member-region's files: its digest folder when the trail validates log
 * files (a digest arrives every hour even without activity), else its log folder.
 * e.g. `AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail-Digest/us-east-1/`.
 */
export function deliveryEvidencePrefix(trail: SnapshotTrail, organizationId: string, accountId: string, region: string): string {
  const folder = trail.LogFileValidationEnabled === true ? 'CloudTrail-Digest' : 'CloudTrail';
  return `${logKeyPrefix(trail)}${organizationId}/${accountId}/${folder}/${region}/`;
}
