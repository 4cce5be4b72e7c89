/**
 * One child of the Distributed Map: collects a batch of member accounts and writes its part of the
 * snapshot. It stops starting accounts when its deadline nears (those not started are recorded as
 * such, and the run is PARTIAL); an invocation that fails outright leaves no part, which the
 * finish step treats the same way for the whole batch.
 */
import { deadlineAfter } from '../aws/call-deadline';
import { collectMemberBatch } from '../collect/member-batch';
import { answerOf } from '../snapshot/types';
import type { CollectBatchInput, CollectBatchOutput } from './step-contracts';
import type { CollectBatchDependencies, StepDeadline } from './step-dependencies';
import { RUN_FILE_KEYS, RunFileError } from './run-files';
import type { PartFile, PlanFile } from './run-files-content';
import type { PriorEvidence } from '../collect/prior-evidence';

export async function collectBatchStep(input: CollectBatchInput, deadline: StepDeadline, deps: CollectBatchDependencies): Promise<CollectBatchOutput> {
  const { environment: env, logger } = deps;
  const started = Date.now();
  logger.appendKeys({ runId: input.run.runId, batch: input.batch });
  const plan = await deps.runFiles.getJson<PlanFile>(input.run.planKey);
  if (!plan) throw new RunFileError(`s3://${deps.runFiles.bucket}/${input.run.planKey}: the run's plan is missing`);

  const priorEvidence = await readProofs(deps, plan, input.accountIds);
  // New accounts stop at the reserve; calls still in flight at half of it are aborted, so the part is always written.
  const hardStop = deadlineAfter(deadline.remainingTimeMs() - deadline.reserveMs / 2, 'the batch neared its Lambda deadline');
  const clients = deps.createClients();
  const result = await collectMemberBatch({
    clients,
    accountIds: input.accountIds,
    orgTrails: plan.orgTrails,
    organizationId: answerOf(plan.snapshot.organization)?.Id,
    buckets: plan.snapshot.buckets ?? {},
    callerAccountId: plan.callerAccountId,
    skipRegions: env.regionsToSkip,
    evidenceMaxAgeMinutes: env.settings.evidenceMaxAgeMinutes,
    capturedAt: new Date(plan.snapshot.capturedAt),
    concurrency: env.concurrency,
    shouldStartAccount: () => deadline.remainingTimeMs() > deadline.reserveMs,
    deadline: hardStop.signal,
    ...(priorEvidence ? { priorEvidence } : {}),
  }).finally(() => hardStop.cancel());
  if (deps.deliveryProofs && result.deliveryProofs.length > 0) {
    await deps.deliveryProofs.record(result.deliveryProofs).catch((error: unknown) => {
      logger.warn('the new delivery proofs could not be kept; the next run lists those member-regions again', { error: error as Error });
    });
  }

  const partKey = RUN_FILE_KEYS.part(input.run.runId, input.batch);
  const part: PartFile = {
    batch: input.batch,
    accountIds: input.accountIds,
    result,
    usage: { apiCalls: clients.calls.byOperationName(), durationMs: Date.now() - started, memoryMb: deps.memoryMb },
  };
  await deps.runFiles.putJson(partKey, part);
  const output: CollectBatchOutput = {
    batch: input.batch,
    partKey,
    accounts: input.accountIds.length,
    failed: result.failedAccountIds.length,
    notStarted: result.notStartedAccountIds.length,
    apiCalls: clients.calls.total(),
    listingsSpared: result.evidenceFromPriorProofs,
  };
  if (output.notStarted > 0) logger.warn('batch stopped before its deadline: accounts not started', { notStarted: result.notStartedAccountIds });
  logger.info('batch collected', { ...output });
  return output;
}

/** The proofs kept for the batch's accounts in the trails' buckets; none (list everything) when the store cannot be read. */
async function readProofs(deps: CollectBatchDependencies, plan: PlanFile, accountIds: readonly string[]): Promise<PriorEvidence | undefined> {
  if (!deps.deliveryProofs) return undefined;
  const buckets = [...new Set(plan.orgTrails.map((trail) => trail.bucketName).filter((name): name is string => name !== undefined))];
  try {
    return await deps.deliveryProofs.read(buckets.flatMap((bucket) => accountIds.map((accountId) => ({ bucket, accountId }))));
  } catch (error) {
    deps.logger.warn('the delivery proofs could not be read; every member-region of the batch is listed', { error: error as Error });
    return undefined;
  }
}
