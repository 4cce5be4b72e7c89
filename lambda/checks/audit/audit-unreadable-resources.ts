import { isFailed, type ApiError, type Snapshot, type SnapshotTrail } from '../../snapshot/types';
import type { FindingSubject } from '../../findings/finding';
import { accountOfArn, regionOfArn, type OrgTrail } from '../model';
import { hasOwnEntry, ownEntry } from '../../snapshot/own-entry';

/** The kinds of resource an org trail names, each read by the collector. */
export type NamedResourceKind = 'S3 bucket' | 'KMS key' | 'SNS topic' | 'CloudWatch Logs log group' | 'CloudWatch Logs role';

/**
 * One resource an org trail names, as far as the snapshot read it: `failures` lists every read
 * that failed (empty when all of it was read, including "it does not exist"); `read` names the
 * call, or is empty when the resource as a whole could not be read.
 */
export interface NamedResourceReading {
  kind: NamedResourceKind;
  subject: FindingSubject;
  failures: { read: string; error: ApiError }[];
}

/**
 * Every resource the org trail names that the snapshot holds something for. A resource the
 * snapshot does not mention was not collected and is left out: nothing can be said about it.
 * A bucket that does not exist (`NoSuchBucket`) reads as fine here: that is S3-001, not an audit gap.
 */
export function readingsOfNamedResources(snapshot: Snapshot, trail: OrgTrail): NamedResourceReading[] {
  const described = trail.trail;
  const readings: (NamedResourceReading | undefined)[] = [
    bucketReading(snapshot, trail),
    arnReading('KMS key', described.KmsKeyId, snapshot.kmsKeys, trail, (key) => [
      ['kms:DescribeKey', key.metadata],
      ['kms:GetKeyPolicy', key.policy],
    ]),
    arnReading('SNS topic', described.SnsTopicARN, snapshot.snsTopics, trail, () => []),
    logGroupReading(snapshot, described, trail),
    arnReading('CloudWatch Logs role', described.CloudWatchLogsRoleArn, snapshot.roles, trail, (role) => [
      ['iam:GetRole', role.role],
      ['role policies', role.policies],
    ]),
  ];
  return readings.filter((reading): reading is NamedResourceReading => reading !== undefined);
}

const BUCKET_READS = {
  policy: 's3:GetBucketPolicy',
  policyStatus: 's3:GetBucketPolicyStatus',
  publicAccessBlock: 's3:GetPublicAccessBlock',
  lifecycleRules: 's3:GetBucketLifecycleConfiguration',
  versioning: 's3:GetBucketVersioning',
  logging: 's3:GetBucketLogging',
  objectLock: 's3:GetObjectLockConfiguration',
} as const;

function bucketReading(snapshot: Snapshot, trail: OrgTrail): NamedResourceReading | undefined {
  const name = trail.trail.S3BucketName;
  const bucket = name ? ownEntry(snapshot.buckets, name) : undefined;
  if (!name || !bucket) return undefined;
  const subject = { accountId: bucket.ownerAccountId ?? trail.ownerAccountId, region: null, resource: name };
  const failures: NamedResourceReading['failures'] = [];
  if (bucket.error) {
    if (bucket.error.code !== 'NoSuchBucket') failures.push({ read: '', error: bucket.error });
    return { kind: 'S3 bucket', subject, failures };
  }
  for (const [field, read] of Object.entries(BUCKET_READS) as [keyof typeof BUCKET_READS, string][]) {
    const value = bucket[field];
    if (isFailed(value)) failures.push({ read, error: value.error });
  }
  for (const accountId of Object.keys(bucket.deliveryEvidence ?? {}).sort()) {
    const byRegion = ownEntry(bucket.deliveryEvidence, accountId) ?? {};
    for (const region of Object.keys(byRegion).sort()) {
      const evidence = ownEntry(byRegion, region);
      if (isFailed(evidence)) failures.push({ read: `s3:ListBucket (delivery evidence of ${accountId} in ${region})`, error: evidence.error });
    }
  }
  return { kind: 'S3 bucket', subject, failures };
}

/** The log group as the trail names it, looked up with and without CloudTrail's trailing `:*`. */
function logGroupReading(snapshot: Snapshot, described: SnapshotTrail, trail: OrgTrail): NamedResourceReading | undefined {
  const arn = described.CloudWatchLogsLogGroupArn;
  if (!arn || !snapshot.logGroups) return undefined;
  const bare = arn.replace(/:\*$/, '');
  const key = [arn, bare, `${bare}:*`].find((candidate) => hasOwnEntry(snapshot.logGroups, candidate));
  if (key === undefined) return undefined;
  // A computed key is an own property, whatever the name.
  return arnReading('CloudWatch Logs log group', arn, { [arn]: ownEntry(snapshot.logGroups, key) ?? null }, trail, () => []);
}

/**
 * A resource keyed by ARN in the snapshot: its whole answer may have failed, or, when it was
 * read, some of its parts (`parts` lists them); `null` means it does not exist, which reads fine.
 */
function arnReading<T extends object>(
  kind: NamedResourceKind,
  arn: string | undefined,
  table: Record<string, T | { error: ApiError } | null> | undefined,
  trail: OrgTrail,
  parts: (answer: T) => [string, unknown][],
): NamedResourceReading | undefined {
  if (!arn || !hasOwnEntry(table, arn)) return undefined;
  const value = ownEntry(table, arn);
  const subject = {
    accountId: accountOfArn(arn) ?? trail.ownerAccountId,
    region: kind === 'CloudWatch Logs role' ? null : (regionOfArn(arn) ?? trail.homeRegion),
    resource: arn,
  };
  const failures: NamedResourceReading['failures'] = [];
  if (isFailed(value)) {
    failures.push({ read: '', error: value.error });
  } else if (value !== null) {
    for (const [read, part] of parts(value as T)) {
      if (isFailed(part)) failures.push({ read, error: part.error });
    }
  }
  return { kind, subject, failures };
}
