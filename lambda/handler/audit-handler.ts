/**
 * The Lambda handler around one audit run: builds the dependencies once per cold start, names
 * the run after the invocation's request ID (a retried invocation replays the same run, which
 * reconcile makes a no-op), classifies the trigger, and gives the run its deadline.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { ABORT_RESERVE_MS, runAudit, type AuditRunDependencies, type AuditRunSummary } from './audit-run';
import { triggerOf } from './trigger';

/**
 * The time kept back from the 15-minute timeout once collection stops starting accounts: the
 * accounts in flight finish, then evaluate, the snapshot upload and reconcile (thousands of item
 * writes and the alerts) run in it.
 */
export const DEADLINE_RESERVE_MS = 3 * 60_000;

export type AuditHandler = (event: unknown, context: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>) => Promise<AuditRunSummary>;

/**
 * `deadlineReserveMs`: no member account starts with less than this left. `abortReserveMs`: calls
 * still in flight are aborted with less than this left, so the run record and notice are written.
 */
export function createAuditHandler(
  loadDependencies: () => AuditRunDependencies,
  deadlineReserveMs = DEADLINE_RESERVE_MS,
  abortReserveMs = ABORT_RESERVE_MS,
): AuditHandler {
  let dependencies: AuditRunDependencies | undefined;
  return async (event, context) => {
    dependencies ??= loadDependencies();
    return runAudit(
      {
        runId: context.awsRequestId || randomUUID(),
        trigger: triggerOf(event),
        remainingTimeMs: () => context.getRemainingTimeInMillis(),
        deadlineReserveMs,
        abortReserveMs,
      },
      dependencies,
    );
  };
}
