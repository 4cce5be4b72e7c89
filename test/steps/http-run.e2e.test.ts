/**
 * The state machine's run over HTTP: plan → every batch → finish with real SDK clients everywhere
 * and the production timeouts and retries — the steps' collector clients, their S3 (the run files
 * and the snapshot) and the finish step's SNS pointed at the simulated AWS, DynamoDB at dynalite.
 * The findings it stores are those of the snapshot's offline evaluation, the snapshot it uploads
 * is the one it evaluated, and its alerts go out through the simulation's SNS.
 */
import { gunzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { standaloneClientConfig } from '../../lambda/aws/client-settings';
import { evaluate } from '../../lambda/checks/evaluate';
import { createAuditStore } from '../../lambda/findings/audit-store';
import { findingKey } from '../../lambda/findings/finding';
import { SNAPSHOT_PREFIX } from '../../lambda/run/snapshot-evidence';
import type { Snapshot } from '../../lambda/snapshot/types';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';
import { DYNALITE_CREDENTIALS, startDynalite, type RunningDynalite } from '../support/dynalite';
import { withDefaultOrganizationPolicies } from '../support/simulated-org-policies';
import { fixture } from '../support/snapshots';
import { createAuditorTables, EVIDENCE_BUCKET, LocalStateMachine, TOPIC_ARN } from './local-state-machine';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

let dynalite: RunningDynalite;
let server: SimulatedAwsServer | undefined;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  dynalite = await startDynalite();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
  await dynalite.close();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

/** The log archive: the account that owns a trail bucket and is not the auditor's. */
function logArchiveOf(snapshot: Snapshot): string | undefined {
  return Object.values(snapshot.buckets ?? {})
    .map((bucket) => bucket.ownerAccountId)
    .find((owner) => owner && owner !== snapshot.auditorAccountId);
}

test('a run of the demo organization over HTTP, in batches, stores the findings of its offline evaluation', async () => {
  const original = withDefaultOrganizationPolicies(fixture('demo-org'));
  const simulation = await SimulatedAwsServer.start(original);
  server = simulation;
  const simulated = { ...standaloneClientConfig('us-east-1'), endpoint: simulation.endpoint, credentials: simulation.homeCredentials };
  const dynamodb = new DynamoDBClient({ ...standaloneClientConfig('us-east-1'), endpoint: dynalite.endpoint, credentials: DYNALITE_CREDENTIALS });
  const s3 = new S3Client({ ...simulated, forcePathStyle: true });
  const sns = new SNSClient(simulated);
  clients.push(dynamodb, s3, sns);
  const tables = await createAuditorTables(dynamodb, 'steps-http-');
  const machine = new LocalStateMachine({
    dynamodb,
    s3,
    sns,
    tables,
    batchSize: 2,
    createClients: () => simulation.clientFactory(),
    now: () => new Date(original.capturedAt),
    environment: { logArchiveAccountId: logArchiveOf(original), minAlertSeverity: 'LOW', groupThreshold: 1000, concurrency: 8 },
  });

  const { plan, summary, batchesRun } = await machine.run({ runId: 'exec-http-1', startedAt: original.capturedAt, input: { trigger: 'SCHEDULE' } });

  const expected = evaluate(original).findings;
  expect(expected.length).toBeGreaterThan(0);
  expect(plan?.status === 'PLANNED' && plan.batchCount).toBe(batchesRun);
  expect(batchesRun).toBeGreaterThan(1);
  expect(summary?.outcome).toBe('SUCCEEDED');
  expect(summary?.findings.opened).toBe(expected.length);
  const store = createAuditStore(dynamodb, { findingsTable: tables.findings, runsTable: tables.runs });
  expect((await store.findings.listByStatus('OPEN')).map((record) => record.findingId).sort()).toEqual(expected.map(findingKey).sort());
  // The uploaded snapshot, merged from the plan and the batches, is what was evaluated.
  const uploaded = [...simulation.storedObjects.values()].filter((object) => object.bucket === EVIDENCE_BUCKET && object.key.startsWith(SNAPSHOT_PREFIX));
  expect(uploaded.map((object) => `s3://${object.bucket}/${object.key}`)).toEqual([summary?.snapshotKey]);
  const body = gunzipSync((uploaded[0] as { body: Buffer }).body);
  expect(evaluate(JSON.parse(body.toString('utf8')) as Snapshot).findings).toEqual(expected);
  // The alerts went out through the simulation's SNS, to the alert topic.
  expect(summary?.alerts.messagesPublished).toBeGreaterThan(0);
  expect(simulation.published.filter((message) => message.TopicArn === TOPIC_ARN)).toHaveLength(summary?.alerts.messagesPublished ?? -1);
});
