/**
 * The audit function end to end: the real handler, the collector's own client factory against a
 * simulated organization, the findings and runs tables in dynalite, the alert topic and the
 * evidence bucket recorded by aws-sdk-client-mock (on the handler's own clients only: the
 * collector's SNS and S3 clients read the simulated organization).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { createAuditStore, type AuditStore } from '../../lambda/findings/audit-store';
import type { FindingRecord } from '../../lambda/findings/finding-record';
import { FINDINGS_TABLE, RUNS_TABLE } from '../../lambda/findings/table-design';
import { createAuditHandler, type AuditHandler } from '../../lambda/handler/audit-handler';
import type { AuditRunDependencies } from '../../lambda/handler/audit-run';
import type { Snapshot } from '../../lambda/snapshot/types';
import { createTables, dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { SimulatedOrganization } from '../support/simulated-org';
import { brokenHealthyOrg, healthyOrg, recapturedAt, STALE_MEMBER, UNCOVERED_MEMBER } from '../support/snapshots';

const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
// The members brokenHealthyOrg leaves without recent delivery, one of them also not covered.
const MEMBER_FIXED = STALE_MEMBER;
const MEMBER_UNREACHABLE = UNCOVERED_MEMBER;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${MANAGEMENT}:org-trail-auditor-alerts`;

/** Everything fixed, but the audit role of one member now refuses the auditor. */
function fixedOrganizationWithUnreachableMember(): Snapshot {
  const snapshot = healthyOrg();
  (snapshot.accountData[MEMBER_UNREACHABLE] as { error?: { code: string; message: string } }).error = {
    code: 'AccessDenied',
    message: 'not authorized to perform: sts:AssumeRole',
  };
  return snapshot;
}

let dynalite: RunningDynalite;
let dynamodb: DynamoDBClient;
let store: AuditStore;
let tables: Record<string, string>;

// Metrics are recorded by spying on addMetric; nothing is printed.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
const recordedMetricNames: string[] = [];
const addMetric = Metrics.prototype.addMetric;
jest.spyOn(Metrics.prototype, 'addMetric').mockImplementation(function (this: Metrics, ...args: Parameters<Metrics['addMetric']>) {
  recordedMetricNames.push(args[0]);
  return addMetric.apply(this, args);
});

beforeAll(async () => {
  dynalite = await startDynalite();
  dynamodb = dynaliteClient(dynalite.endpoint);
  tables = await createTables(dynamodb, [FINDINGS_TABLE, RUNS_TABLE], 'e2e-');
  store = createAuditStore(dynamodb, { findingsTable: tables[FINDINGS_TABLE.logicalName] as string, runsTable: tables[RUNS_TABLE.logicalName] as string });
});

