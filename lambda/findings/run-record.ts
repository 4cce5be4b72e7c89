/** One audit run as the runs table holds it. */
import type { RunIntegrationCounts } from '../integrate/run-integration-counts';
import type { Severity } from './finding';
import type { RunCost } from '../cost/run-cost';
import type { RUN_RECORD_TYPE } from './table-design';

export const RUN_TRIGGERS = ['SCHEDULE', 'TAMPERING_EVENT', 'MANUAL'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export const RUN_OUTCOMES = ['SUCCEEDED', 'PARTIAL', 'FAILED'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface AccountTally {
  /** Member accounts the run set out to audit (management included). */
  total: number;
  audited: number;
  /** Accounts the run could not enter or read. */
  failed: number;
  /** Accounts the run never started (it stopped early). */
  notStarted: number;
}

/** What a run did not audit, for the PARTIAL / FAILED notice and `runs list`. */
export interface NotAudited {
  /** Accounts the auditor could not enter (AUD-001 findings, plus any the caller names). */
  accountIds: string[];
  /** `accountId region` pairs that could not be read (AUD-002 findings). */
  accountRegions: string[];
  /** Accounts never started (the caller names them when it knows them). */
  notStartedAccountIds: string[];
  /** Why the run failed or stopped, when the caller knows. */
  reason?: string;
  /**
   * True when the organization's account list could not be read whole: how many accounts were
   * never seen is unknown (at least `accounts.total` exist).
   */
  accountListIncomplete?: boolean;
  /** Findings this run could not write (retried, then left for the next run). */
  findingsNotWritten?: number;
}

export interface RunFindingCounts {
  /** New findings. */
  opened: number;
  /** Findings that came back after being resolved, or whose suppression ended. */
  reopened: number;
  /** Findings that were open before and are still found (escalated ones included). */
  stillOpen: number;
  escalated: number;
  resolved: number;
  /** Findings found this run that are suppressed. */
  suppressed: number;
  /** Findings of this run that are OPEN after it, per severity. */
  openBySeverity: Record<Severity, number>;
  /**
   * Findings whose change this run could not write to the table (DynamoDB kept failing past the
   * retries, or the item kept changing): left as they were, decided again by the next run. Any
   * makes the run PARTIAL.
   */
  notWritten: number;
}

export interface RunAlertCounts {
  /** SNS messages published (a grouped message counts once). */
  messagesPublished: number;
  /** Findings whose alert went out in one of those messages. */
  findingsAlerted: number;
  /** Findings whose alert could not be published: pending, retried by the next run. */
  findingsPending: number;
  /** SNS publishes that failed (each leaves its findings' alerts pending). */
  publishFailures: number;
}

export type RunNoticeState = 'SENT' | 'PENDING';

export interface RunRecord {
  runId: string;
  recordType: typeof RUN_RECORD_TYPE;
  trigger: RunTrigger;
  startedAt: string;
  finishedAt: string;
  outcome: RunOutcome;
  accounts: AccountTally;
  findings: RunFindingCounts;
  alerts: RunAlertCounts;
  apiCalls: number;
  /** Where the run's snapshot was stored (e.g. `s3://bucket/key`), if it was. */
  snapshotKey?: string;
  /** PARTIAL / FAILED runs: what was not audited, and whether the notice saying so went out. */
  notAudited?: NotAudited;
  incompleteNotice?: RunNoticeState;
  /** The run's estimated AWS cost (state-machine runs; added after reconcile wrote the record). */
  cost?: RunCost;
  /** What the run delivered to Security Hub and EventBridge (written after reconcile, lambda/integrate). */
  integrations?: RunIntegrationCounts;
  /** When reconcile wrote this record. */
  recordedAt: string;
  /** DynamoDB TTL (epoch seconds). */
  expiresAt: number;
}
