/**
 * Reconcile: what one audit run found, against what the findings table holds.
 *
 * - found and new or resolved before → OPEN, alert NEW / REOPENED;
 * - found and open → lastSeenAt, alert ESCALATED if the severity rose;
 * - not found, and the run evaluated that check for that subject (coverage) → RESOLVED, alert;
 * - not evaluated (account unreachable, region errored, run stopped) → left as it is;
 * - suppressed → kept up to date without alerts, reopened (alert) once the suppression ends.
 *
 * Every write is conditional on the item's version; a conflict re-reads and decides again. A run
 * that is already recorded changes nothing (replay). Alerts are marked pending on the item before
 * they are published and cleared after, so an alert that could not be published goes out with the
 * next run. A PARTIAL or FAILED run sends one notice saying what was not audited.
 */
import type { EvaluationResult } from '../checks/context';
import type { AlertPublisher } from '../notify/alert-publisher';
import { planAlerts } from '../notify/alert-plan';
import type { AlertDue } from '../notify/finding-alert';
import { runIncompleteMessage } from '../notify/run-incomplete-notice';
import type { AuditStore } from './audit-store';
import { runBoundedPool } from '../concurrency/bounded-pool';
import { findingKey, SEVERITIES, type Finding, type Severity } from './finding';
import type { FindingRecord } from './finding-record';
import { nextFindingState, type Observation, type RunClock, type Transition, type TransitionKind } from './finding-transition';
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
  /** The wall clock (suppression expiry, recordedAt); defaults to the system clock. */
  now?: () => Date;
  /** Item writes in flight at once (default 16). */
  concurrency?: number;
  /** Where publish failures are reported (default: console.warn). */
  warn?: (message: string) => void;
}

/** Attempts per item before a conflict is reported as an error (each re-reads the item). */
const MAX_WRITE_ATTEMPTS = 8;
/** A claim on an alert older than this is taken over (its run is gone: Lambda runs at most 15 minutes). */
const CLAIM_TIMEOUT_MS = 20 * 60_000;
/** Older runs whose PARTIAL / FAILED notice is re-sent if it could not be published. */
const NOTICE_RETRY_RUNS = 20;

export async function reconcileRun(input: ReconcileRunInput, deps: ReconcileDependencies): Promise<RunRecord> {
  validateInput(input);
  const settings = resolveReconcileSettings(deps.settings);
  const now = deps.now ?? (() => new Date());
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  const { findings: findingsStore, runs } = deps.store;
  const concurrency = deps.concurrency ?? 16;

  const recorded = await runs.get(input.runId);
  if (recorded) return recorded;

  const clock: RunClock = {
    runId: input.runId,
    runAt: input.startedAt,
    now: now().toISOString(),
    minAlertSeverity: settings.minAlertSeverity,
    retentionDays: settings.retentionDays,
  };

  // What the table holds that this run may change: everything open or suppressed, plus the
  // stored state of every finding of this run (resolved ones reopen).
  const found = new Map<string, Finding>(input.evaluation.findings.map((finding) => [findingKey(finding), finding]));
  const stored = new Map<string, FindingRecord>();
  for (const status of ['OPEN', 'SUPPRESSED'] as const) {
    for (const record of await findingsStore.listByStatus(status)) stored.set(record.findingId, record);
  }
  const unknown = [...found.keys()].filter((id) => !stored.has(id));
  for (const [id, record] of await findingsStore.getMany(unknown)) stored.set(id, record);

  const transitions: Transition[] = [];
  const ids = [...new Set([...found.keys(), ...stored.keys()])];
  await runBoundedPool({
    items: ids,
    concurrency,
    work: async (findingId) => {
      const observation = observe(findingId, found, input.evaluation.coverage);
      const transition = await applyObservation(deps.store, findingId, observation, stored.get(findingId), clock);
      if (transition) transitions.push(transition);
    },
  });

  const alerts = await publishDueAlerts(deps.store, deps.publisher, transitions, clock, { groupThreshold: settings.groupThreshold, concurrency, warn });

  const incomplete = input.outcome !== 'SUCCEEDED';
  const record = await runs.putIfAbsent({
    runId: input.runId,
    recordType: RUN_RECORD_TYPE,
    trigger: input.trigger,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    outcome: input.outcome,
    accounts: input.accounts,
    findings: countFindings(transitions),
    alerts,
    apiCalls: input.apiCalls,
    ...(input.snapshotKey ? { snapshotKey: input.snapshotKey } : {}),
    ...(incomplete ? { notAudited: notAuditedOf(input), incompleteNotice: 'PENDING' as const } : {}),
    recordedAt: now().toISOString(),
    expiresAt: Math.floor(Date.parse(input.finishedAt) / 1000) + settings.retentionDays * 86_400,
  });

  const previous = (await runs.listRecent(NOTICE_RETRY_RUNS)).filter((run) => run.incompleteNotice === 'PENDING' && run.runId !== record.runId);
  const sent = await sendIncompleteNotices([...(record.incompleteNotice === 'PENDING' ? [record] : []), ...previous], deps, warn);
  return sent.has(record.runId) ? { ...record, incompleteNotice: 'SENT' } : record;
}

