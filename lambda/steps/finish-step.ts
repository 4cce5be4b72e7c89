/**
 * The state machine's last step, reached after the Distributed Map or through a Catch: merges the
 * plan and the batches' parts into the run's snapshot, evaluates it (a targeted run: only the
 * subjects it read), stores it, reconciles, writes the run record with its cost, and gives the
 * full-run lease back. A batch without a part (it failed) makes the run PARTIAL and resolves
 * nothing of its accounts; a run whose plan failed is recorded as FAILED.
 */
import { evaluate } from '../checks/evaluate';
import { isActive } from '../checks/model';
import { addUsage, EMPTY_USAGE, estimateRunCost, lambdaGbSeconds, s3UsageOf, type RunCost, type RunUsage } from '../cost/run-cost';
import { createAuditStore } from '../findings/audit-store';
import { reconcileRun, type ReconcileRunInput } from '../findings/reconcile';
import type { AccountTally, RunOutcome, RunRecord } from '../findings/run-record';
import { publishRunMetrics, RUN_TRIGGER, runSummaryOf, type AuditRunSummary } from '../run/run-metrics';
import { storeSnapshot } from '../run/snapshot-evidence';
import { triggerOf, type AuditTrigger } from '../run/trigger';
import { SnsAlertPublisher } from '../notify/alert-publisher';
import { RUN_FILE_KEYS } from './run-files';
import type { PartFile, PlanFile, StepUsage } from './run-files-content';
import { recordRunCost } from './run-cost-record';
import type { FinishInput, MemberBatch, PlannedRun } from './step-contracts';
import type { FinishDependencies, StepDeadline } from './step-dependencies';
import { mergeMemberBatches } from './snapshot-merge';
import { answerOf, type Snapshot } from '../snapshot/types';
import { scopeEvaluation } from './tampering-target';

/** State transitions of the parent execution (plan, the choice, the map, finish). */
const PARENT_TRANSITIONS = 4;
/** Per batch: the child execution's start and its one task. */
const TRANSITIONS_PER_BATCH = 2;
/** DynamoDB write units per finding item written (items carry their history: about 2 KB). */
const WRITE_UNITS_PER_FINDING = 2;

export interface FinishSummary extends AuditRunSummary {
  cost: RunCost;
}

/**
 * `deadline`: the invocation's time left; reconcile starts no finding write with less than
 * RECORD_RESERVE_MS left (those are left for the next run, and the run is PARTIAL), so that the run
 * record is written before the function's timeout. Absent: no limit.
 */
