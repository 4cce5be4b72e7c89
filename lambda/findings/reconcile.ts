/**
 * Reconcile: what one audit run found, against what the findings table holds.
 *
 * - found and new or resolved before → OPEN, alert NEW / REOPENED;
 * - found and open → unchanged: nothing written (refreshed once a day); changed: written, alert
 *   ESCALATED if the severity rose;
 * - not found, and the run evaluated that check for that subject (coverage) → RESOLVED, alert —
 *   except, when the account list was incomplete, for an account the run did not audit;
 * - not found, its account no longer audited, on a complete account list (AUD-004) → RESOLVED
 *   with the reason "account no longer audited";
 * - not evaluated (account unreachable, region errored, run stopped) → left as it is;
 * - suppressed → kept up to date without alerts, reopened (alert) once the suppression ends.
 *
 * Every write is conditional on the item's version; a conflict re-reads and decides again. A run
 * that is already recorded changes nothing (replay). An item that cannot be written (DynamoDB
 * failing past the retries, or the item changing under every attempt) is counted and left for the
 * next run, which makes the run PARTIAL; the rest goes on. Alerts: see alert-delivery.ts. Whatever
 * happens, the run ends with its record; a PARTIAL or FAILED run sends one notice saying what was
 * not audited.
 */
import type { EvaluationResult } from '../checks/context';
import type { AlertPublisher } from '../notify/alert-publisher';
import { runIncompleteMessage } from '../notify/run-incomplete-notice';
import type { OutboxEntry } from './alert-outbox';
import { deliverAlerts } from './alert-delivery';
import { applyObservations } from './apply-observations';
import type { AuditStore } from './audit-store';
import { findingKey, SEVERITIES, type Finding, type Severity } from './finding';
import type { FindingRecord } from './finding-record';
import type { RunClock, Transition, TransitionKind } from './finding-transition';
import { DEFAULT_ITEM_RETRY, describeError, type ItemRetryPolicy } from './item-retry';
import { retried, type ReconcileContext } from './reconcile-context';
import { resolveReconcileSettings, type ReconcileSettings } from './reconcile-settings';
import type { AccountTally, NotAudited, RunAlertCounts, RunFindingCounts, RunOutcome, RunRecord, RunTrigger } from './run-record';
import { RUN_RECORD_TYPE } from './table-design';

export interface ReconcileRunInput {
  /** Unique per run; replaying the same runId changes nothing. */
  runId: string;
  trigger: RunTrigger;
  /** ISO times. `startedAt` orders overlapping runs and stamps what the run observed. */
  startedAt: string;
  finishedAt: string;
  evaluation: EvaluationResult;
  accounts: AccountTally;
  apiCalls: number;
  /** Where the run's snapshot was stored (e.g. `s3://bucket/key`), if it was. */
  snapshotKey?: string;
  outcome: RunOutcome;
  /** What the caller knows was not audited, beyond the AUD-001 / AUD-002 findings. */
  notAudited?: Partial<NotAudited>;
}

export interface ReconcileDependencies {
  store: AuditStore;
  publisher: AlertPublisher;
  settings?: Partial<ReconcileSettings>;
  /** The wall clock (suppression expiry, claims, recordedAt); defaults to the system clock. */
  now?: () => Date;
  /** Item operations in flight at once (default 32). */
  concurrency?: number;
  /** Where failures are reported (default: console.warn). */
  warn?: (message: string) => void;
  /**
   * Milliseconds left before the run must have its record written (e.g. the Lambda's remaining
   * time). Once under RECORD_RESERVE_MS, no further item, retry or message starts; what is left is
   * counted and left for the next run. Default: no limit.
   */
  remainingTimeMs?: () => number;
  /** Retries of one item operation (tests shorten the delays). */
  itemRetry?: Partial<ItemRetryPolicy>;
  /**
   * Receives every change this run wrote (opened, reopened, escalated, resolved, …), once the
   * writes are done and before the alerts go out: e.g. a Security Hub or EventBridge sink. Its
   * failure is logged and does not fail the run.
   */
  onTransitionsWritten?: (transitions: readonly Transition[]) => Promise<void>;
}

/** Time kept back for the run record and the notice once the budget is spent. */
export const RECORD_RESERVE_MS = 10_000;
/** Older runs whose PARTIAL / FAILED notice is re-sent if it could not be published. */
const NOTICE_RETRY_RUNS = 20;
const DEFAULT_CONCURRENCY = 32;

