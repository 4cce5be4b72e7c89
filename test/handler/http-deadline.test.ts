/**
 * The Lambda handler against a simulated AWS that stops answering, with a short simulated Lambda
 * deadline: the run stops its calls in flight before the deadline and still writes its run record
 * (dynalite) and its notice (the simulation's SNS), with real SDK clients and the production
 * timeouts (a stalled call alone would take 3 × 8 s).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { standaloneClientConfig } from '../../lambda/aws/client-settings';
import { createAuditStore, type AuditStore } from '../../lambda/findings/audit-store';
import { FINDINGS_TABLE, RUNS_TABLE } from '../../lambda/findings/table-design';
import { createAuditHandler } from '../../lambda/handler/audit-handler';
import type { AuditRunDependencies } from '../../lambda/handler/audit-run';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';
import { createTables, dynaliteClient, DYNALITE_CREDENTIALS, startDynalite, type RunningDynalite } from '../support/dynalite';
import { withMembers } from '../support/simulated-members';
import { healthyOrg } from '../support/snapshots';

const MANAGEMENT = '111111111111';
const TOPIC_ARN = `arn:aws:sns:us-east-1:${MANAGEMENT}:org-trail-auditor-alerts`;
const LAMBDA_TIMEOUT_MS = 6_000;
/** No account starts with less than 4.5 s left; calls in flight stop with 3 s left. */
const DEADLINE_RESERVE_MS = 4_500;
const ABORT_RESERVE_MS = 3_000;

let dynalite: RunningDynalite;
let dynamodb: DynamoDBClient;
let tables: Record<string, string>;
let store: AuditStore;
let server: SimulatedAwsServer;

beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  dynalite = await startDynalite();
  dynamodb = dynaliteClient(dynalite.endpoint);
  tables = await createTables(dynamodb, [FINDINGS_TABLE, RUNS_TABLE], 'deadline-');
  store = createAuditStore(dynamodb, { findingsTable: tables[FINDINGS_TABLE.logicalName] as string, runsTable: tables[RUNS_TABLE.logicalName] as string });
});

afterAll(async () => {
  dynamodb.destroy();
  await dynalite.close();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

afterEach(async () => {
  await server.close();
});

function dependencies(): AuditRunDependencies {
  const simulated = { ...standaloneClientConfig('us-east-1'), endpoint: server.endpoint, credentials: server.homeCredentials };
  return {
    environment: {
      findingsTableName: tables[FINDINGS_TABLE.logicalName] as string,
      runsTableName: tables[RUNS_TABLE.logicalName] as string,
      evidenceBucketName: 'evidence-bucket',
      alertTopicArn: TOPIC_ARN,
      memberRoleName: 'OrgTrailAuditorMemberRole',
      logArchiveAccountId: '222222222222',
      minAlertSeverity: 'MEDIUM',
      groupThreshold: 5,
      findingsRetentionDays: 400,
      regionsToSkip: [],
      concurrency: 4,
      settings: { deliveryStaleMinutes: 120, evidenceMaxAgeMinutes: 180, minRetentionDays: 365, newAccountGraceHours: 24 },
    },
    createClients: () => server.clientFactory(),
    // The function's own clients: DynamoDB in dynalite, S3 and SNS in the simulation, all with the production timeouts.
    dynamodb: new DynamoDBClient({ ...standaloneClientConfig('us-east-1'), endpoint: dynalite.endpoint, credentials: DYNALITE_CREDENTIALS }),
    s3: new S3Client({ ...simulated, forcePathStyle: true }),
    sns: new SNSClient(simulated),
    logger: new Logger({ serviceName: 'org-trail-auditor', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'OrgTrailAuditor', serviceName: 'org-trail-auditor' }),
    now: () => new Date(server.snapshot.capturedAt),
  };
}

/** A Lambda context whose deadline is LAMBDA_TIMEOUT_MS from now. */
function lambdaContext(requestId: string) {
  const deadline = Date.now() + LAMBDA_TIMEOUT_MS;
  return { awsRequestId: requestId, getRemainingTimeInMillis: () => deadline - Date.now() };
}

test('members that stop answering: the run stops before the deadline, PARTIAL, with its record and notice', async () => {
  server = await SimulatedAwsServer.start(withMembers(healthyOrg(), 12, '222222222222'));
  // Every member stalls inside its account; the management account and the log bucket answer.
  server.addFault({ operation: 'DescribeRegions', matches: (call) => call.accountId !== MANAGEMENT, fault: { kind: 'stall' } });
  const handler = createAuditHandler(dependencies, DEADLINE_RESERVE_MS, ABORT_RESERVE_MS);
  const context = lambdaContext('run-stalled');

  const summary = await handler({ trigger: 'SCHEDULE' }, context);

  expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  expect(summary.outcome).toBe('PARTIAL');
  expect(summary.accounts.notStarted).toBeGreaterThan(0);
  const record = await store.runs.get('run-stalled');
  expect(record).toMatchObject({ outcome: 'PARTIAL', accounts: summary.accounts });
  expect(record?.notAudited?.reason).toMatch(/neared the Lambda deadline: calls in flight were stopped/);
  const notices = server.published.filter((message) => message.TopicArn === TOPIC_ARN && /RUN_INCOMPLETE/.test(JSON.stringify(message.parameters)));
  expect(notices).toHaveLength(1);
  // The snapshot of what was seen is kept as evidence.
  expect([...server.storedObjects.keys()].some((key) => key.startsWith('evidence-bucket/'))).toBe(true);
});

test('STS stops answering before the run knows who it is: the run is FAILED, recorded and noticed before the deadline', async () => {
  server = await SimulatedAwsServer.start(healthyOrg());
  server.addFault({ operation: 'GetCallerIdentity', fault: { kind: 'stall' } });
  const handler = createAuditHandler(dependencies, DEADLINE_RESERVE_MS, ABORT_RESERVE_MS);
  const context = lambdaContext('run-failed');

  await expect(handler({ trigger: 'SCHEDULE' }, context)).rejects.toThrow(/could not reach AWS STS to identify the caller \(DeadlineExceeded\)/);

  expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  const record = await store.runs.get('run-failed');
  expect(record?.outcome).toBe('FAILED');
  expect(server.published.filter((message) => message.TopicArn === TOPIC_ARN)).toHaveLength(1);
});
