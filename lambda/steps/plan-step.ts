/**
 * The state machine's first step: decides what the run audits and reads everything that is not
 * per member account. A full run takes the full-run lease (or exits, saying which run holds it),
 * reads the organization and writes its members in batches for the Distributed Map; a targeted
 * run (a tampering event) reads the org trails the event concerns and their resources, and
 * writes no batches.
 */
import { planOrganization } from '../collect/organization-plan';
import type { OrgTrail } from '../checks/model';
import { answerOf } from '../snapshot/types';
import { triggerOf, describeTrigger } from '../run/trigger';
import type { MemberBatch, PlanInput, PlanOutput, RunMode } from './step-contracts';
import type { PlanDependencies, StepDeadline } from './step-dependencies';
import { deadlineAfter, withCallDeadline } from '../aws/call-deadline';
import { RUN_FILE_KEYS } from './run-files';
import type { PlanFile } from './run-files-content';
import { isOrganizationWide, targetedResources, trailsConcernedBy } from './tampering-target';

/**
 * `deadline`: the calls still in flight when only `reserveMs` is left are stopped and recorded as
 * DeadlineExceeded (an account list cut short makes the run PARTIAL), so the plan always returns
 * before its Lambda timeout.
 */
export async function planStep(input: PlanInput, deps: PlanDependencies, deadline?: StepDeadline): Promise<PlanOutput> {
  const { environment: env, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const started = Date.now();
  const trigger = triggerOf(input.input);
  const mode: RunMode = trigger.kind === 'TAMPERING' ? 'TARGETED' : 'FULL';
  logger.appendKeys({ runId: input.runId, mode });
  logger.info('run planning', { cause: describeTrigger(trigger) });

  if (mode === 'FULL') {
    const leaseUntil = new Date(now().getTime() + deps.steps.runLeaseMinutes * 60_000);
    const attempt = await deps.lock.acquire(input.runId, now(), leaseUntil);
    if (!attempt.acquired) {
      const reason = `another full run (${attempt.holder}) is in progress (its lease ends ${attempt.leaseUntil}); this run exits without auditing`;
      logger.warn(reason);
      return { status: 'SKIPPED', runId: input.runId, reason };
    }
  }

  let concerned: OrgTrail[] | undefined;
  const clients = deps.createClients();
  const stop = deadline ? deadlineAfter(deadline.remainingTimeMs() - deadline.reserveMs, 'the plan neared its Lambda deadline') : undefined;
  const read = () =>
    planOrganization({
      clients,
      logArchiveAccountId: env.logArchiveAccountId,
      skipRegions: env.regionsToSkip,
      now,
      ...(trigger.kind === 'TAMPERING'
        ? {
            selectTrails: (orgTrails: readonly OrgTrail[]) => {
              concerned = trailsConcernedBy(trigger, orgTrails);
              return concerned;
            },
          }
        : {}),
    });
  const plan = await (stop ? withCallDeadline(stop.signal, read) : read()).finally(() => stop?.cancel());

  let targetResources: string[] | undefined;
  if (trigger.kind === 'TAMPERING') {
    const organizationWide = isOrganizationWide(trigger);
    if ((concerned ?? []).length === 0 && !organizationWide) {
      const reason = `${describeTrigger(trigger)} concerns no organization trail, log bucket or trail key: nothing to audit`;
      logger.info(reason);
      return { status: 'SKIPPED', runId: input.runId, reason };
    }
    targetResources = targetedResources(concerned ?? [], answerOf(plan.snapshot.organization)?.Id, organizationWide, plan.snapshot.partition);
  }

  const batches: MemberBatch[] = [];
  for (let start = 0; start < plan.memberAccountIds.length; start += deps.steps.batchSize) {
    batches.push({ batch: batches.length, accountIds: plan.memberAccountIds.slice(start, start + deps.steps.batchSize) });
  }
  const planFile: PlanFile = {
    snapshot: plan.snapshot,
    orgTrails: plan.orgTrails,
    callerAccountId: plan.callerAccountId,
    ...(targetResources ? { targetResources } : {}),
    usage: { apiCalls: clients.calls.byOperationName(), durationMs: 0, memoryMb: deps.memoryMb },
  };
  const planKey = RUN_FILE_KEYS.plan(input.runId);
  const batchesKey = RUN_FILE_KEYS.batches(input.runId);
  planFile.usage.durationMs = Date.now() - started;
  await Promise.all([deps.runFiles.putJson(planKey, planFile), deps.runFiles.putJson(batchesKey, batches)]);

  const output: PlanOutput = {
    status: 'PLANNED',
    runId: input.runId,
    startedAt: input.startedAt,
    mode,
    trigger,
    bucket: deps.runFiles.bucket,
    planKey,
    batchesKey,
    batchCount: batches.length,
    memberAccounts: plan.memberAccountIds.length,
  };
  logger.info('run planned', { batchCount: output.batchCount, memberAccounts: output.memberAccounts, apiCalls: clients.calls.total() });
  return output;
}
