/**
 * Scale benchmark (`npm run bench:scale`): the audit state machine's steps at the AWS
 * Organizations ceiling, 10,000 members × 17 regions, through the simulated AWS over HTTP (a child
 * process answering every call after 50 ms), dynalite and s3rver, with the production client
 * settings, batch size and per-batch concurrency.
 *
 * Measured for real: the plan step; one batch (production batch size) in this process; two other
 * batches at once, each in its own process as Lambda runs them (do they slow each other?); and the
 * finish step over every batch's part. The parts of the batches not run here are written from the
 * synthetic organization's own data (what a batch writes: test/steps/audit-steps.e2e.test.ts proves
 * the merged parts equal a single collection), so that finish merges, evaluates and reconciles the
 * whole organization.
 *
 * Projected: the whole run's wall time at the default MaxConcurrency, from the measured times:
 *   plan + waves × (the slower of the parallel batches) + finish + a Step Functions allowance.
 * Also printed: the API calls, and the estimated monthly cost at 5,000 and 10,000 members with an
 * hourly schedule, the floor the evidence window sets on it, and the window that would bring it under
 * $50 at 5,000 members. The last line is `projected wall time at 10000 members: X s`.
 *
 *   BENCH_MEMBERS=2000 npm run bench:scale     # a smaller organization
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { AWS_PRICES } from '../lambda/cost/aws-prices';
import { estimateRunCost, type RunCost, type RunUsage } from '../lambda/cost/run-cost';
import { collectBatchStep } from '../lambda/steps/collect-batch-step';
import { finishStep } from '../lambda/steps/finish-step';
import { planStep } from '../lambda/steps/plan-step';
import { RUN_FILE_KEYS } from '../lambda/steps/run-files';
import type { PartFile, PlanFile } from '../lambda/steps/run-files-content';
import type { CollectBatchInput, MemberBatch, PlannedRun } from '../lambda/steps/step-contracts';
import { DEFAULT_BATCH_SIZE, DEFAULT_MAX_CONCURRENCY } from '../lib/config';
import { STEP_MEMORY_MB } from '../lib/audit-steps';
import { DEFAULT_CONCURRENCY } from '../lambda/collect';
import type { DeliveryEvidence } from '../lambda/snapshot/types';
import { benchDependencies, startBenchEnvironment } from './scale-environment';
import { syntheticOrganization } from './synthetic-org';

const execFileAsync = promisify(execFile);
// The finish step's metrics go to CloudWatch in Lambda; here they would only clutter the figures.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
const LATENCY_MS = 50;
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const REGIONS = 17;
/** Not measured here: starting the Distributed Map, the state transitions and the Lambda cold starts (a few seconds in AWS). */
const STEP_FUNCTIONS_ALLOWANCE_MS = 5_000;
const RUNS_PER_MONTH = 730;
/** The default evidence window and schedule: a proof found at a run stands for the next runs inside the window. */
const EVIDENCE_MAX_AGE_MINUTES = 180;
const SCHEDULE_MINUTES = 60;
/** How old the newest log file typically is when listed (CloudTrail delivers about every 5 minutes). */
const DELIVERY_LAG_MINUTES = 5;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
const dollars = (usd: number) => `$${usd.toFixed(2)}`;

const COST_TARGET_USD = 50;

/** Hourly runs per listing of one member-region: a proof found DELIVERY_LAG_MINUTES old stands until the window passes it. */
function runsPerListing(windowMinutes: number): number {
  return Math.max(1, Math.floor((windowMinutes - DELIVERY_LAG_MINUTES) / SCHEDULE_MINUTES) + 1);
}

/**
 * A month of hourly runs at `members`, scaled from the measured run of MEMBERS (whose LIST requests
 * are nearly all the members' evidence listings), where each member-region is listed once per
 * `runsPerListing` runs and its proof item written then; each run reads every member's proof item
 * (half a read unit each, eventually consistent). The prices are linear: a month's usage is priced at once.
 */
function monthlyCost(measured: RunUsage, members: number, windowMinutes: number): RunCost {
  const scale = members / MEMBERS;
  const listings = (measured.s3ListPutRequests * scale) / runsPerListing(windowMinutes);
  const run: RunUsage = {
    ...measured,
    s3ListPutRequests: listings,
    s3GetOtherRequests: measured.s3GetOtherRequests * scale,
    lambdaGbSeconds: measured.lambdaGbSeconds * scale,
    lambdaInvocations: measured.lambdaInvocations * scale,
    stateTransitions: measured.stateTransitions * scale,
    dynamodbWriteUnits: measured.dynamodbWriteUnits * scale + listings / REGIONS,
    dynamodbReadUnits: measured.dynamodbReadUnits * scale + members * 0.5,
  };
  for (const key of Object.keys(run) as (keyof RunUsage)[]) run[key] *= RUNS_PER_MONTH;
  return estimateRunCost(run);
}

