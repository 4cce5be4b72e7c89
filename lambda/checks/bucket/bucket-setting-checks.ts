/**
 * S3 checks that read the log bucket's own configuration: existence (S3-001), lifecycle (S3-003),
 * versioning (S3-004), access logging (S3-005), public access (S3-006) and deletion protection
 * (S3-007). Each is skipped when the configuration it needs was not collected or its read failed.
 */
import { answerOf, isFailed, type BucketData } from '../../snapshot/types';
import { effectiveRetention, objectLockRetentionDays, type EffectiveRetention } from './bucket-lifecycle';
import type { TrailBucket } from './bucket-subjects';
import { logObjectPrefix } from '../trail/cloudtrail-requests';
import type { EvaluationContext } from '../context';
import { nameList } from '../trail/trail-finding-text';

/** S3-001; returns true when the bucket's configuration can be read for the other checks. */
export function checkBucketExists(context: EvaluationContext, bucket: TrailBucket): bucket is TrailBucket & { data: BucketData } {
  const { data } = bucket;
  if (!data) return false;
  if (data.error?.code === 'NoSuchBucket') {
    const trails = nameList(bucket.trails.map((trail) => trail.name));
    context.fire('S3-001', bucket.subject, `Bucket ${bucket.name}, named by org trail${bucket.trails.length === 1 ? '' : 's'} ${trails}, does not exist (NoSuchBucket).`, {
      bucket: bucket.name,
      trails: bucket.trails.map((trail) => trail.arn).join(', '),
    });
    return false;
  }
  if (data.error) return false; // could not be read: AUD-003
  context.evaluated('S3-001', bucket.subject);
  // A missing bucket has no reader recorded, so its S3-001 was raised against the trail's owner:
  // the bucket existing now resolves that finding too.
  const trailOwner = bucket.trails[0].ownerAccountId;
  if (trailOwner !== bucket.subject.accountId) context.evaluated('S3-001', { ...bucket.subject, accountId: trailOwner });
  return true;
}

export function evaluateBucketSettingChecks(context: EvaluationContext, bucket: TrailBucket, data: BucketData): void {
  checkLifecycle(context, bucket, data);
  checkVersioning(context, bucket, data);
  checkAccessLogging(context, bucket, data);
  checkPublicAccess(context, bucket, data);
  checkDeletionProtection(context, bucket, data);
}

function checkLifecycle(context: EvaluationContext, bucket: TrailBucket, data: BucketData): void {
  const rules = data.lifecycleRules;
  if (rules === undefined || isFailed(rules)) return;
  const minRetentionDays = context.settings.minRetentionDays;
  const locked = objectLockRetentionDays(data);
  if (locked !== undefined && locked >= minRetentionDays) {
    context.evaluated('S3-003', bucket.subject); // Object Lock keeps every log at least that long
    return;
  }
  const versioning = answerOf(data.versioning);
  // Versioning unknown: judged as unversioned, where a current-version expiry deletes the data.
  const versioned = versioning?.Status === 'Enabled';
  const prefixes = [...new Set(bucket.trails.map((trail) => logObjectPrefix(trail.trail)))];
  const short = prefixes
    .map((prefix) => effectiveRetention(rules ?? [], prefix, versioned, context.now))
    .filter((retention): retention is EffectiveRetention => retention !== undefined && retention.days < minRetentionDays);
  if (short.length === 0) {
    context.evaluated('S3-003', bucket.subject);
    return;
  }
  const versioningNote = versioning ? '' : ' (versioning could not be read: judged as unversioned)';
  const lockNote = locked !== undefined ? `; its default Object Lock retention of ${locked} days is shorter too` : '';
  const found = short.map((retention) => `log prefix "${retention.logPrefix}" is kept ${wholeDays(retention.days)}: ${retention.how}`);
  context.fire('S3-003', bucket.subject, `In bucket ${bucket.name}${versioningNote}, ${found.join('; ')}: sooner than minRetentionDays (${minRetentionDays})${lockNote}.`, {
    bucket: bucket.name,
    minRetentionDays: String(minRetentionDays),
  });
}

function wholeDays(days: number): string {
  const whole = Math.floor(days);
  return whole === 1 ? '1 day' : `${whole} days`;
}

function checkVersioning(context: EvaluationContext, bucket: TrailBucket, data: BucketData): void {
  const versioning = answerOf(data.versioning);
  if (!versioning) return;
  if (versioning.Status === 'Enabled') {
    context.evaluated('S3-004', bucket.subject);
    return;
  }
  const status = versioning.Status ?? 'never enabled';
  context.fire('S3-004', bucket.subject, `Bucket ${bucket.name} has versioning ${status}: an overwritten or deleted log file cannot be recovered.`, { bucket: bucket.name });
}

function checkAccessLogging(context: EvaluationContext, bucket: TrailBucket, data: BucketData): void {
  if (data.logging === undefined || isFailed(data.logging)) return;
  if (data.logging?.TargetBucket) {
    context.evaluated('S3-005', bucket.subject);
    return;
  }
  context.fire('S3-005', bucket.subject, `Bucket ${bucket.name} has no server access logging (GetBucketLogging returned no LoggingEnabled).`, { bucket: bucket.name });
}

const BLOCK_PUBLIC_ACCESS_SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/**
 * CRITICAL when the bucket policy makes it public; otherwise HIGH when the bucket's Block Public
 * Access is not fully on. Only the bucket's own setting is collected: an account-level Block Public
 * Access that would cover it is not seen, so the HIGH finding may be covered at the account level.
 */
function checkPublicAccess(context: EvaluationContext, bucket: TrailBucket, data: BucketData): void {
  const vars = { bucket: bucket.name };
  const statusKnown = data.policyStatus !== undefined && !isFailed(data.policyStatus);
  if (statusKnown && answerOf(data.policyStatus ?? undefined)?.IsPublic === true) {
    context.fire('S3-006', bucket.subject, `Bucket ${bucket.name} is public: GetBucketPolicyStatus reports IsPublic true.`, vars, 'CRITICAL');
    return;
  }
  if (data.publicAccessBlock === undefined || isFailed(data.publicAccessBlock)) return;
  const block = data.publicAccessBlock;
  const off = BLOCK_PUBLIC_ACCESS_SETTINGS.filter((setting) => block?.[setting] !== true);
  if (off.length > 0) {
    const what = block === null ? 'has no Block Public Access configuration' : `has Block Public Access ${off.join(', ')} off or unset`;
    context.fire('S3-006', bucket.subject, `Bucket ${bucket.name} ${what} (account-level Block Public Access is not read).`, vars, 'HIGH');
    return;
  }
  if (statusKnown) context.evaluated('S3-006', bucket.subject);
}

function checkDeletionProtection(context: EvaluationContext, bucket: TrailBucket, data: BucketData): void {
  const lockKnown = data.objectLock !== undefined && !isFailed(data.objectLock);
  const versioning = answerOf(data.versioning);
  const locked = lockKnown && answerOf(data.objectLock ?? undefined)?.ObjectLockEnabled === 'Enabled';
  const mfaDelete = versioning?.MFADelete === 'Enabled';
  if (locked || mfaDelete) {
    context.evaluated('S3-007', bucket.subject);
    return;
  }
  if (!lockKnown || !versioning) return;
  context.fire(
    'S3-007',
    bucket.subject,
    `Bucket ${bucket.name} has neither Object Lock (${data.objectLock ? 'not enabled' : 'no configuration'}) nor MFA delete (MFADelete ${versioning.MFADelete ?? 'never set'}).`,
    { bucket: bucket.name, retentionDays: String(context.settings.minRetentionDays) },
  );
}
