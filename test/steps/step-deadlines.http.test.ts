/**
 * The steps' deadlines against a stalling AWS over HTTP (the project's simulation, production
 * timeouts): a plan whose account list stalls stops at its reserve and the run ends PARTIAL with
 * its record; a plan whose STS call stalls fails before its deadline and the run ends FAILED
 * through the Catch, with its record and notice; a batch whose members stall stops its calls,
 * writes its part, and the run ends PARTIAL with its record, its notice and its snapshot.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createAuditStore } from '../../lambda/findings/audit-store';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';
import { dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { startLocalS3, type RunningS3 } from '../support/local-s3';
import { withMembers } from '../support/simulated-members';
import { healthyOrg } from '../support/snapshots';
import { createAuditorTables, EVIDENCE_BUCKET, LocalStateMachine, TOPIC_ARN } from './local-state-machine';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
const MANAGEMENT = '111111111111';

let dynalite: RunningDynalite;
let dynamodb: DynamoDBClient;
let localS3: RunningS3;
let s3: S3Client;
let server: SimulatedAwsServer;
let count = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  dynamodb = dynaliteClient(dynalite.endpoint);
  localS3 = await startLocalS3([EVIDENCE_BUCKET]);
  s3 = localS3.client();
});
afterEach(async () => {
  await server.close();
});
afterAll(async () => {
  dynamodb.destroy();
  await dynalite.close();
  await localS3.close();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

async function machineFor(batchSize: number) {
  const names = await createAuditorTables(dynamodb, `deadline-${++count}-`);
  const machine = new LocalStateMachine({ dynamodb, s3, tables: names, batchSize, createClients: () => server.clientFactory(), now: () => new Date('2026-11-22T10:00:00.000Z') });
  return { machine, store: createAuditStore(dynamodb, { findingsTable: names.findings, runsTable: names.runs }) };
}

test('a plan whose account list stalls stops at its reserve: the run is PARTIAL, recorded, and resolves nothing of unseen accounts', async () => {
  server = await SimulatedAwsServer.start(healthyOrg());
  server.addFault({ operation: 'ListAccounts', fault: { kind: 'stall' } });
  const { machine, store } = await machineFor(2);
  const started = Date.now();
  const deadlineAt = started + 2_000;
  const { plan, summary } = await machine.run({
    runId: 'exec-plan-deadline',
    startedAt: '2026-11-22T10:00:00.000Z',
    input: { trigger: 'SCHEDULE' },
    planDeadline: { remainingTimeMs: () => deadlineAt - Date.now(), reserveMs: 1_000 },
  });
  expect(Date.now() - started).toBeLessThan(6_000);
  expect(plan).toMatchObject({ status: 'PLANNED', batchCount: 0 });
  expect(summary?.outcome).toBe('PARTIAL');
  const run = await store.runs.get('exec-plan-deadline');
  expect(run?.notAudited?.reason).toMatch(/ListAccounts failed \(DeadlineExceeded\)/);
});

test('STS stops answering before the plan knows who it is: the plan fails before its deadline, and the run is FAILED through the Catch, recorded and noticed', async () => {
  server = await SimulatedAwsServer.start(healthyOrg());
  server.addFault({ operation: 'GetCallerIdentity', fault: { kind: 'stall' } });
  const { machine, store } = await machineFor(2);
  // The plan's Lambda deadline in 6 s; calls still in flight are stopped with 3 s left.
  const deadlineAt = Date.now() + 6_000;

  const { plan, summary, published } = await machine.run({
    runId: 'exec-sts-stalled',
    startedAt: '2026-11-22T10:00:00.000Z',
    input: { trigger: 'SCHEDULE' },
    planDeadline: { remainingTimeMs: () => deadlineAt - Date.now(), reserveMs: 3_000 },
  });

  // The plan failed in time for the Catch to see why (not a Lambda timeout), and finish recorded it.
  expect(Date.now()).toBeLessThan(deadlineAt);
  expect(plan).toBeUndefined();
  expect(summary).toMatchObject({ outcome: 'FAILED', accounts: { total: 0 } });
  const run = await store.runs.get('exec-sts-stalled');
  expect(run?.outcome).toBe('FAILED');
  expect(run?.notAudited?.reason).toMatch(/could not reach AWS STS to identify the caller \(DeadlineExceeded\)/);
  expect(published.filter((input) => input.TopicArn === TOPIC_ARN)).toHaveLength(1);
});

test('a batch whose members stall stops its calls in flight before its deadline, writes its part, and starts no more accounts', async () => {
  server = await SimulatedAwsServer.start(withMembers(healthyOrg(), 6, '222222222222'));
  server.addFault({ operation: 'DescribeRegions', matches: (call) => call.accountId !== MANAGEMENT, fault: { kind: 'stall' } });
  const { machine, store } = await machineFor(20);
  const started = Date.now();
  const deadlineAt = started + 3_500;
  const { summary, published, batchesRun } = await machine.run({
    runId: 'exec-batch-deadline',
    startedAt: '2026-11-22T10:00:00.000Z',
    input: { trigger: 'SCHEDULE' },
    // Accounts start until 2 s are left; calls still in flight are stopped with 1 s left.
    batchDeadline: { remainingTimeMs: () => deadlineAt - Date.now(), reserveMs: 2_000 },
  });
  expect(batchesRun).toBe(1);
  expect(Date.now() - started).toBeLessThan(8_000);
  expect(summary?.outcome).toBe('PARTIAL');
  // The four accounts in flight (concurrency 4) were stopped and recorded as such; the others were not started.
  expect(summary?.accounts.notStarted).toBe(summary ? summary.accounts.total - 1 - 4 : -1);
  // The plan's own (the log archive's bucket) and the batch's four.
  expect(server.callsOf('AssumeRole')).toHaveLength(1 + 4);
  // The run is recorded as PARTIAL, says why, and sends its one notice.
  const run = await store.runs.get('exec-batch-deadline');
  expect(run).toMatchObject({ outcome: 'PARTIAL', accounts: summary?.accounts });
  expect(run?.notAudited?.reason).toMatch(/a batch neared its Lambda deadline and stopped starting accounts/);
  expect(published.filter((input) => input.TopicArn === TOPIC_ARN && JSON.stringify(input).includes('RUN_INCOMPLETE'))).toHaveLength(1);
  // The snapshot of what was seen is kept as evidence.
  const snapshotKey = run?.snapshotKey ?? '';
  expect(snapshotKey.startsWith(`s3://${EVIDENCE_BUCKET}/snapshots/`)).toBe(true);
  await expect(s3.send(new HeadObjectCommand({ Bucket: EVIDENCE_BUCKET, Key: snapshotKey.slice(`s3://${EVIDENCE_BUCKET}/`.length) }))).resolves.toBeDefined();
});
