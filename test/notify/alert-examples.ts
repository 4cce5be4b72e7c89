/** Fixed findings for the alert tests and the examples printed in docs/alerts.md. */
import { findingKey, severityRank, type Finding } from '../../lambda/findings/finding';
import { severityOrder, type AlertEvent, type FindingRecord } from '../../lambda/findings/finding-record';
import type { AlertDue } from '../../lambda/notify/finding-alert';

export const EXAMPLE_FINDING: Finding = {
  checkId: 'DLV-002',
  accountId: '111122223333',
  region: 'us-east-1',
  resource: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
  severity: 'CRITICAL',
  title: 'Org trail cannot deliver log files to S3',
  detail: 'GetTrailStatus of org-trail in us-east-1 reports LatestDeliveryError "AccessDenied" since 2026-01-10T07:58:00Z: log files are not reaching bucket org-cloudtrail-logs.',
  remediation:
    'Until delivery works, API activity of every account is not being recorded in S3. Let CloudTrail write to the bucket: compare the bucket policy with the one CloudTrail needs, then check delivery: aws s3api get-bucket-policy --bucket org-cloudtrail-logs && aws cloudtrail get-trail-status --name arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
};

export function recordOf(finding: Finding, overrides: Partial<FindingRecord> = {}): FindingRecord {
  const findingId = findingKey(finding);
  return {
    ...finding,
    findingId,
    status: 'OPEN',
    severityOrder: severityOrder(severityRank(finding.severity), findingId),
    firstSeenAt: '2026-01-10T08:00:00.000Z',
    lastSeenAt: '2026-01-10T08:00:00.000Z',
    lastRunId: 'run-2026-01-10T08-00',
    lastRunAt: '2026-01-10T08:00:00.000Z',
    timesSeen: 1,
    timesReopened: 0,
    history: [{ event: 'OPENED', at: '2026-01-10T08:00:00.000Z', runId: 'run-2026-01-10T08-00', severity: finding.severity }],
    version: 1,
    ...overrides,
  };
}

export function due(finding: Finding, event: AlertEvent = 'NEW', overrides: Partial<FindingRecord> = {}): AlertDue {
  const record = recordOf(finding, overrides);
  return { record, alert: { alertId: `${record.lastRunId}#${event}`, event, runId: record.lastRunId, raisedAt: record.lastRunAt, failedAttempts: 0 } };
}

/** `count` findings of one check in as many accounts. */
export function manyOfOneCheck(count: number, resourceLength = 60): AlertDue[] {
  return Array.from({ length: count }, (_, i) => {
    const accountId = String(100000000000 + i);
    return due({ ...EXAMPLE_FINDING, checkId: 'DLV-008', severity: 'HIGH', accountId, resource: `${accountId}-${'r'.repeat(resourceLength)}`, title: 'No recent delivery evidence' });
  });
}
