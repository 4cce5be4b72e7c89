/**
 * A finding as the findings table holds it: the finding itself, its lifecycle and its history.
 * One item per finding identity; the CLI, reconcile and the alerts all read this shape.
 */
import type { IntegrationOutboxFields } from '../integrate/integration-outbox';
import type { Finding, Severity } from './finding';

export const FINDING_STATUSES = ['OPEN', 'RESOLVED', 'SUPPRESSED'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export function isFindingStatus(value: string): value is FindingStatus {
  return (FINDING_STATUSES as readonly string[]).includes(value);
}

/** What an alert announces (also the `event` message attribute subscriptions filter on). */
export const ALERT_EVENTS = ['NEW', 'RESOLVED', 'ESCALATED', 'REOPENED'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** What happened to a finding, as its history records it. */
export type HistoryEventType =
  | 'OPENED'
  | 'REOPENED'
  | 'ESCALATED'
  | 'SEVERITY_LOWERED'
  | 'RESOLVED'
  | 'SUPPRESSED'
  | 'UNSUPPRESSED'
  | 'SUPPRESSION_EXPIRED';

export interface FindingHistoryEntry {
  event: HistoryEventType;
  /** ISO time of the change. */
  at: string;
  /** The audit run that made the change; absent for a change made by a person (suppress …). */
  runId?: string;
  /** Who made a manual change (suppress / unsuppress). */
  by?: string;
  severity: Severity;
  /** The suppression reason, or the severity before an escalation. */
  note?: string;
}

/** An auditor's acceptance of a finding. */
export interface Suppression {
  reason: string;
  /** ISO time at which the suppression ends and the finding reopens. */
  until: string;
  by: string;
  at: string;
}

/** An alert that is due and not yet published (the finding "remembers it was not notified"). */
export interface PendingAlert {
  /** Unique per raise: `runId#event`; clearing is conditional on it. */
  alertId: string;
  event: AlertEvent;
  runId: string;
  raisedAt: string;
  /** For ESCALATED: the severity before. */
  previousSeverity?: Severity;
  /** Publish attempts that failed so far. */
  failedAttempts: number;
  /** The run publishing it right now, and since when (overlapping runs never both send it). */
  claimedBy?: string;
  claimedAt?: string;
}

/** The value of `alertPending` while an alert is pending: the sparse index's partition key. */
export const ALERT_PENDING = 'PENDING';

/** How many history entries an item keeps (the first entry is always kept). */
export const MAX_HISTORY_ENTRIES = 100;

export interface FindingRecord extends Finding, IntegrationOutboxFields {
  /** findingKey(): `checkId#accountId#region#resource`, region `-` when null. */
  findingId: string;
  status: FindingStatus;
  /** `<severityRank>#<findingId>`: sorts the status index by severity. */
  severityOrder: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  /** The last run that changed this item, and when it started (orders overlapping runs). */
  lastRunId: string;
  lastRunAt: string;
  /** Runs that found it (including the first). */
  timesSeen: number;
  /** Times it came back after being resolved, or after its suppression ended. */
  timesReopened: number;
  suppression?: Suppression;
  pendingAlert?: PendingAlert;
  /** ALERT_PENDING while pendingAlert is set; absent otherwise (sparse index key). */
  alertPending?: typeof ALERT_PENDING;
  history: FindingHistoryEntry[];
  /** History entries dropped to keep the item small (only the oldest after the first). */
  historyDropped?: number;
  /** Incremented on every write: conditional writes compare it (optimistic concurrency). */
  version: number;
  /** DynamoDB TTL (epoch seconds): set only while RESOLVED. */
  expiresAt?: number;
}

/** The sort key of the status index for a severity and finding ID. */
export function severityOrder(severityRankValue: number, findingId: string): string {
  return `${severityRankValue}#${findingId}`;
}