afterAll(async () => {
  dynamodb.destroy();
  await dynalite.close();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

/** One deployed function: its clients and configuration, with the organization the next run sees. */
class DeployedAuditor {
  organization!: SimulatedOrganization;
  readonly sns = new SNSClient({ region: 'us-east-1' });
  readonly s3 = new S3Client({ region: 'us-east-1' });
  readonly snsMock = mockClient(this.sns);
  readonly s3Mock = mockClient(this.s3);
  /** The names of the metrics the current run added (one recorder for the whole file). */
  readonly metricNames = recordedMetricNames;
  readonly handler: AuditHandler;
  remainingTimeMs = 900_000;
  /** Credentials the run uses instead of the organization's own (a refused role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;

  constructor() {
    this.snsMock.on(PublishCommand).resolves({ MessageId: 'message' });
    this.s3Mock.on(PutObjectCommand).resolves({});
    const metrics = new Metrics({ namespace: 'OrgTrailAuditor', serviceName: 'org-trail-auditor' });
    const dependencies = (): AuditRunDependencies => ({
      environment: {
        findingsTableName: tables[FINDINGS_TABLE.logicalName] as string,
        runsTableName: tables[RUNS_TABLE.logicalName] as string,
        evidenceBucketName: 'evidence-bucket',
        alertTopicArn: TOPIC_ARN,
        memberRoleName: 'OrgTrailAuditorMemberRole',
        logArchiveAccountId: LOG_ARCHIVE,
        minAlertSeverity: 'MEDIUM',
        groupThreshold: 5,
        findingsRetentionDays: 400,
        regionsToSkip: [],
        concurrency: 4,
        settings: { deliveryStaleMinutes: 120, evidenceMaxAgeMinutes: 180, minRetentionDays: 365, newAccountGraceHours: 24 },
      },
      createClients: () => this.organization.clientFactory(this.credentials ? { credentials: this.credentials } : {}),
      dynamodb,
      s3: this.s3,
      sns: this.sns,
      logger: new Logger({ serviceName: 'org-trail-auditor', logLevel: 'SILENT' }),
      metrics,
      now: () => new Date(this.organization.snapshot.capturedAt),
    });
    this.handler = createAuditHandler(dependencies, 180_000);
  }

  /** Runs an audit of `snapshot` (one hour after the previous run); returns what it published. */
  async audit(snapshot: Snapshot, requestId: string, event: unknown = { trigger: 'SCHEDULE' }) {
    this.organization = new SimulatedOrganization(snapshot);
    this.snsMock.resetHistory();
    this.metricNames.length = 0;
    const summary = await this.handler(event, { awsRequestId: requestId, getRemainingTimeInMillis: () => this.remainingTimeMs });
    const published = this.snsMock.commandCalls(PublishCommand).map((call) => call.args[0].input);
    return { summary, published };
  }
}

function mentions(published: PublishCommandInput[], text: string): boolean {
  return published.some((input) => JSON.stringify(input).includes(text));
}

/** The stored findings of a check, in us-east-1 or global (the fixture's evidence covers us-east-1 only). */
async function findingsOf(checkId: string): Promise<FindingRecord[]> {
  return [...(await store.findings.listByStatus('OPEN')), ...(await store.findings.listByStatus('RESOLVED'))].filter(
    (record) => record.checkId === checkId && (record.region === null || record.region === 'us-east-1'),
  );
}

describe('two runs of the deployed audit function', () => {
  const auditor = new DeployedAuditor();

  test('the first run finds the broken organization, opens its findings and alerts them', async () => {
    const first = brokenHealthyOrg();
    const { summary, published } = await auditor.audit(first, 'run-1');

    expect(summary).toMatchObject({ runId: 'run-1', trigger: 'SCHEDULE', outcome: 'SUCCEEDED', accounts: { total: 4, failed: 0, notStarted: 0 } });
    expect(summary.findings.opened).toBeGreaterThanOrEqual(3);
    expect(summary.apiCalls).toBeGreaterThan(0);

    const stopped = await findingsOf('DLV-001');
    expect(stopped.map((record) => [record.accountId, record.status])).toEqual([[MANAGEMENT, 'OPEN']]);
    expect((await findingsOf('DLV-008')).map((record) => [record.accountId, record.status]).sort()).toEqual([
      [MEMBER_FIXED, 'OPEN'],
      [MEMBER_UNREACHABLE, 'OPEN'],
    ]);
    expect((await findingsOf('ORG-009')).map((record) => [record.accountId, record.status])).toEqual([[MEMBER_UNREACHABLE, 'OPEN']]);

    expect(published.length).toBeGreaterThan(0);
    expect(published.every((input) => input.TopicArn === TOPIC_ARN)).toBe(true);
    expect(mentions(published, 'DLV-001')).toBe(true);
    expect(mentions(published, 'DLV-008')).toBe(true);
    expect(mentions(published, 'ORG-009')).toBe(true);

    // The snapshot went to the evidence bucket and its key is on the run record.
    const [put] = auditor.s3Mock.commandCalls(PutObjectCommand);
    expect(put?.args[0].input).toMatchObject({ Bucket: 'evidence-bucket', Key: 'snapshots/2026/11/22/run-1.json.gz', ContentEncoding: 'gzip' });
    expect((await store.runs.get('run-1'))?.snapshotKey).toBe('s3://evidence-bucket/snapshots/2026/11/22/run-1.json.gz');

    // A complete run feeds the dead-man's switch.
    expect(auditor.metricNames).toEqual(expect.arrayContaining(['AuditSucceeded', 'AccountsAudited', 'ApiCalls', 'OpenFindings']));
  });

  test('after the fix, the second run resolves what it could check and alerts that; the unreachable member keeps its findings', async () => {
    const second = fixedOrganizationWithUnreachableMember();
    recapturedAt(second, '2026-11-22T11:00:00.000Z');
    const { summary, published } = await auditor.audit(second, 'run-2', { reason: 'after the fix' });

    expect(summary).toMatchObject({ runId: 'run-2', trigger: 'MANUAL', outcome: 'SUCCEEDED', accounts: { failed: 1 } });
    expect(summary.findings.resolved).toBeGreaterThanOrEqual(2);

    expect((await findingsOf('DLV-001')).map((record) => record.status)).toEqual(['RESOLVED']);
    // The member could not be entered: what it was found with stays open, even DLV-008, whose
    // evidence is read from the bucket and is fresh again.
    expect((await findingsOf('DLV-008')).map((record) => [record.accountId, record.status]).sort()).toEqual([
      [MEMBER_FIXED, 'RESOLVED'],
      [MEMBER_UNREACHABLE, 'OPEN'],
    ]);
    expect((await findingsOf('ORG-009')).map((record) => [record.accountId, record.status])).toEqual([[MEMBER_UNREACHABLE, 'OPEN']]);
    const unreachable = await findingsOf('AUD-001');
    expect(unreachable.map((record) => [record.accountId, record.status])).toEqual([[MEMBER_UNREACHABLE, 'OPEN']]);

    expect(mentions(published, 'RESOLVED')).toBe(true);
    expect(mentions(published, 'DLV-001')).toBe(true);
    expect(mentions(published, 'AUD-001')).toBe(true);
  });

  test('a retried invocation replays the same run and changes nothing', async () => {
    const before = await store.findings.listByStatus('OPEN');
    const second = fixedOrganizationWithUnreachableMember();
    recapturedAt(second, '2026-11-22T11:00:00.000Z');
    const { summary, published } = await auditor.audit(second, 'run-2');
    expect(summary.runId).toBe('run-2');
    expect(published.filter((input) => !JSON.stringify(input).includes('RUN_INCOMPLETE'))).toEqual([]);
    expect(await store.findings.listByStatus('OPEN')).toEqual(before);
  });

  test('near the deadline no account is started: the run is PARTIAL and resolves nothing of those accounts', async () => {
    auditor.remainingTimeMs = 60_000; // below the 3-minute reserve from the start
    const third = brokenHealthyOrg();
    recapturedAt(third, '2026-11-22T12:00:00.000Z');
    const openBefore = (await store.findings.listByStatus('OPEN')).map((record) => record.findingId).sort();
    const { summary, published } = await auditor.audit(third, 'run-3');
    auditor.remainingTimeMs = 900_000;

    expect(summary.outcome).toBe('PARTIAL');
    expect(summary.accounts.notStarted).toBe(3);
    expect(auditor.metricNames).not.toContain('AuditSucceeded');
    expect(auditor.metricNames).toEqual(expect.arrayContaining(['AuditPartial', 'PendingAlerts', 'AlertPublishFailures']));
    // The members' open findings (not looked at) are all still open.
    const openAfter = (await store.findings.listByStatus('OPEN')).map((record) => record.findingId);
    for (const id of openBefore.filter((findingId) => !findingId.includes(`#${MANAGEMENT}#`))) expect(openAfter).toContain(id);
    expect(published.length).toBeGreaterThan(0);
  });
});

test('a run whose credentials are refused is recorded as FAILED, sends its notice, and fails the invocation', async () => {
  const auditor = new DeployedAuditor();
  auditor.credentials = { accessKeyId: 'AKIAREFUSED000000000', secretAccessKey: 'refused' };
  const openBefore = await store.findings.listByStatus('OPEN');
  await expect(auditor.audit(healthyOrg(), 'run-refused')).rejects.toThrow();
  const run = await store.runs.get('run-refused');
  expect(run).toMatchObject({ outcome: 'FAILED', accounts: { total: 0, audited: 0 } });
  expect(run?.notAudited?.reason).toEqual(expect.any(String));
  expect(auditor.snsMock.commandCalls(PublishCommand).length).toBeGreaterThan(0);
  expect([...auditor.metricNames].sort()).toEqual(['AlertPublishFailures', 'AuditFailed', 'PendingAlerts']);
  // A failed run resolves nothing.
  expect((await store.findings.listByStatus('OPEN')).map((record) => record.findingId).sort()).toEqual(openBefore.map((record) => record.findingId).sort());
});

