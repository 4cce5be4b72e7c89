/**
 * What started an audit run: the schedule, a CloudTrail tampering call seen by EventBridge, or a
 * person (a manual invoke with any other payload). Recorded on the run.
 */

/** The `trigger` field the schedule puts in its input. */
export const SCHEDULED_TRIGGER = 'SCHEDULE';

/**
 * The calls that start a targeted audit at once, by the service that records them: on an org
 * trail, on its log bucket, on its KMS key, and CloudTrail's place in the organization. CloudTrail
 * records S3's PutBucketLifecycleConfiguration as PutBucketLifecycle; both names are listed.
 */
export const TAMPERING_EVENTS = {
  'cloudtrail.amazonaws.com': ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'],
  's3.amazonaws.com': ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketLifecycle', 'PutBucketLifecycleConfiguration', 'DeleteBucket'],
  'kms.amazonaws.com': ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy'],
  'organizations.amazonaws.com': ['DisableAWSServiceAccess', 'DeregisterDelegatedAdministrator'],
} as const;

/** The Organizations events above count only when they concern this service principal. */
export const CLOUDTRAIL_SERVICE_PRINCIPAL = 'cloudtrail.amazonaws.com';

/** The CloudTrail calls among them (kept for the existing callers). */
export const TAMPERING_EVENT_NAMES = TAMPERING_EVENTS['cloudtrail.amazonaws.com'];

const EVENT_SOURCE_BY_BUS_SOURCE: Record<string, string> = {
  'aws.cloudtrail': 'cloudtrail.amazonaws.com',
  'aws.s3': 's3.amazonaws.com',
  'aws.kms': 'kms.amazonaws.com',
  'aws.organizations': 'organizations.amazonaws.com',
};

export type AuditTrigger =
  | { kind: 'SCHEDULE'; scheduledTime?: string; scheduleArn?: string }
  | {
      kind: 'TAMPERING';
      eventName: string;
      /** The service that recorded the call (`cloudtrail.amazonaws.com`, `s3.amazonaws.com`, …). */
      eventSource?: string;
      eventId?: string;
      eventTime?: string;
      /** The account the call was made in (the event's `account`: forwarded events keep theirs). */
      accountId?: string;
      actor?: string;
      /** The trail named by a CloudTrail call (name or ARN). */
      trail?: string;
      /** The bucket named by an S3 call. */
      bucket?: string;
      /** The key named by a KMS call (key ID or ARN). */
      key?: string;
      region?: string;
    }
  | { kind: 'MANUAL'; reason?: string };

/** Classifies the invocation event. Never throws: anything unrecognised is a manual run. */
export function triggerOf(event: unknown): AuditTrigger {
  const record = asRecord(event);
  if (!record) return { kind: 'MANUAL' };
  if (record.trigger === SCHEDULED_TRIGGER) {
    return { kind: 'SCHEDULE', scheduledTime: text(record.scheduledTime), scheduleArn: text(record.scheduleArn) };
  }
  const busSource = text(record.source);
  if (busSource && busSource in EVENT_SOURCE_BY_BUS_SOURCE && record['detail-type'] === 'AWS API Call via CloudTrail') {
    const detail = asRecord(record.detail) ?? {};
    const identity = asRecord(detail.userIdentity);
    const parameters = asRecord(detail.requestParameters);
    const eventSource = text(detail.eventSource) ?? EVENT_SOURCE_BY_BUS_SOURCE[busSource];
    return {
      kind: 'TAMPERING',
      eventName: text(detail.eventName) ?? 'unknown',
      eventSource,
      eventId: text(detail.eventID),
      eventTime: text(detail.eventTime),
      accountId: text(record.account),
      actor: text(identity?.arn),
      trail: eventSource === 'cloudtrail.amazonaws.com' ? (text(parameters?.name) ?? text(parameters?.trailName)) : undefined,
      bucket: text(parameters?.bucketName),
      key: text(parameters?.keyId),
      region: text(detail.awsRegion) ?? text(record.region),
    };
  }
  return { kind: 'MANUAL', reason: text(record.reason) };
}

/** One line for logs and the run record. */
export function describeTrigger(trigger: AuditTrigger): string {
  switch (trigger.kind) {
    case 'SCHEDULE':
      return `schedule${trigger.scheduledTime ? ` (${trigger.scheduledTime})` : ''}`;
    case 'TAMPERING':
      return `${(trigger.eventSource ?? 'cloudtrail.amazonaws.com').replace('.amazonaws.com', '')}:${trigger.eventName}${trigger.trail ?? trigger.bucket ?? trigger.key ? ` on ${trigger.trail ?? trigger.bucket ?? trigger.key}` : ''}${trigger.actor ? ` by ${trigger.actor}` : ''}`;
    case 'MANUAL':
      return `manual${trigger.reason ? `: ${trigger.reason}` : ''}`;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