async function main(): Promise<void> {
  const original = syntheticOrganization({ members: MEMBERS });
  const capturedAt = () => new Date(original.capturedAt);
  const environment = await startBenchEnvironment(original, { latencyMs: LATENCY_MS, tablePrefix: 'bench-', memoryMb: STEP_MEMORY_MB.collectBatch });
  try {
    const { endpoints } = environment;
    const sns = new SNSClient({ region: 'us-east-1' });
    mockClient(sns).on(PublishCommand).resolves({ MessageId: 'bench' });
    const deps = benchDependencies(endpoints, sns, capturedAt);
    const runId = 'bench-scale';
    const startedAt = original.capturedAt;

    console.log(`\n${MEMBERS} members × ${REGIONS} regions over HTTP, ${LATENCY_MS} ms per call; batch size ${DEFAULT_BATCH_SIZE}, ${DEFAULT_CONCURRENCY} accounts at once per batch, MaxConcurrency ${DEFAULT_MAX_CONCURRENCY}`);

    // Plan.
    let started = Date.now();
    const plan = (await planStep({ runId, startedAt, input: { trigger: 'SCHEDULE' } }, { ...deps, memoryMb: STEP_MEMORY_MB.plan })) as PlannedRun;
    const planMs = Date.now() - started;
    if (plan.status !== 'PLANNED') throw new Error(`the plan did not plan: ${JSON.stringify(plan)}`);
    const planFile = (await deps.runFiles.getJson<PlanFile>(plan.planKey)) as PlanFile;
    const planCalls = Object.values(planFile.usage.apiCalls).reduce((a, b) => a + b, 0);
    const batches = (await deps.runFiles.getJson<MemberBatch[]>(plan.batchesKey)) ?? [];
    line(`plan (organization, trails, ${MEMBERS + 1}-account list)`, `${seconds(planMs)}, ${planCalls} API calls, ${batches.length} batches`);

    const batchInput = (batch: MemberBatch): CollectBatchInput => ({ ...batch, run: { runId, bucket: plan.bucket, planKey: plan.planKey } });
    // One batch, in this process.
    const cpuBefore = process.cpuUsage();
    started = Date.now();
    const one = await collectBatchStep(batchInput(batches[0] as MemberBatch), { remainingTimeMs: () => 300_000 - (Date.now() - started), reserveMs: 60_000 }, deps);
    const oneMs = Date.now() - started;
    const oneCpu = process.cpuUsage(cpuBefore);
    line('one batch (this process)', `${seconds(oneMs)}, ${one.apiCalls} API calls (${(one.apiCalls / one.accounts).toFixed(1)} per member), CPU ${seconds((oneCpu.user + oneCpu.system) / 1000)}`);

    // Two batches at once, each in its own process.
    const worker = join(__dirname, `scale-batch-worker.${__filename.endsWith('.ts') ? 'ts' : 'js'}`);
    const execArgv = __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
    const parallel = await Promise.all(
      [batches[1], batches[2]].filter((batch): batch is MemberBatch => batch !== undefined).map(async (batch) => {
        const { stdout } = await execFileAsync(process.execPath, [...execArgv, worker, JSON.stringify({ endpoints, input: batchInput(batch), capturedAt: original.capturedAt })], { maxBuffer: 1 << 20 });
        return JSON.parse(stdout.trim().split('\n').pop() as string) as { wallMs: number; cpuMs: number; output: { apiCalls: number } };
      }),
    );
    const parallelMs = Math.max(oneMs, ...parallel.map((result) => result.wallMs));
    for (const [index, result] of parallel.entries()) {
      line(`batch ${index + 1} of 2 in parallel (own process)`, `${seconds(result.wallMs)}, ${result.output.apiCalls} API calls, CPU ${seconds(result.cpuMs)}`);
    }
    const slowdown = parallel.length > 0 ? Math.max(...parallel.map((result) => result.wallMs)) / oneMs : 1;
    line('parallel batches vs one alone', `${slowdown.toFixed(2)}× (1.00 = they do not slow each other)`);

    // The parts of the batches not run here, from the organization's own data.
    const batchPart = (await deps.runFiles.getJson<PartFile>(RUN_FILE_KEYS.part(runId, 0))) as PartFile;
    const measured = new Set([0, 1, 2]);
    for (const batch of batches.filter((b) => !measured.has(b.batch))) {
      const deliveryEvidence: Record<string, DeliveryEvidence> = {};
      for (const [bucket, data] of Object.entries(original.buckets ?? {})) {
        deliveryEvidence[bucket] = Object.fromEntries(batch.accountIds.filter((id) => data.deliveryEvidence?.[id]).map((id) => [id, data.deliveryEvidence?.[id] ?? {}]));
      }
      const part: PartFile = {
        batch: batch.batch,
        accountIds: batch.accountIds,
        result: { accountData: Object.fromEntries(batch.accountIds.map((id) => [id, original.accountData[id] ?? {}])), deliveryEvidence, failedAccountIds: [], notStartedAccountIds: [], deliveryProofs: [], evidenceFromPriorProofs: 0 },
        usage: batchPart.usage,
      };
      await deps.runFiles.putJson(RUN_FILE_KEYS.part(runId, batch.batch), part);
    }

    // Finish, over every part.
    started = Date.now();
    const summary = await finishStep({ runId, startedAt, state: { plan } }, { ...deps, memoryMb: STEP_MEMORY_MB.finish });
    const finishMs = Date.now() - started;
    line('finish (merge, evaluate, store, reconcile)', `${seconds(finishMs)}, outcome ${summary.outcome}, ${summary.accounts.audited}/${summary.accounts.total} accounts, ${summary.findings.opened} findings opened`);

    const waves = Math.ceil(batches.length / DEFAULT_MAX_CONCURRENCY);
    const projectedMs = planMs + waves * parallelMs + finishMs + STEP_FUNCTIONS_ALLOWANCE_MS;
    const totalCalls = summary.apiCalls;
    console.log('');
    line('API calls of the run', `${totalCalls} (${(totalCalls / MEMBERS).toFixed(1)} per member)`);
    line('projected wall time', `${seconds(planMs)} plan + ${waves} wave(s) × ${seconds(parallelMs)} batches + ${seconds(finishMs)} finish + ${seconds(STEP_FUNCTIONS_ALLOWANCE_MS)} Step Functions allowance`);

    // Cost: this run (every member-region listed), and the steady state where proofs spare listings.
    const usage = summary.cost.usage;
    console.log('');
    line('cost of this run (every member-region listed)', `${dollars(summary.cost.totalUsd)}: S3 ${dollars(summary.cost.byService.s3)}, Lambda ${dollars(summary.cost.byService.lambda)}, Step Functions ${dollars(summary.cost.byService.stepFunctions)}, DynamoDB ${dollars(summary.cost.byService.dynamodb)}`);
    line('steady state: listings per member-region', `1 run in ${runsPerListing(EVIDENCE_MAX_AGE_MINUTES)} (a proof stands ${EVIDENCE_MAX_AGE_MINUTES - DELIVERY_LAG_MINUTES} min; hourly runs)`);
    const monthly = (members: number, windowMinutes: number) => monthlyCost(usage, members, windowMinutes);
    for (const members of [5_000, 10_000]) {
      const run = monthly(members, EVIDENCE_MAX_AGE_MINUTES);
      line(
        `monthly at ${members} members, hourly`,
        `${dollars(run.totalUsd)} (S3 ${dollars(run.byService.s3)}, Lambda ${dollars(run.byService.lambda)}, Step Functions ${dollars(run.byService.stepFunctions)}, DynamoDB ${dollars(run.byService.dynamodb)}; without proofs S3 would be ${dollars(usage.s3ListPutRequests * (members / MEMBERS) * AWS_PRICES.s3ListPutRequest.usd * RUNS_PER_MONTH)})`,
      );
    }
    // The listings cannot fall below one per member-region per window: the window is what sets the bill.
    const floor = (5_000 * REGIONS * (RUNS_PER_MONTH / runsPerListing(EVIDENCE_MAX_AGE_MINUTES)) * AWS_PRICES.s3ListPutRequest.usd);
    line(`floor of the listings at 5000 members`, `${dollars(floor)} a month with evidenceMaxAgeMinutes ${EVIDENCE_MAX_AGE_MINUTES} (one listing per member-region per window)`);
    let window = EVIDENCE_MAX_AGE_MINUTES;
    while (monthly(5_000, window).totalUsd >= COST_TARGET_USD) window += SCHEDULE_MINUTES;
    line(`window for under $${COST_TARGET_USD} at 5000 members`, `evidenceMaxAgeMinutes ${window}: ${dollars(monthly(5_000, window).totalUsd)} a month (DLV-008 then fires after ${window / 60} h without a delivery)`);
    console.log(`\nprojected wall time at ${MEMBERS} members: ${(projectedMs / 1000).toFixed(1)} s`);
  } finally {
    await environment.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:scale: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