export async function reconcileRun(input: ReconcileRunInput, deps: ReconcileDependencies): Promise<RunRecord> {
  validateInput(input);
  const settings = resolveReconcileSettings(deps.settings);
  const now = deps.now ?? (() => new Date());
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  const remaining = deps.remainingTimeMs;
  const withinBudget = remaining ? () => remaining() > RECORD_RESERVE_MS : () => true;
  const clock: RunClock = {
    runId: input.runId,
    runAt: input.startedAt,
    now: now().toISOString(),
    minAlertSeverity: settings.minAlertSeverity,
    retentionDays: settings.retentionDays,
  };
  const context: ReconcileContext = {
    store: deps.store,
    clock,
    concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY,
    withinBudget,
    retry: { ...DEFAULT_ITEM_RETRY, ...deps.itemRetry, withinBudget },
    warn,
  };

  const recorded = await retried(context, () => deps.store.runs.get(input.runId));
  if (recorded) return recorded;

  const found = new Map<string, Finding>(input.evaluation.findings.map((finding) => [findingKey(finding), finding]));
  let outcome = input.outcome;
  const problems: string[] = [];
  let transitions: Transition[] = [];
  let notWritten = 0;
  let alerts: RunAlertCounts = { messagesPublished: 0, findingsAlerted: 0, findingsPending: 0, publishFailures: 0 };

  const table = await readTable(context, found).catch((error: unknown) => {
    warn(`the findings table could not be read; nothing was reconciled: ${describeError(error)}`);
    problems.push(`the findings table could not be read (${describeError(error)}): no finding was updated`);
    outcome = 'FAILED';
    return undefined;
  });

  if (table) {
    ({ transitions, notWritten } = await applyObservations(context, found, table.stored, input.evaluation.coverage, input.evaluation.accountScope));
    if (notWritten > 0) {
      problems.push(`${notWritten} finding(s) could not be written and were left for the next run`);
      if (outcome === 'SUCCEEDED') outcome = 'PARTIAL';
    }
    const written = transitions.filter((transition) => transition.needsWrite);
    if (deps.onTransitionsWritten && written.length > 0) {
      await deps.onTransitionsWritten(written).catch((error: unknown) => warn(`the transitions sink failed: ${describeError(error)}`));
    }
    alerts = await deliverAlerts(context, {
      publisher: deps.publisher,
      groupThreshold: settings.groupThreshold,
      pendingBefore: table.pending,
      outboxBefore: table.outbox,
      transitions,
    }).catch((error: unknown) => {
      warn(`alerts not delivered, left pending for the next run: ${describeError(error)}`);
      return { messagesPublished: 0, findingsAlerted: 0, findingsPending: 0, publishFailures: 0 };
    });
  }

  const incomplete = outcome !== 'SUCCEEDED';
  // The record is what the reserve is kept for: its retries go on into the reserve.
  const recordContext: ReconcileContext = { ...context, retry: { ...context.retry, withinBudget: remaining ? () => remaining() > 0 : () => true } };
  const record = await retried(recordContext, () =>
    deps.store.runs.putIfAbsent({
      runId: input.runId,
      recordType: RUN_RECORD_TYPE,
      trigger: input.trigger,
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      outcome,
      accounts: input.accounts,
      findings: countFindings(transitions, found, notWritten),
      alerts,
      apiCalls: input.apiCalls,
      ...(input.snapshotKey ? { snapshotKey: input.snapshotKey } : {}),
      ...(incomplete ? { notAudited: notAuditedOf(input, problems, notWritten), incompleteNotice: 'PENDING' as const } : {}),
      recordedAt: now().toISOString(),
      expiresAt: Math.floor(Date.parse(input.finishedAt) / 1000) + settings.retentionDays * 86_400,
    }),
  );

  const previous = await retried(context, () => deps.store.runs.listRecent(NOTICE_RETRY_RUNS)).catch((error: unknown) => {
    warn(`earlier runs' notices not checked: ${describeError(error)}`);
    return [];
  });
  const unsent = previous.filter((run) => run.incompleteNotice === 'PENDING' && run.runId !== record.runId);
  const sent = await sendIncompleteNotices([...(record.incompleteNotice === 'PENDING' ? [record] : []), ...unsent], context, deps.publisher);
  return sent.has(record.runId) ? { ...record, incompleteNotice: 'SENT' } : record;
}

