/**
 * What started an audit run: the schedule, a CloudTrail tampering call seen by EventBridge, or a
 * person (a manual invoke with any other payload). Recorded on the run.
 */

/** The `trigger` field the schedule puts in its input. */
export const SCHEDULED_TRIGGER = 'SCHEDULE';

/** The CloudTrail calls that start an audit at once. */
export const TAMPERING_EVENT_NAMES = ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'] as const;

export type AuditTrigger =
  | { kind: 'SCHEDULE'; scheduledTime?: string; scheduleArn?: string }
  | { kind: 'TAMPERING'; eventName: string; eventId?: string; eventTime?: string; actor?: string; trail?: string; region?: string }
  | { kind: 'MANUAL'; reason?: string };

/** Classifies the invocation event. Never throws: anything unrecognised is a manual run. */
export function triggerOf(event: unknown): AuditTrigger {
  const record = asRecord(event);
  if (!record) return { kind: 'MANUAL' };
  if (record.trigger === SCHEDULED_TRIGGER) {
    return { kind: 'SCHEDULE', scheduledTime: text(record.scheduledTime), scheduleArn: text(record.scheduleArn) };
  }
  if (record.source === 'aws.cloudtrail' && record['detail-type'] === 'AWS API Call via CloudTrail') {
    const detail = asRecord(record.detail) ?? {};
    const identity = asRecord(detail.userIdentity);
    const parameters = asRecord(detail.requestParameters);
    return {
      kind: 'TAMPERING',
      eventName: text(detail.eventName) ?? 'unknown',
      eventId: text(detail.eventID),
      eventTime: text(detail.eventTime),
      actor: text(identity?.arn),
      trail: text(parameters?.name) ?? text(parameters?.trailName),
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
      return `cloudtrail:${trigger.eventName}${trigger.trail ? ` on ${trigger.trail}` : ''}${trigger.actor ? ` by ${trigger.actor}` : ''}`;
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
