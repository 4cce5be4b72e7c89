/**
 * The write phase of reconcile: every finding identity the run found or the table holds open gets
 * its observation, its next state, and — only if something changed — one conditional write. Writes
 * run in parallel (bounded); a conflict re-reads the item and decides again; a write that keeps
 * failing is retried within the run's budget, then counted and left for the next run.
 */
import { runBoundedPool } from '../concurrency/bounded-pool';
import type { AccountScope } from '../checks/context';
import { parseFindingKey, type Finding } from './finding';
import type { FindingRecord } from './finding-record';
import { nextFindingState, type Observation, type Transition } from './finding-transition';
import { describeError } from './item-retry';
import { FailureLog, retried, type ReconcileContext } from './reconcile-context';

/** Attempts per item when its conditional write keeps conflicting (each re-reads the item). */
const MAX_CONFLICT_ATTEMPTS = 8;

export class ItemKeptChangingError extends Error {}

export interface AppliedObservations {
  /** What changed (written) and what was found again unchanged (not written). */
  transitions: Transition[];
  /** Findings whose change could not be written. */
  notWritten: number;
}

export async function applyObservations(
  context: ReconcileContext,
  found: ReadonlyMap<string, Finding>,
  /** Emptied as the items are decided (at 85,000 findings the stored items are most of the memory). */
  stored: Map<string, FindingRecord>,
  coverage: ReadonlySet<string>,
  scope: AccountScope,
): Promise<AppliedObservations> {
  const transitions: Transition[] = [];
  const failures = new FailureLog(context.warn, 'finding not written, left for the next run');
  const ids = [...new Set([...found.keys(), ...stored.keys()])];
  await runBoundedPool({
    items: ids,
    concurrency: context.concurrency,
    shouldStart: context.withinBudget,
    skipped: (findingId) => failures.add(`${findingId}: the run's time ran out before it was written`),
    work: async (findingId) => {
      const observation = observe(findingId, found, coverage, scope);
      const current = stored.get(findingId);
      stored.delete(findingId);
      try {
        const transition = await applyOne(context, findingId, observation, current);
        if (transition) transitions.push(transition);
      } catch (error) {
        failures.add(`${findingId}: ${describeError(error)}`);
      }
    },
  });
  failures.summarize();
  return { transitions, notWritten: failures.total };
}

/**
 * What this run knows about one finding identity. A finding not found resolves when the run
 * evaluated it — but never for an account outside the run's scope when the account list was
 * incomplete (the account may simply not have been listed) — or, on a complete list, when its
 * account is no longer audited (AUD-004).
 */
export function observe(findingId: string, found: ReadonlyMap<string, Finding>, coverage: ReadonlySet<string>, scope: AccountScope): Observation {
  const finding = found.get(findingId);
  if (finding) return { kind: 'found', finding };
  const { accountId } = parseFindingKey(findingId);
  const inScope = scope.auditedAccountIds.has(accountId);
  if (coverage.has(findingId)) return inScope || scope.listComplete ? { kind: 'absent' } : { kind: 'not-evaluated' };
  if (scope.listComplete && scope.auditedAccountIds.size > 0 && !inScope) return { kind: 'account-not-audited' };
  return { kind: 'not-evaluated' };
}

/** Decides and writes one item; on a conflicting write, re-reads it and decides again. */
async function applyOne(context: ReconcileContext, findingId: string, observation: Observation, initial: FindingRecord | undefined): Promise<Transition | null> {
  const { findings } = context.store;
  let current = initial;
  for (let attempt = 1; attempt <= MAX_CONFLICT_ATTEMPTS; attempt++) {
    const transition = nextFindingState(current, observation, context.clock);
    if (!transition || !transition.needsWrite) return transition;
    const expected = current?.version;
    if (await retried(context, () => findings.putIfVersion(transition.record, expected))) return transition;
    current = await retried(context, () => findings.get(findingId));
  }
  throw new ItemKeptChangingError(`the item kept changing under ${MAX_CONFLICT_ATTEMPTS} attempts to write it`);
}
