/**
 * The lifecycle of one finding, as a pure function: given what the table holds and what this run
 * observed, the item to write next (or nothing). Reconcile applies it with a conditional write.
 */
import { markTransitionForIntegrations } from '../integrate/outbox-marking';
import { findingKey, isAtLeast, severityRank, type Finding, type Severity } from './finding';
import {
  ALERT_PENDING,
  MAX_HISTORY_ENTRIES,
  REFRESH_INTERVAL_MS,
  RESOLVED_REASON,
  severityOrder,
  type AlertEvent,
  type FindingHistoryEntry,
  type FindingRecord,
  type HistoryEventType,
  type PendingAlert,
} from './finding-record';

/** What a run knows about one finding identity. */
export type Observation =
  /** The run found it. */
  | { kind: 'found'; finding: Finding }
  /** The run evaluated the check for this subject and it did not fire: fixed. */
  | { kind: 'absent' }
  /** The run did not evaluate this subject (account unreachable, region errored, stopped early). */
  | { kind: 'not-evaluated' }
  /** Its account is no longer audited (left the organization, not ACTIVE), on a complete account list (AUD-004). */
  | { kind: 'account-not-audited' };

export interface RunClock {
  runId: string;
  /** The run's start (ISO): the time of every observation it makes, and the order of runs. */
  runAt: string;
  /** The wall clock (ISO): suppressions end against it. */
  now: string;
  minAlertSeverity: Severity;
  retentionDays: number;
}

/** What a transition did, for the run's counts. */
import type { Transition, TransitionKind } from './transition';

export type { Transition, TransitionKind };

const DAY_SECONDS = 86_400;

/**
 * The next state of a finding, or null when this run changes nothing: it already applied
 * (replay), a newer run already wrote the item, or there is nothing to say.
 */
export function nextFindingState(stored: FindingRecord | undefined, observation: Observation, run: RunClock): Transition | null {
  const transition = decideTransition(stored, observation, run);
  // Integrations (Security Hub, EventBridge): marked on the item this transition writes.
  return transition && markTransitionForIntegrations(transition, stored);
}

function decideTransition(stored: FindingRecord | undefined, observation: Observation, run: RunClock): Transition | null {
  if (stored && (stored.lastRunId === run.runId || stored.lastRunAt > run.runAt)) return null;

  if (observation.kind === 'found') {
    const { finding } = observation;
    if (!stored) return write('opened', opened(finding, run));
    if (stored.status === 'RESOLVED') return write('reopened', reopened(stored, finding, run));
    if (stored.status === 'SUPPRESSED') {
      if (suppressionEnded(stored, run)) return write('suppression-expired', suppressionExpired(stored, finding, run));
      return unchangedSince(stored, finding, run) ? { kind: 'suppressed-seen', record: stored, needsWrite: false } : write('suppressed-seen', seen(stored, finding, run));
    }
    const rose = severityRank(finding.severity) < severityRank(stored.severity);
    if (unchangedSince(stored, finding, run)) return { kind: 'still-open', record: stored, needsWrite: false };
    return write(rose ? 'escalated' : 'still-open', seen(stored, finding, run));
  }

  if (!stored || stored.status === 'RESOLVED') return null;
  if (observation.kind === 'absent') return write('resolved', resolved(stored, run));
  if (observation.kind === 'account-not-audited') return write('resolved', resolved(stored, run, RESOLVED_REASON.accountNotAudited));
  if (stored.status === 'SUPPRESSED' && suppressionEnded(stored, run)) {
    return write('suppression-expired', suppressionExpired(stored, undefined, run));
  }
  return null;
}

function write(kind: TransitionKind, record: FindingRecord): Transition {
  return { kind, record, needsWrite: true };
}

/**
 * Found again exactly as stored (severity, title, detail, remediation) and refreshed less than
 * REFRESH_INTERVAL_MS before this run: nothing to write. Its OPEN status already says every run
 * since `lastSeenAt` that evaluated it found it (any other run would have resolved it).
 */
function unchangedSince(stored: FindingRecord, finding: Finding, run: RunClock): boolean {
  return (
    stored.severity === finding.severity &&
    stored.title === finding.title &&
    stored.detail === finding.detail &&
    stored.remediation === finding.remediation &&
    Date.parse(run.runAt) - Date.parse(stored.lastSeenAt) < REFRESH_INTERVAL_MS
  );
}

function opened(finding: Finding, run: RunClock): FindingRecord {
  const findingId = findingKey(finding);
  const record: FindingRecord = {
    ...findingFields(finding),
    findingId,
    status: 'OPEN',
    severityOrder: severityOrder(severityRank(finding.severity), findingId),
    firstSeenAt: run.runAt,
    lastSeenAt: run.runAt,
    lastRunId: run.runId,
    lastRunAt: run.runAt,
    timesSeen: 1,
    timesReopened: 0,
    history: [entry('OPENED', run, finding.severity)],
    version: 1,
  };
  return withAlert(record, 'NEW', run);
}

function reopened(stored: FindingRecord, finding: Finding, run: RunClock): FindingRecord {
  const { resolvedAt: _resolvedAt, resolvedReason: _resolvedReason, expiresAt: _expiresAt, suppression: _suppression, ...kept } = stored;
  const record: FindingRecord = {
    ...kept,
    ...observedAgain(stored, finding, run),
    status: 'OPEN',
    timesReopened: stored.timesReopened + 1,
  };
  return withAlert(appendHistory(record, entry('REOPENED', run, finding.severity)), 'REOPENED', run);
}

