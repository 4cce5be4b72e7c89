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

/** Delivers everything owed after `run`, records the counts on its run record and returns them. */
export async function deliverRunIntegrations(run: RunRecord, deps: IntegrationDependencies, context: DeliveryContext): Promise<RunIntegrationCounts> {
  const { settings } = deps;
  const { outbox, warn } = context;
  const nowIso = context.now.toISOString();
  const pending = await outbox.listPending();
  const settlements = new Map<string, { eventIds: Set<string>; securityHubMarkId?: string; importedAt?: string }>();
  const deliveredItems = new Map<string, FindingRecord>(pending.map((record) => [record.findingId, record]));
  const settlementOf = (findingId: string) => {
    let settlement = settlements.get(findingId);
    if (!settlement) settlements.set(findingId, (settlement = { eventIds: new Set() }));
    return settlement;
  };

  // Security Hub.
  const state: SecurityHubState = await deps.availability.state();
  const securityHub = { state, imported: 0, refreshed: 0, failed: 0 };
  const marked = pending.filter((record) => record.integrationOutbox?.securityHub);
  if (state === 'IMPORTING') {
    const refreshBefore = new Date(context.now.getTime() - settings.refreshAfterDays * 86_400_000).toISOString();
    const markedIds = new Set(marked.map((record) => record.findingId));
    const refreshes = (await outbox.listImportedBefore(refreshBefore, settings.refreshLimitPerRun + markedIds.size)).filter((r) => !markedIds.has(r.findingId)).slice(0, settings.refreshLimitPerRun);
    for (const record of refreshes) deliveredItems.set(record.findingId, record);
    const toImport = [...marked, ...refreshes];
    const byAsffId = new Map<string, FindingRecord>();
    const findings = toImport.map((record) => {
      const finding = toAsffFinding(record, { productArn: settings.productArn, updatedAt: nowIso, accountNames: context.accountNames, checkReferenceUrl: settings.checkReferenceUrl });
      byAsffId.set(finding.Id ?? '', record);
      return finding;
    });
    const outcome = await importFindings(deps.securityHub, findings, deps.limiter);
    for (const id of outcome.imported) {
      const record = byAsffId.get(id);
      if (!record) continue;
      const settlement = settlementOf(record.findingId);
      settlement.importedAt = nowIso;
      if (record.integrationOutbox?.securityHub) settlement.securityHubMarkId = record.integrationOutbox.securityHub.markId;
      else securityHub.refreshed += 1;
    }
    securityHub.imported = outcome.imported.length;
    securityHub.failed = outcome.failed.length;
    if (outcome.failed.length > 0) {
      const first = outcome.failed[0];
      warn(`Security Hub refused ${outcome.failed.length} finding(s), kept for the next run (first: ${first?.id}: ${first?.errorCode} ${first?.errorMessage})`);
    }
  } else if (state === 'DISABLED' || state === 'NOT_ENABLED') {
    // Nothing to deliver to: drop the marks (the refresh sweep imports open findings once it is on).
    for (const record of marked) settlementOf(record.findingId).securityHubMarkId = record.integrationOutbox?.securityHub?.markId;
  }

  // EventBridge: the findings' events.
  const events = { enabled: settings.eventsEnabled, put: 0, failed: 0, runFinished: 'OFF' as RunIntegrationCounts['events']['runFinished'], earlierRunsPut: 0 };
  const eventOwner = new Map<string, string>();
  const entries: KeyedEntry[] = [];
  for (const record of pending) {
    for (const event of record.integrationOutbox?.events ?? []) {
      if (!settings.eventsEnabled) {
        settlementOf(record.findingId).eventIds.add(event.eventId);
        continue;
      }
      eventOwner.set(event.eventId, record.findingId);
      entries.push({ key: event.eventId, entry: findingEventEntry(record, event) });
    }
  }
  if (entries.length > 0) {
    const outcome = await putEvents(deps.eventBridge, entries);
    for (const key of outcome.put) settlementOf(eventOwner.get(key) ?? '').eventIds.add(key);
    events.put = outcome.put.length;
    events.failed = outcome.failed.length;
    if (outcome.failed.length > 0) {
      const first = outcome.failed[0];
      warn(`EventBridge refused ${outcome.failed.length} finding event(s), kept for the next run (first: ${first?.key}: ${first?.errorCode} ${first?.errorMessage})`);
    }
  }

  // Clear what was delivered.
  let settleErrors = 0;
  await runBoundedPool({
    items: [...settlements].filter(([findingId]) => findingId !== ''),
    concurrency: SETTLE_CONCURRENCY,
    work: async ([findingId, settlement]) => {
      const request: Settlement = { findingId, ...settlement };
      try {
        await outbox.settle(request, deliveredItems.get(findingId));
      } catch (error) {
        settleErrors += 1;
        warn(`finding ${findingId}: delivered integrations not cleared, sent again next run: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });

  const counts: RunIntegrationCounts = { securityHub, events, settleErrors };

  // The run's end, and earlier runs' ends that could not be put.
  if (settings.eventsEnabled) {
    const earlier = (await context.runs.listRecent(RUN_EVENT_RETRY_RUNS)).filter((r) => r.runId !== run.runId && r.integrations?.events.runFinished === 'FAILED');
    const finished = { ...run, integrations: { ...counts, events: { ...events, runFinished: 'PUT' as const } } };
    const outcome = await putEvents(deps.eventBridge, [finished, ...earlier].map((r) => ({ key: runFinishedEventId(r.runId), entry: runFinishedEntry(r) })));
    const put = new Set(outcome.put);
    events.runFinished = put.has(runFinishedEventId(run.runId)) ? 'PUT' : 'FAILED';
    for (const earlierRun of earlier) {
      if (!put.has(runFinishedEventId(earlierRun.runId)) || !earlierRun.integrations) continue;
      events.earlierRunsPut += 1;
      await outbox.recordRunCounts(earlierRun.runId, { ...earlierRun.integrations, events: { ...earlierRun.integrations.events, runFinished: 'PUT' } });
    }
    if (events.runFinished === 'FAILED') warn(`the Audit Run Finished event of run ${run.runId} was not put; the next run puts it again`);
  }

  await outbox.recordRunCounts(run.runId, counts);
  return counts;
}
