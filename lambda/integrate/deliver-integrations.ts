/**
 * After reconcile: deliver what the findings owe Security Hub and EventBridge, announce the run's
 * end, and count it all on the run record. Called once per run, after the run record is written
 * (the Lambda's audit run; the state machine's finish step).
 *
 * - Security Hub: every finding marked since its last delivery is imported in its current state
 *   (upsert by Id: ACTIVE/FAILED while open or suppressed, ARCHIVED/PASSED once resolved), plus a
 *   bounded sweep of open findings not imported for `refreshAfterDays` (Security Hub deletes a
 *   finding 90 days after its last update). Refused findings stay marked for the next run.
 * - EventBridge: each pending finding event is put on the default bus; refused ones stay pending.
 * - Turned off (or Security Hub not enabled): the marks are dropped, not kept forever.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { FindingRecord } from '../findings/finding-record';
import type { RunRecord } from '../findings/run-record';
import type { RunsStore } from '../findings/runs-store';
import { runBoundedPool } from '../concurrency/bounded-pool';
import { toAsffFinding } from './asff-finding';
import { findingEventEntry, runFinishedEntry, runFinishedEventId } from './eventbridge-entries';
import { putEvents, type KeyedEntry } from './eventbridge-put';
import type { IntegrationOutboxStore, Settlement } from './integration-outbox-store';
import type { RunIntegrationCounts, SecurityHubState } from './run-integration-counts';
import type { SecurityHubAvailability } from './security-hub-availability';
import { importFindings } from './security-hub-import';
import type { TokenBucket } from './token-bucket';

export interface IntegrationSettings {
  /** The default product ARN of the management account in the stack's region. */
  productArn: string;
  /** Put finding and run events on the default bus. */
  eventsEnabled: boolean;
  /** Open findings not imported for this many days are imported again (Security Hub keeps them 90). */
  refreshAfterDays: number;
  /** At most this many such re-imports per run (the rest wait for the next run). */
  refreshLimitPerRun: number;
  /** The published check reference, linked from each Security Hub finding. */
  checkReferenceUrl?: string;
}

export interface IntegrationDependencies {
  settings: IntegrationSettings;
  securityHub: SecurityHubClient;
  eventBridge: EventBridgeClient;
  availability: SecurityHubAvailability;
  /** Shared by every import of the Lambda instance (10 calls per second, bursts of 30). */
  limiter: TokenBucket;
}

export interface DeliveryContext {
  outbox: IntegrationOutboxStore;
  runs: RunsStore;
  now: Date;
  /** Account names by ID, from the run's snapshot. */
  accountNames?: ReadonlyMap<string, string>;
  warn: (message: string) => void;
}

/** Earlier runs whose `Audit Run Finished` event is put again if it failed. */
const RUN_EVENT_RETRY_RUNS = 20;
const SETTLE_CONCURRENCY = 16;

/**
 * Delivers everything owed after `run`, records the counts on its run record and returns them.
 * A replayed run (its record already has counts) delivers what is still owed, but neither
 * announces its end again nor overwrites the counts it recorded the first time.
 */
export async function deliverRunIntegrations(run: RunRecord, deps: IntegrationDependencies, context: DeliveryContext): Promise<RunIntegrationCounts> {
  const pending = await context.outbox.listPending();
  const ledger = new DeliveryLedger(pending);
  const securityHub = await importToSecurityHub(pending, ledger, deps, context);
  const findingEvents = await putFindingEvents(pending, ledger, deps, context);
  const settleErrors = await settleDelivered(ledger, context);
  const counts: RunIntegrationCounts = { securityHub, events: findingEvents, settleErrors };
  // A replay says what the first delivery of its end announcement recorded, not "OFF".
  if (run.integrations) return { ...counts, events: { ...counts.events, runFinished: run.integrations.events.runFinished } };
  if (deps.settings.eventsEnabled) counts.events = await announceRunFinished(run, counts, deps, context);
  await context.outbox.recordRunCounts(run.runId, counts);
  return counts;
}

/** A settlement while delivery fills it in. */
type SettlementInProgress = Settlement & { eventIds: Set<string> };

/** What this delivery settled per finding, and the item as it read it. */
class DeliveryLedger {
  private readonly settlements = new Map<string, SettlementInProgress>();
  private readonly items: Map<string, FindingRecord>;

  constructor(pending: readonly FindingRecord[]) {
    this.items = new Map(pending.map((record) => [record.findingId, record]));
  }

  remember(record: FindingRecord): void {
    this.items.set(record.findingId, record);
  }

  settlementOf(findingId: string): SettlementInProgress {
    let settlement = this.settlements.get(findingId);
    if (!settlement) this.settlements.set(findingId, (settlement = { findingId, eventIds: new Set<string>() }));
    return settlement;
  }

  *entries(): Generator<{ settlement: Settlement; delivered: FindingRecord | undefined }> {
    for (const settlement of this.settlements.values()) yield { settlement, delivered: this.items.get(settlement.findingId) };
  }
}

/**
 * Imports the findings marked for Security Hub, and the open ones not imported for
 * refreshAfterDays; records what Security Hub accepted. Off or not enabled: drops the marks.
 */
