/**
 * Tamper-path benchmark (`npm run bench:tamper`): from a StopLogging event's arrival to the alert's
 * publish, through the targeted run of the audit state machine — plan (the trail the event names
 * and its resources, no member batches) → finish (evaluate, reconcile, alert) — against the
 * simulated AWS over HTTP at 50 ms per call (a 10,000-member organization whose org trail was just
 * stopped), dynalite and s3rver, with a recorded SNS whose publish time ends the measure.
 *
 * Not measured here: EventBridge delivering the event and starting the execution, and the Lambda
 * cold starts (each a second or so in AWS); the printed allowance adds them. Target: under 60 s.
 *
 *   BENCH_MEMBERS=1000 npm run bench:tamper
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { finishStep } from '../lambda/steps/finish-step';
import { planStep } from '../lambda/steps/plan-step';
import { STEP_MEMORY_MB } from '../lib/audit-steps';
import { benchDependencies, startBenchEnvironment } from './scale-environment';
import { SYNTHETIC_MANAGEMENT_ACCOUNT, syntheticOrganization } from './synthetic-org';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
const LATENCY_MS = 50;
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
/** EventBridge → StartExecution, the state transitions and two Lambda cold starts: not measured here. */
const AWS_ALLOWANCE_MS = 5_000;
const TARGET_MS = 60_000;

async function main(): Promise<void> {
  const organization = syntheticOrganization({ members: MEMBERS });
  const home = organization.accountData[SYNTHETIC_MANAGEMENT_ACCOUNT]?.regionData?.['us-east-1'];
  const [trailArn, status] = Object.entries(home?.trailStatus ?? {})[0] ?? [];
  if (!trailArn || !status) throw new Error('the synthetic organization has no org trail status');
  (status as { IsLogging?: boolean }).IsLogging = false;

  const environment = await startBenchEnvironment(organization, { latencyMs: LATENCY_MS, tablePrefix: 'tamper-', memoryMb: STEP_MEMORY_MB.plan });
  try {
    const { endpoints } = environment;
    const sns = new SNSClient({ region: 'us-east-1' });
    const publishedAt: number[] = [];
    const published: string[] = [];
    mockClient(sns)
      .on(PublishCommand)
      .callsFake((input: { Message?: string }) => {
        publishedAt.push(Date.now());
        published.push(input.Message ?? '');
        return { MessageId: 'bench' };
      });
    const deps = benchDependencies(endpoints, sns, () => new Date(organization.capturedAt));
    const event = {
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.cloudtrail',
      account: SYNTHETIC_MANAGEMENT_ACCOUNT,
      detail: { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime: organization.capturedAt, awsRegion: 'us-east-1', requestParameters: { name: trailArn } },
    };

    const arrived = Date.now();
    const plan = await planStep({ runId: 'bench-tamper', startedAt: organization.capturedAt, input: event }, deps);
    const planned = Date.now();
    if (plan.status !== 'PLANNED' || plan.batchCount !== 0) throw new Error(`expected a targeted plan without batches, got ${JSON.stringify(plan)}`);
    const summary = await finishStep({ runId: 'bench-tamper', startedAt: organization.capturedAt, state: { ...event, plan } }, { ...deps, memoryMb: STEP_MEMORY_MB.finish });
    const finished = Date.now();
    const alertAt = publishedAt[0];
    if (alertAt === undefined || !published.some((message) => message.includes('DLV-001'))) throw new Error('no DLV-001 alert was published');

    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(40)} ${value}`);
    console.log(`\nStopLogging on the org trail of a ${MEMBERS}-member organization, over HTTP at ${LATENCY_MS} ms per call`);
    line('plan (targeted: the trail and its resources)', `${seconds(planned - arrived)}, ${plan.memberAccounts} member accounts read`);
    line('finish until the alert was published', `${seconds(alertAt - planned)} (finish done after ${seconds(finished - planned)}; ${summary.findings.opened} finding(s) opened, ${summary.apiCalls} API calls)`);
    line('event arrival → alert publish (measured)', seconds(alertAt - arrived));
    line('with the AWS allowance (not measured)', `${seconds(alertAt - arrived + AWS_ALLOWANCE_MS)} (target ${seconds(TARGET_MS)})`);
    console.log(`\ntamper path, event to alert: ${((alertAt - arrived) / 1000).toFixed(1)} s`);
  } finally {
    await environment.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:tamper: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