/** Found again: still open (possibly escalated or lowered), or suppressed and kept up to date. */
function seen(stored: FindingRecord, finding: Finding, run: RunClock): FindingRecord {
  let record: FindingRecord = { ...stored, ...observedAgain(stored, finding, run) };
  const change = severityRank(finding.severity) - severityRank(stored.severity);
  if (change === 0) return record;
  const event: HistoryEventType = change < 0 ? 'ESCALATED' : 'SEVERITY_LOWERED';
  record = appendHistory(record, entry(event, run, finding.severity, `was ${stored.severity}`));
  if (event === 'ESCALATED' && stored.status === 'OPEN') return withAlert(record, 'ESCALATED', run, stored.severity);
  return record;
}

function resolved(stored: FindingRecord, run: RunClock, reason?: string): FindingRecord {
  const { suppression: _suppression, ...kept } = stored;
  const record: FindingRecord = {
    ...kept,
    ...(reason ? { resolvedReason: reason } : {}),
    status: 'RESOLVED',
    severityOrder: severityOrder(severityRank(stored.severity), stored.findingId),
    resolvedAt: run.runAt,
    lastRunId: run.runId,
    lastRunAt: run.runAt,
    version: stored.version + 1,
    expiresAt: Math.floor(Date.parse(run.runAt) / 1000) + run.retentionDays * DAY_SECONDS,
  };
  const withHistory = appendHistory(record, entry('RESOLVED', run, stored.severity, reason));
  // A suppressed finding that gets fixed is accepted risk gone: recorded, not announced.
  return stored.status === 'SUPPRESSED' ? withoutAlert(withHistory) : withAlert(withHistory, 'RESOLVED', run, undefined, reason);
}

function suppressionExpired(stored: FindingRecord, finding: Finding | undefined, run: RunClock): FindingRecord {
  const { suppression, ...kept } = stored;
  const severity = finding?.severity ?? stored.severity;
  const record: FindingRecord = {
    ...kept,
    ...(finding ? findingFields(finding) : {}),
    status: 'OPEN',
    severityOrder: severityOrder(severityRank(severity), stored.findingId),
    lastSeenAt: finding ? run.runAt : stored.lastSeenAt,
    lastRunId: run.runId,
    lastRunAt: run.runAt,
    timesSeen: stored.timesSeen + (finding ? 1 : 0),
    timesReopened: stored.timesReopened + 1,
    version: stored.version + 1,
  };
  const note = suppression ? `suppression by ${suppression.by} ended ${suppression.until}: ${suppression.reason}` : undefined;
  return withAlert(appendHistory(record, entry('SUPPRESSION_EXPIRED', run, severity, note)), 'REOPENED', run);
}

function suppressionEnded(stored: FindingRecord, run: RunClock): boolean {
  return stored.suppression !== undefined && Date.parse(stored.suppression.until) <= Date.parse(run.now);
}

/** What every run that finds a stored finding again updates on it, whatever its status. */
function observedAgain(stored: FindingRecord, finding: Finding, run: RunClock) {
  return {
    ...findingFields(finding),
    severityOrder: severityOrder(severityRank(finding.severity), stored.findingId),
    lastSeenAt: run.runAt,
    lastRunId: run.runId,
    lastRunAt: run.runAt,
    timesSeen: stored.timesSeen + 1,
    version: stored.version + 1,
  };
}

function findingFields(finding: Finding): Finding {
  const { checkId, accountId, region, resource, severity, title, detail, remediation } = finding;
  return { checkId, accountId, region, resource, severity, title, detail, remediation };
}

function entry(event: HistoryEventType, run: RunClock, severity: Severity, note?: string): FindingHistoryEntry {
  return { event, at: run.runAt, runId: run.runId, severity, ...(note ? { note } : {}) };
}

/** Appends to the history, keeping the first entry and the latest ones (MAX_HISTORY_ENTRIES in all). */
export function appendHistory(record: FindingRecord, added: FindingHistoryEntry): FindingRecord {
  const history = [...record.history, added];
  if (history.length <= MAX_HISTORY_ENTRIES) return { ...record, history };
  const dropped = history.length - MAX_HISTORY_ENTRIES;
  return {
    ...record,
    history: [history[0], ...history.slice(1 + dropped)],
    historyDropped: (record.historyDropped ?? 0) + dropped,
  };
}

/**
 * Marks the alert pending when the finding is severe enough, claimed by the run that raises it (so
 * it takes no second write to claim). A finding below the threshold keeps any alert still pending
 * from before (it was due then).
 */
function withAlert(record: FindingRecord, event: AlertEvent, run: RunClock, previousSeverity?: Severity, reason?: string): FindingRecord {
  if (!isAtLeast(record.severity, run.minAlertSeverity)) return record;
  const pendingAlert: PendingAlert = {
    alertId: `${run.runId}#${event}`,
    event,
    runId: run.runId,
    raisedAt: run.runAt,
    ...(previousSeverity ? { previousSeverity } : {}),
    ...(reason ? { reason } : {}),
    failedAttempts: 0,
    claimedBy: run.runId,
    claimedAt: run.now,
  };
  return { ...record, pendingAlert, alertPending: ALERT_PENDING };
}

/** Drops a pending alert (suppressed findings raise none). */
export function withoutAlert(record: FindingRecord): FindingRecord {
  const { pendingAlert: _pendingAlert, alertPending: _alertPending, ...rest } = record;
  return rest;
}
