/**
 * The audit function end to end over HTTP: the real handler with real SDK clients everywhere —
 * the collector's factory and the function's S3 and SNS clients pointed at the simulated AWS, its
 * DynamoDB client at dynalite — and the production timeouts and retries. The findings it stores
 * are those of the snapshot's offline evaluation, the snapshot it uploads is the one it evaluated,
 * and its alerts go out through the simulation's SNS.
 */
import { gunzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { evaluate } from '../../lambda/checks/evaluate';
import { standaloneClientConfig } from '../../lambda/aws/client-settings';
import { createAuditStore, type AuditStore } from '../../lambda/findings/audit-store';
import { findingKey } from '../../lambda/findings/finding';
import { FINDINGS_TABLE, RUNS_TABLE } from '../../lambda/findings/table-design';
import { createAuditHandler } from '../../lambda/handler/audit-handler';
import type { AuditRunDependencies } from '../../lambda/handler/audit-run';
import type { Snapshot } from '../../lambda/snapshot/types';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';
import { createTables, dynaliteClient, DYNALITE_CREDENTIALS, startDynalite, type RunningDynalite } from '../support/dynalite';
import { fixture } from '../support/snapshots';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:111111111111:org-trail-auditor-alerts';

let dynalite: RunningDynalite;
let dynamodb: DynamoDBClient;
let store: AuditStore;
let tables: Record<string, string>;
let server: SimulatedAwsServer;

beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  dynalite = await startDynalite();
  dynamodb = dynaliteClient(dynalite.endpoint);
  tables = await createTables(dynamodb, [FINDINGS_TABLE, RUNS_TABLE], 'http-e2e-');
  store = createAuditStore(dynamodb, { findingsTable: tables[FINDINGS_TABLE.logicalName] as string, runsTable: tables[RUNS_TABLE.logicalName] as string });
});

afterAll(async () => {
  await server.close();
  dynamodb.destroy();
  await dynalite.close();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

function logArchiveOf(snapshot: Snapshot): string | undefined {
  return Object.values(snapshot.buckets ?? {})
    .map((bucket) => bucket.ownerAccountId)
    .find((owner) => owner && owner !== snapshot.auditorAccountId);
}

test('a run of the demo organization over HTTP stores the findings of its offline evaluation', async () => {
  const original = fixture('demo-org');
  server = await SimulatedAwsServer.start(original);
  const simulated = { ...standaloneClientConfig('us-east-1'), endpoint: server.endpoint, credentials: server.homeCredentials };
  const dependencies = (): AuditRunDependencies => ({
    environment: {
      findingsTableName: tables[FINDINGS_TABLE.logicalName] as string,
      runsTableName: tables[RUNS_TABLE.logicalName] as string,
      evidenceBucketName: 'evidence-bucket',
      alertTopicArn: TOPIC_ARN,
      memberRoleName: 'OrgTrailAuditorMemberRole',
      logArchiveAccountId: logArchiveOf(original),
      minAlertSeverity: 'LOW',
      groupThreshold: 1000,
      findingsRetentionDays: 400,
      regionsToSkip: [],
      concurrency: 8,
      settings: { deliveryStaleMinutes: 120, evidenceMaxAgeMinutes: 180, minRetentionDays: 365, newAccountGraceHours: 24 },
    },
    createClients: () => server.clientFactory(),
    dynamodb: new DynamoDBClient({ ...standaloneClientConfig('us-east-1'), endpoint: dynalite.endpoint, credentials: DYNALITE_CREDENTIALS }),
    s3: new S3Client({ ...simulated, forcePathStyle: true }),
    sns: new SNSClient(simulated),
    logger: new Logger({ serviceName: 'org-trail-auditor', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'OrgTrailAuditor', serviceName: 'org-trail-auditor' }),
    now: () => new Date(original.capturedAt),
  });
  const handler = createAuditHandler(dependencies);

  const summary = await handler({ trigger: 'SCHEDULE' }, { awsRequestId: 'run-http-1', getRemainingTimeInMillis: () => 900_000 });

  const expected = evaluate(original).findings;
  expect(expected.length).toBeGreaterThan(0);
  expect(summary.outcome).toBe('SUCCEEDED');
  expect(summary.findings.opened).toBe(expected.length);
  const open = await store.findings.listByStatus('OPEN');
  expect(open.map((record) => record.findingId).sort()).toEqual(expected.map(findingKey).sort());
  // The uploaded snapshot is what was evaluated.
  const uploaded = [...server.storedObjects.values()].find((object) => object.bucket === 'evidence-bucket');
  expect(uploaded).toBeDefined();
  const body = uploaded?.key.endsWith('.gz') ? gunzipSync(uploaded.body) : (uploaded?.body as Buffer);
  expect(evaluate(JSON.parse(body.toString('utf8')) as Snapshot).findings).toEqual(expected);
  // The alerts went out through the simulation's SNS, to the alert topic.
  expect(summary.alerts.messagesPublished).toBeGreaterThan(0);
  expect(server.published.filter((message) => message.TopicArn === TOPIC_ARN)).toHaveLength(summary.alerts.messagesPublished);
});
