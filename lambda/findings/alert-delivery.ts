/**
 * The alert phase of reconcile: publish every alert that is due — raised by this run, or left
 * pending by an earlier one — and clear it from its finding, with nothing sent twice.
 *
 * 1. Finish earlier publishes: outbox entries (see alert-outbox.ts) name alerts already published
 *    whose findings were not all cleared; they are cleared now, never published again.
 * 2. Claim: an alert this run raised is born claimed by it; one left by another run is claimed with
 *    a conditional update (taken over only once that run's claim is stale), so overlapping runs
 *    never both send it.
 * 3. Per message (grouped by check and event, see alert-plan.ts): publish; record it in the outbox
 *    (one batch write); clear its findings' pending flags (parallel conditional updates, each only
 *    if the alert is still the same); delete the outbox entry.
 * A failed publish leaves the alerts pending and claimed until the claim is stale; the next run
 * takes them over (counting a failed attempt) and sends them.
 */
import { runBoundedPool } from '../concurrency/bounded-pool';
import type { AlertPublisher } from '../notify/alert-publisher';
import { planAlerts } from '../notify/alert-plan';
import type { AlertDue } from '../notify/finding-alert';
import { coveredKey, messageIdOf, type CoveredAlert, type OutboxEntry } from './alert-outbox';
import type { FindingRecord } from './finding-record';
import type { Transition } from './finding-transition';
import { describeError } from './item-retry';
import { FailureLog, retried, type ReconcileContext } from './reconcile-context';
import type { RunAlertCounts } from './run-record';

/** A claim on an alert older than this is taken over (its run is gone: Lambda runs at most 15 minutes). */
export const CLAIM_TIMEOUT_MS = 20 * 60_000;

export interface AlertDeliveryInput {
  publisher: AlertPublisher;
  groupThreshold: number;
  /** Alerts pending in the table when the run started (read before its writes). */
  pendingBefore: readonly FindingRecord[];
  /** Outbox entries left when the run started. */
  outboxBefore: readonly OutboxEntry[];
  transitions: readonly Transition[];
}

export async function deliverAlerts(context: ReconcileContext, input: AlertDeliveryInput): Promise<RunAlertCounts> {
  const counts: RunAlertCounts = { messagesPublished: 0, findingsAlerted: 0, findingsPending: 0, publishFailures: 0 };
  const clearFailures = new FailureLog(context.warn, 'published alert not cleared (the outbox keeps it; the next run clears it without publishing)');

  const announced = await finishEarlierPublishes(context, input.outboxBefore, clearFailures);

  const due = new Map<string, AlertDue>();
  for (const record of input.pendingBefore) {
    if (record.pendingAlert && record.status !== 'SUPPRESSED') due.set(record.findingId, { record, alert: record.pendingAlert });
  }
  for (const { record } of input.transitions) {
    if (record.pendingAlert && record.status !== 'SUPPRESSED') due.set(record.findingId, { record, alert: record.pendingAlert });
    else due.delete(record.findingId);
  }
  for (const [findingId, item] of due) if (announced.has(coveredKey({ findingId, alertId: item.alert.alertId }))) due.delete(findingId);

  const claimed = await claim(context, [...due.values()]);
  const unclaimed = due.size - claimed.length;
  if (unclaimed > 0) {
    counts.findingsPending += unclaimed;
    context.warn(`${unclaimed} pending alert(s) not claimed (another run holds them, or the claim failed): left pending`);
  }

  for (const { message, covers } of planAlerts(claimed, input.groupThreshold)) {
    if (!context.withinBudget()) {
      counts.findingsPending += covers.length;
      continue;
    }
    try {
      await input.publisher.publish(message);
    } catch (error) {
      counts.publishFailures += 1;
      counts.findingsPending += covers.length;
      context.warn(`alert not published, left pending for the next run (${covers.length} finding(s), ${message.subject}): ${describeError(error)}`);
      continue;
    }
    counts.messagesPublished += 1;
    counts.findingsAlerted += covers.length;
    const pairs = covers.map(({ record, alert }): CoveredAlert => ({ findingId: record.findingId, alertId: alert.alertId }));
    await settlePublished(context, messageIdOf(pairs), pairs, clearFailures);
  }
  clearFailures.summarize();
  return counts;
}