async function importToSecurityHub(
  pending: readonly FindingRecord[],
  ledger: DeliveryLedger,
  deps: IntegrationDependencies,
  context: DeliveryContext,
): Promise<RunIntegrationCounts['securityHub']> {
  const { settings } = deps;
  const state: SecurityHubState = await deps.availability.state();
  const counts = { state, imported: 0, refreshed: 0, failed: 0 };
  const marked = pending.filter((record) => record.integrationOutbox?.securityHub);
  if (state === 'DISABLED' || state === 'NOT_ENABLED') {
    // Nothing to deliver to: drop the marks (the refresh sweep imports open findings once it is on).
    for (const record of marked) ledger.settlementOf(record.findingId).securityHubMarkId = record.integrationOutbox?.securityHub?.markId;
    return counts;
  }
  if (state === 'UNKNOWN') return counts;

  const nowIso = context.now.toISOString();
  const refreshBefore = new Date(context.now.getTime() - settings.refreshAfterDays * 86_400_000).toISOString();
  const markedIds = new Set(marked.map((record) => record.findingId));
  const refreshes = (await context.outbox.listImportedBefore(refreshBefore, settings.refreshLimitPerRun + markedIds.size))
    .filter((record) => !markedIds.has(record.findingId))
    .slice(0, settings.refreshLimitPerRun);
  for (const record of refreshes) ledger.remember(record);

  const byAsffId = new Map<string, FindingRecord>();
  const findings = [...marked, ...refreshes].map((record) => {
    const finding = toAsffFinding(record, { productArn: settings.productArn, updatedAt: nowIso, accountNames: context.accountNames, checkReferenceUrl: settings.checkReferenceUrl });
    byAsffId.set(finding.Id ?? '', record);
    return finding;
  });
  const outcome = await importFindings(deps.securityHub, findings, deps.limiter);
  for (const id of outcome.imported) {
    const record = byAsffId.get(id);
    if (!record) continue;
    const settlement = ledger.settlementOf(record.findingId);
    settlement.importedAt = nowIso;
    if (record.integrationOutbox?.securityHub) settlement.securityHubMarkId = record.integrationOutbox.securityHub.markId;
    else counts.refreshed += 1;
  }
  counts.imported = outcome.imported.length;
  counts.failed = outcome.failed.length;
  const first = outcome.failed[0];
  if (first) context.warn(`Security Hub refused ${outcome.failed.length} finding(s), kept for the next run (first: ${first.id}: ${first.errorCode} ${first.errorMessage})`);
  return counts;
}

/** Puts every pending finding event; records what EventBridge accepted. Off: drops them. */
async function putFindingEvents(
  pending: readonly FindingRecord[],
  ledger: DeliveryLedger,
  deps: IntegrationDependencies,
  context: DeliveryContext,
): Promise<RunIntegrationCounts['events']> {
  const counts: RunIntegrationCounts['events'] = { enabled: deps.settings.eventsEnabled, put: 0, failed: 0, runFinished: 'OFF', earlierRunsPut: 0 };
  const owner = new Map<string, string>();
  const entries: KeyedEntry[] = [];
  for (const record of pending) {
    for (const event of record.integrationOutbox?.events ?? []) {
      if (!deps.settings.eventsEnabled) {
        ledger.settlementOf(record.findingId).eventIds.add(event.eventId);
        continue;
      }
      owner.set(event.eventId, record.findingId);
      entries.push({ key: event.eventId, entry: findingEventEntry(record, event) });
    }
  }
  if (entries.length === 0) return counts;
  const outcome = await putEvents(deps.eventBridge, entries);
  for (const key of outcome.put) {
    const findingId = owner.get(key);
    if (findingId) ledger.settlementOf(findingId).eventIds.add(key);
  }
  counts.put = outcome.put.length;
  counts.failed = outcome.failed.length;
  const first = outcome.failed[0];
  if (first) context.warn(`EventBridge refused ${outcome.failed.length} finding event(s), kept for the next run (first: ${first.key}: ${first.errorCode} ${first.errorMessage})`);
  return counts;
}

/** Clears what was delivered from each finding's outbox; returns how many could not be cleared. */
async function settleDelivered(ledger: DeliveryLedger, context: DeliveryContext): Promise<number> {
  let errors = 0;
  await runBoundedPool({
    items: ledger.entries(),
    concurrency: SETTLE_CONCURRENCY,
    work: async ({ settlement, delivered }) => {
      try {
        await context.outbox.settle(settlement, delivered);
      } catch (error) {
        errors += 1;
        context.warn(`finding ${settlement.findingId}: delivered integrations not cleared, sent again next run: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
  return errors;
}

/** Puts this run's `Audit Run Finished`, and those of recent runs that could not be put. */
async function announceRunFinished(
  run: RunRecord,
  counts: RunIntegrationCounts,
  deps: IntegrationDependencies,
  context: DeliveryContext,
): Promise<RunIntegrationCounts['events']> {
  const events = { ...counts.events };
  const earlier = (await context.runs.listRecent(RUN_EVENT_RETRY_RUNS)).filter((r) => r.runId !== run.runId && r.integrations?.events.runFinished === 'FAILED');
  const finished: RunRecord = { ...run, integrations: { ...counts, events: { ...events, runFinished: 'PUT' } } };
  const outcome = await putEvents(deps.eventBridge, [finished, ...earlier].map((r) => ({ key: runFinishedEventId(r.runId), entry: runFinishedEntry(r) })));
  const put = new Set(outcome.put);
  events.runFinished = put.has(runFinishedEventId(run.runId)) ? 'PUT' : 'FAILED';
  for (const earlierRun of earlier) {
    if (!put.has(runFinishedEventId(earlierRun.runId)) || !earlierRun.integrations) continue;
    events.earlierRunsPut += 1;
    await context.outbox.recordRunCounts(earlierRun.runId, { ...earlierRun.integrations, events: { ...earlierRun.integrations.events, runFinished: 'PUT' } });
  }
  if (events.runFinished === 'FAILED') context.warn(`the Audit Run Finished event of run ${run.runId} was not put; the next run puts it again`);
  return events;
}