export async function finishStep(input: FinishInput, deps: FinishDependencies, deadline?: Pick<StepDeadline, 'remainingTimeMs'>): Promise<FinishSummary> {
  const { environment: env, logger, metrics } = deps;
  const now = deps.now ?? (() => new Date());
  const started = Date.now();
  const plan = input.state.plan?.status === 'PLANNED' ? input.state.plan : undefined;
  const trigger: AuditTrigger = plan?.trigger ?? triggerOf(input.state);
  logger.appendKeys({ runId: input.runId });
  const caught = input.state.error ? `${input.state.error.Error ?? 'Error'}: ${input.state.error.Cause ?? 'no cause given'}` : undefined;

  const store = createAuditStore(deps.dynamodb, { findingsTable: env.findingsTableName, runsTable: env.runsTableName });
  const reconcileDependencies = {
    store,
    publisher: new SnsAlertPublisher(deps.sns, env.alertTopicArn),
    settings: { minAlertSeverity: env.minAlertSeverity, groupThreshold: env.groupThreshold, retentionDays: env.findingsRetentionDays },
    now,
    warn: (message: string) => logger.warn(message),
    ...(deadline ? { remainingTimeMs: deadline.remainingTimeMs } : {}),
  };
  const planFile = plan ? await deps.runFiles.getJson<PlanFile>(plan.planKey) : undefined;

  let reconcileInput: ReconcileRunInput;
  let snapshot: Snapshot | undefined;
  let usage: RunUsage = EMPTY_USAGE;
  let batchCount = 0;
  if (!plan || !planFile) {
    // Planning failed (no credentials, the organization unreadable, the plan step timed out):
    // a FAILED record, which resolves nothing and sends the notice.
    const reason = caught ?? (plan ? `the run's plan ${plan.planKey} is missing` : 'the run was not planned');
    logger.error('run failed before any account was read', { reason });
    reconcileInput = {
      runId: input.runId,
      trigger: RUN_TRIGGER[trigger.kind],
      startedAt: input.startedAt,
      finishedAt: now().toISOString(),
      evaluation: { findings: [], coverage: new Set(), accountScope: { auditedAccountIds: new Set(), listComplete: false } },
      accounts: { total: 0, audited: 0, failed: 0, notStarted: 0 },
      apiCalls: 0,
      outcome: 'FAILED',
      notAudited: { reason },
    };
  } else {
    const batches = (await deps.runFiles.getJson<MemberBatch[]>(plan.batchesKey)) ?? [];
    batchCount = batches.length;
    const parts = await readParts(deps, plan, batches);
    const missing = batches.filter((batch) => !parts.has(batch.batch));
    const found = [...parts.values()];
    snapshot = mergeMemberBatches(planFile.snapshot, found.map((part) => part.result));
    const full = evaluate(snapshot, env.settings);
    const evaluation = planFile.targetResources ? scopeEvaluation(full, planFile.targetResources) : full;

    const notStarted = [...missing.flatMap((batch) => batch.accountIds), ...found.flatMap((part) => part.result.notStartedAccountIds)].sort();
    const failed = found.reduce((sum, part) => sum + part.result.failedAccountIds.length, 0);
    const active = (answerOf(snapshot.accounts) ?? []).filter((account) => account.Id && isActive(account)).length;
    const accounts: AccountTally = { total: active, audited: Math.max(0, active - failed - notStarted.length), failed, notStarted: notStarted.length };
    const listError = plan.mode === 'FULL' ? snapshot.accountsIncomplete : undefined;
    const reasons = [
      ...(missing.length > 0 ? [`${missing.length} of ${batches.length} batch(es) failed: their ${missing.reduce((n, b) => n + b.accountIds.length, 0)} account(s) were not collected`] : []),
      ...(found.some((part) => part.result.notStartedAccountIds.length > 0) ? ['a batch neared its Lambda deadline and stopped starting accounts'] : []),
      ...(listError ? [`ListAccounts failed (${listError.code}): accounts after it were not seen`] : []),
      ...(caught ? [`the run was interrupted: ${caught}`] : []),
    ];
    const outcome: RunOutcome = reasons.length === 0 ? 'SUCCEEDED' : 'PARTIAL';
    if (outcome === 'PARTIAL') logger.warn('run is partial', { reasons, notStarted: notStarted.length });

    const snapshotKey = await storeSnapshot(deps.s3, env.evidenceBucketName, snapshot, input.runId).catch((error: unknown) => {
      logger.error('the snapshot could not be stored; the run continues without it', { error: error as Error });
      return undefined;
    });
    const stepUsages = [planFile.usage, ...found.map((part) => part.usage)];
    const apiCalls = stepUsages.reduce((sum, step) => sum + Object.values(step.apiCalls).reduce((a, b) => a + b, 0), 0);
    usage = stepUsages.reduce((sum, step) => addUsage(sum, usageOfStep(step)), EMPTY_USAGE);
    reconcileInput = {
      runId: input.runId,
      trigger: RUN_TRIGGER[trigger.kind],
      startedAt: input.startedAt,
      finishedAt: now().toISOString(),
      evaluation,
      accounts,
      apiCalls,
      ...(snapshotKey ? { snapshotKey } : {}),
      outcome,
      ...(outcome === 'PARTIAL' ? { notAudited: { notStartedAccountIds: notStarted, reason: reasons.join('; ') } } : {}),
    };
  }

  const record = await reconcileRun(reconcileInput, reconcileDependencies);
  const integrations = deps.afterReconcile
    ? await deps.afterReconcile(record, snapshot).catch((error: unknown) => {
        logger.error('what follows reconcile (integrations) failed; the run is recorded', { error: error as Error });
        return undefined;
      })
    : undefined;
  const cost = estimateRunCost(
    addUsage(usage, {
      ...usageOfStep({ apiCalls: {}, durationMs: Date.now() - started, memoryMb: deps.memoryMb }),
      s3ListPutRequests: deps.runFiles.requests.put + (record.snapshotKey ? 1 : 0),
      s3GetOtherRequests: deps.runFiles.requests.get,
      stateTransitions: PARENT_TRANSITIONS + TRANSITIONS_PER_BATCH * batchCount,
      dynamodbWriteUnits: WRITE_UNITS_PER_FINDING * findingWrites(record) + 2 + (plan?.mode === 'FULL' ? 2 : 0),
      dynamodbReadUnits: record.findings.stillOpen + record.findings.resolved + record.findings.suppressed,
    }),
  );
  await recordRunCost(deps.dynamodb, env.runsTableName, record.runId, cost).catch((error: unknown) => {
    logger.warn('the run cost could not be added to its record', { error: error as Error });
  });
  if (plan?.mode === 'FULL' || !plan) await deps.lock.release(input.runId);

  publishRunMetrics(metrics, record, now().getTime() - Date.parse(input.startedAt));
  const summary: FinishSummary = { ...runSummaryOf(record), ...(integrations ? { integrations } : {}), cost };
  logger.info('audit finished', { ...summary });
  return summary;
}

/** Every batch's part, by batch number; a batch that wrote none is absent. */
async function readParts(deps: FinishDependencies, plan: PlannedRun, batches: readonly MemberBatch[]): Promise<Map<number, PartFile>> {
  const parts = new Map<number, PartFile>();
  const queue = [...batches];
  const readers = Array.from({ length: Math.min(16, queue.length) }, async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const part = await deps.runFiles.getJson<PartFile>(RUN_FILE_KEYS.part(plan.runId, batch.batch));
      if (part) parts.set(batch.batch, part);
    }
  });
  await Promise.all(readers);
  return parts;
}

function usageOfStep(step: StepUsage): Partial<RunUsage> {
  return { ...s3UsageOf(step.apiCalls), lambdaGbSeconds: lambdaGbSeconds(step.memoryMb, step.durationMs), lambdaInvocations: 1 };
}

function findingWrites(record: RunRecord): number {
  const f = record.findings;
  return f.opened + f.reopened + f.stillOpen + f.resolved + f.suppressed;
}