/** Clears the alerts of outbox entries left by a run that died after publishing; returns what they covered. */
async function finishEarlierPublishes(context: ReconcileContext, entries: readonly OutboxEntry[], failures: FailureLog): Promise<Set<string>> {
  const announced = new Set<string>();
  const byMessage = new Map<string, OutboxEntry[]>();
  for (const entry of entries) byMessage.set(entry.messageId, [...(byMessage.get(entry.messageId) ?? []), entry]);
  for (const parts of byMessage.values()) {
    const covers = parts.flatMap((entry) => entry.covers);
    for (const cover of covers) announced.add(coveredKey(cover));
    if (await clearCovered(context, covers, failures)) await removeOutbox(context, parts);
  }
  return announced;
}

/** After a publish: outbox first (so a crash cannot lead to a second publish), then the clears. */
async function settlePublished(context: ReconcileContext, messageId: string, covers: readonly CoveredAlert[], failures: FailureLog): Promise<void> {
  let entries: OutboxEntry[] | undefined;
  try {
    entries = await retried(context, () => context.store.outbox.recordPublished(messageId, covers, context.clock.runId, context.clock.now));
  } catch (error) {
    context.warn(`published message ${messageId} not recorded in the outbox (clearing its alerts directly): ${describeError(error)}`);
  }
  if ((await clearCovered(context, covers, failures)) && entries) await removeOutbox(context, entries);
}

/** Clears each covered alert (only if it is still the same alert); true when all were cleared. */
async function clearCovered(context: ReconcileContext, covers: readonly CoveredAlert[], failures: FailureLog): Promise<boolean> {
  let failed = 0;
  await runBoundedPool({
    items: covers,
    concurrency: context.concurrency,
    // Out of time: the outbox entry stays, and the next run clears the rest without publishing.
    shouldStart: context.withinBudget,
    skipped: () => (failed += 1),
    work: async ({ findingId, alertId }) => {
      try {
        await retried(context, () => context.store.findings.clearPendingAlert(findingId, alertId));
      } catch (error) {
        failed += 1;
        failures.add(`${findingId}: ${describeError(error)}`);
      }
    },
  });
  return failed === 0;
}

async function removeOutbox(context: ReconcileContext, entries: readonly OutboxEntry[]): Promise<void> {
  try {
    await retried(context, () => context.store.outbox.remove(entries));
  } catch (error) {
    // Harmless: the next run finds its alerts already cleared and deletes the entry then.
    context.warn(`outbox entry ${entries[0]?.messageId} not deleted: ${describeError(error)}`);
  }
}

/** Claims the alerts this run does not already hold; returns those it holds. */
async function claim(context: ReconcileContext, due: readonly AlertDue[]): Promise<AlertDue[]> {
  const { clock } = context;
  const staleBefore = new Date(Date.parse(clock.now) - CLAIM_TIMEOUT_MS).toISOString();
  const held: AlertDue[] = [];
  const toClaim: AlertDue[] = [];
  for (const item of due) (item.alert.claimedBy === clock.runId ? held : toClaim).push(item);
  await runBoundedPool({
    items: toClaim,
    concurrency: context.concurrency,
    work: async (item) => {
      const takingOver = item.alert.claimedBy !== undefined && item.alert.claimedBy !== clock.runId;
      try {
        const claimed = await retried(context, () =>
          context.store.findings.claimPendingAlert(item.record.findingId, item.alert.alertId, clock.runId, clock.now, staleBefore, takingOver),
        );
        if (claimed) held.push(item);
      } catch (error) {
        context.warn(`pending alert of ${item.record.findingId} not claimed, left for the next run: ${describeError(error)}`);
      }
    },
  });
  return held;
}
