/**
 * Where CloudTrail writes in its bucket, the one definition the collector (which lists the keys)
 * and the checks (which ask policies about them and name them in findings) share:
 *
 *   P AWSLogs/ O / A / CloudTrail[-Digest] / R / YYYY/MM/DD / file
 *
 * with P the trail's S3KeyPrefix followed by `/` (empty without one), O the organization ID, A the
 * account and R the region.
 */

/** `P`: the trail's S3KeyPrefix followed by one `/`, or empty when it has none. */
export function keyPrefixFolder(s3KeyPrefix: string | undefined): string {
  const prefix = s3KeyPrefix?.replace(/\/+$/, '') ?? '';
  return prefix ? `${prefix}/` : '';
}

/** `PAWSLogs/`: the tree every log and digest file of the trail is written under. */
export function logTreePrefix(s3KeyPrefix: string | undefined): string {
  return `${keyPrefixFolder(s3KeyPrefix)}AWSLogs/`;
}

/** `PAWSLogs/O/A/CloudTrail/R/` (log files), or `.../CloudTrail-Digest/R/` (digest files). */
export function accountRegionFolder(
  s3KeyPrefix: string | undefined,
  organizationId: string,
  accountId: string,
  region: string,
  files: 'logs' | 'digests',
): string {
  const folder = files === 'digests' ? 'CloudTrail-Digest' : 'CloudTrail';
  return `${logTreePrefix(s3KeyPrefix)}${organizationId}/${accountId}/${folder}/${region}/`;
}
