/** What a finished run tells CloudWatch and its log, and how its trigger is recorded: the state machine's finish step writes them. */
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { SEVERITIES } from '../findings/finding';
import type { AccountTally, RunOutcome, RunRecord, RunTrigger } from '../findings/run-record';
import type { RunIntegrationCounts } from '../integrate/run-integration-counts';
import { METRIC } from './metric-names';
import type { AuditTrigger } from './trigger';

/** What a run returns (the execution's output) and logs when it ends: its record, in brief. */
export interface AuditRunSummary {
  runId: string;
  trigger: RunTrigger;
  outcome: RunOutcome;
  accounts: AccountTally;
  findings: RunRecord['findings'];
  alerts: RunRecord['alerts'];
  apiCalls: number;
  snapshotKey?: string;
  /** What Security Hub and EventBridge were given (absent: no integration configured). */
  integrations?: RunIntegrationCounts;
}

export const RUN_TRIGGER: Record<AuditTrigger['kind'], RunTrigger> = { SCHEDULE: 'SCHEDULE', TAMPERING: 'TAMPERING_EVENT', MANUAL: 'MANUAL' };

export function publishRunMetrics(metrics: Metrics, record: RunRecord, durationMs: number): void {
  // The dead-man's switch counts complete runs only: a run that keeps stopping early leaves
  // accounts unwatched, and that must page someone too.
  if (record.outcome === 'SUCCEEDED') metrics.addMetric(METRIC.auditSucceeded, MetricUnit.Count, 1);
  if (record.outcome === 'PARTIAL') metrics.addMetric(METRIC.auditPartial, MetricUnit.Count, 1);
  // Reconcile may itself turn a run FAILED (the findings table could not be read).
  if (record.outcome === 'FAILED') metrics.addMetric(METRIC.auditFailed, MetricUnit.Count, 1);
  // Every run, 0 included: the alarms on the alert path's health watch these.
  metrics.addMetric(METRIC.pendingAlerts, MetricUnit.Count, record.alerts.findingsPending ?? 0);
  metrics.addMetric(METRIC.alertPublishFailures, MetricUnit.Count, record.alerts.publishFailures ?? 0);
  metrics.addMetric(METRIC.accountsAudited, MetricUnit.Count, record.accounts.audited);
  metrics.addMetric(METRIC.accountsFailed, MetricUnit.Count, record.accounts.failed);
  metrics.addMetric(METRIC.accountsSkipped, MetricUnit.Count, record.accounts.notStarted);
  metrics.addMetric(METRIC.apiCalls, MetricUnit.Count, record.apiCalls);
  metrics.addMetric(METRIC.durationMs, MetricUnit.Milliseconds, durationMs);
  metrics.publishStoredMetrics();
  for (const severity of SEVERITIES) {
    metrics.singleMetric().addDimension('Severity', severity).addMetric(METRIC.openFindings, MetricUnit.Count, record.findings.openBySeverity[severity] ?? 0);
  }
}

/** The run's record, in brief. */
export function runSummaryOf(record: RunRecord): AuditRunSummary {
  return {
    runId: record.runId,
    trigger: record.trigger,
    outcome: record.outcome,
    accounts: record.accounts,
    findings: record.findings,
    alerts: record.alerts,
    apiCalls: record.apiCalls,
    ...(record.snapshotKey ? { snapshotKey: record.snapshotKey } : {}),
  };
}