function observe(findingId: string, found: ReadonlyMap<string, Finding>, coverage: ReadonlySet<string>): Observation {
  const finding = found.get(findingId);
  if (finding) return { kind: 'found', finding };
  return coverage.has(findingId) ? { kind: 'absent' } : { kind: 'not-evaluated' };
}

/** Decides and writes one item; on a conflicting write, re-reads it and decides again. */
async function applyObservation(
  store: AuditStore,
  findingId: string,
  observation: Observation,
  initial: FindingRecord | undefined,
  clock: RunClock,
): Promise<Transition | null> {
  let current = initial;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    const transition = nextFindingState(current, observation, clock);
    if (!transition) return null;
    if (await store.findings.putIfVersion(transition.record, current?.version)) return transition;
    current = await store.findings.get(findingId);
  }
  throw new Error(`finding ${findingId}: the item kept changing under ${MAX_WRITE_ATTEMPTS} attempts to write it`);
}

/**
 * Publishes the alerts due: those this run raised and those earlier runs could not publish.
 * A published alert is cleared from its finding; a failed one stays pending for the next run.
 */
async function publishDueAlerts(
  store: AuditStore,
  publisher: AlertPublisher,
  transitions: readonly Transition[],
  clock: RunClock,
  options: { groupThreshold: number; concurrency: number; warn: (message: string) => void },
): Promise<RunAlertCounts> {
  const { groupThreshold, concurrency, warn } = options;
  const due = new Map<string, AlertDue>();
  for (const record of await store.findings.listPendingAlerts()) {
    if (record.pendingAlert && record.status !== 'SUPPRESSED') due.set(record.findingId, { record, alert: record.pendingAlert });
  }
  for (const { record } of transitions) {
    if (record.pendingAlert) due.set(record.findingId, { record, alert: record.pendingAlert });
    else due.delete(record.findingId);
  }

  // Claim each alert before publishing it: an overlapping run that holds the same pending alert
  // (carried on the item it also wrote) then leaves it to us.
  const claimed: AlertDue[] = [];
  const claimedAt = clock.now;
  const staleBefore = new Date(Date.parse(clock.now) - CLAIM_TIMEOUT_MS).toISOString();
  await runBoundedPool({
    items: due.values(),
    concurrency,
    work: async (item) => {
      if (await store.findings.claimPendingAlert(item.record.findingId, item.alert.alertId, clock.runId, claimedAt, staleBefore)) claimed.push(item);
    },
  });

  const counts: RunAlertCounts = { messagesPublished: 0, findingsAlerted: 0, findingsPending: 0 };
  for (const { message, covers } of planAlerts(claimed, groupThreshold)) {
    try {
      await publisher.publish(message);
    } catch (error) {
      counts.findingsPending += covers.length;
      warn(`alert not published, left pending for the next run (${covers.length} finding(s), ${message.subject}): ${describeError(error)}`);
      for (const { record, alert } of covers) await store.findings.recordFailedAlert(record.findingId, alert.alertId);
      continue;
    }
    counts.messagesPublished += 1;
    counts.findingsAlerted += covers.length;
    for (const { record, alert } of covers) await store.findings.clearPendingAlert(record.findingId, alert.alertId);
  }
  return counts;
}

async function sendIncompleteNotices(pending: readonly RunRecord[], deps: ReconcileDependencies, warn: (message: string) => void): Promise<Set<string>> {
  const sent = new Set<string>();
  for (const run of pending) {
    try {
      await deps.publisher.publish(runIncompleteMessage(run));
    } catch (error) {
      warn(`notice of ${run.outcome} run ${run.runId} not published, retried by the next run: ${describeError(error)}`);
      continue;
    }
    await deps.store.runs.markNoticeSent(run.runId);
    sent.add(run.runId);
  }
  return sent;
}

function countFindings(transitions: readonly Transition[]): RunFindingCounts {
  const byKind = (kinds: readonly TransitionKind[]) => transitions.filter((t) => kinds.includes(t.kind)).length;
  const openBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const { record } of transitions) {
    // Found by this run (lastSeenAt is this run's start) and open after it.
    if (record.status === 'OPEN' && record.lastSeenAt === record.lastRunAt) openBySeverity[record.severity] += 1;
  }
  return {
    opened: byKind(['opened']),
    reopened: byKind(['reopened', 'suppression-expired']),
    stillOpen: byKind(['still-open', 'escalated']),
    escalated: byKind(['escalated']),
    resolved: byKind(['resolved']),
    suppressed: byKind(['suppressed-seen']),
    openBySeverity,
  };
}

function notAuditedOf(input: ReconcileRunInput): NotAudited {
  const unreachable = input.evaluation.findings.filter((f) => f.checkId === 'AUD-001').map((f) => f.accountId);
  const regions = input.evaluation.findings.filter((f) => f.checkId === 'AUD-002').map((f) => `${f.accountId} ${f.region ?? 'global'}`);
  return {
    accountIds: unique([...unreachable, ...(input.notAudited?.accountIds ?? [])]),
    accountRegions: unique([...regions, ...(input.notAudited?.accountRegions ?? [])]),
    notStartedAccountIds: unique(input.notAudited?.notStartedAccountIds ?? []),
    ...(input.notAudited?.reason ? { reason: input.notAudited.reason } : {}),
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

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
