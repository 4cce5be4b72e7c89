/**
 * The audit run's CloudWatch metrics (written by the finish step with Powertools Metrics, as
 * embedded metric format) and the names the stack's alarms refer to. Constants only: the CDK app imports them.
 */
export const METRIC_NAMESPACE = 'OrgTrailAuditor';
/** Powertools adds it as the `service` dimension of every metric. */
export const SERVICE_NAME = 'org-trail-auditor';

export const METRIC = {
  /** 1 per run that completed (outcome SUCCEEDED); the dead-man's switch alarm watches it. */
  auditSucceeded: 'AuditSucceeded',
  /** 1 per run that ended in an error (outcome FAILED). */
  auditFailed: 'AuditFailed',
  /** 1 per run that ended PARTIAL (some accounts or items not audited or not written). */
  auditPartial: 'AuditPartial',
  /** Findings whose alert is still waiting to be published after the run (0 when the alert path works). */
  pendingAlerts: 'PendingAlerts',
  /** SNS publishes that failed during the run. */
  alertPublishFailures: 'AlertPublishFailures',
  accountsAudited: 'AccountsAudited',
  accountsFailed: 'AccountsFailed',
  /** Accounts not started because the deadline was near. */
  accountsSkipped: 'AccountsSkipped',
  /** Open findings after reconcile, one data point per severity (dimension `Severity`). */
  openFindings: 'OpenFindings',
  apiCalls: 'ApiCalls',
  durationMs: 'AuditDuration',
} as const;