interface TableState {
  /** Open and suppressed findings, plus the stored state of every finding of this run. */
  stored: Map<string, FindingRecord>;
  /** Alerts pending before this run's writes. */
  pending: FindingRecord[];
  /** Published messages whose alerts were not all cleared. */
  outbox: OutboxEntry[];
}

/** What the table holds that this run may change, read before any write. */
async function readTable(context: ReconcileContext, found: ReadonlyMap<string, Finding>): Promise<TableState> {
  const { findings, outbox } = context.store;
  const [open, suppressed, pending, entries] = await Promise.all([
    retried(context, () => findings.listByStatus('OPEN')),
    retried(context, () => findings.listByStatus('SUPPRESSED')),
    retried(context, () => findings.listPendingAlerts()),
    retried(context, () => outbox.listPublished()),
  ]);
  const stored = new Map<string, FindingRecord>();
  for (const record of [...open, ...suppressed]) stored.set(record.findingId, record);
  const unknown = [...found.keys()].filter((id) => !stored.has(id));
  for (const [id, record] of await retried(context, () => findings.getMany(unknown))) stored.set(id, record);
  return { stored, pending, outbox: entries };
}

async function sendIncompleteNotices(pending: readonly RunRecord[], context: ReconcileContext, publisher: AlertPublisher): Promise<Set<string>> {
  const sent = new Set<string>();
  for (const run of pending) {
    try {
      await publisher.publish(runIncompleteMessage(run));
    } catch (error) {
      context.warn(`notice of ${run.outcome} run ${run.runId} not published, retried by the next run: ${describeError(error)}`);
      continue;
    }
    try {
      await retried(context, () => context.store.runs.markNoticeSent(run.runId));
      sent.add(run.runId);
    } catch (error) {
      context.warn(`notice of run ${run.runId} sent but not marked as sent (it may be sent again): ${describeError(error)}`);
    }
  }
  return sent;
}

function countFindings(transitions: readonly Transition[], found: ReadonlyMap<string, Finding>, notWritten: number): RunFindingCounts {
  const byKind = (kinds: readonly TransitionKind[]) => transitions.filter((t) => kinds.includes(t.kind)).length;
  const openBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const { record } of transitions) {
    // Found by this run and open after it.
    if (record.status === 'OPEN' && found.has(record.findingId)) openBySeverity[record.severity] += 1;
  }
  return {
    opened: byKind(['opened']),
    reopened: byKind(['reopened', 'suppression-expired']),
    stillOpen: byKind(['still-open', 'escalated']),
    escalated: byKind(['escalated']),
    resolved: byKind(['resolved']),
    suppressed: byKind(['suppressed-seen']),
    openBySeverity,
    notWritten,
  };
}

function notAuditedOf(input: ReconcileRunInput, problems: readonly string[], notWritten: number): NotAudited {
  const unreachable = input.evaluation.findings.filter((f) => f.checkId === 'AUD-001').map((f) => f.accountId);
  const regions = input.evaluation.findings.filter((f) => f.checkId === 'AUD-002').map((f) => `${f.accountId} ${f.region ?? 'global'}`);
  const reason = [input.notAudited?.reason, ...problems].filter((text): text is string => Boolean(text)).join('; ');
  return {
    accountIds: unique([...unreachable, ...(input.notAudited?.accountIds ?? [])]),
    accountRegions: unique([...regions, ...(input.notAudited?.accountRegions ?? [])]),
    notStartedAccountIds: unique(input.notAudited?.notStartedAccountIds ?? []),
    ...(reason ? { reason } : {}),
    ...(input.evaluation.accountScope.listComplete ? {} : { accountListIncomplete: true }),
    ...(notWritten > 0 ? { findingsNotWritten: notWritten } : {}),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function validateInput(input: ReconcileRunInput): void {
  if (!input.runId.trim()) throw new Error('reconcileRun: runId is empty');
  for (const key of ['startedAt', 'finishedAt'] as const) {
    if (Number.isNaN(Date.parse(input[key]))) throw new Error(`reconcileRun: ${key} ${JSON.stringify(input[key])} is not an ISO time`);
  }
}
