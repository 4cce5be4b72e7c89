/**
 * The audit function end to end with its integrations: the real handler over a simulated
 * organization and dynalite (as in audit-handler.e2e.test.ts), with Security Hub and EventBridge
 * recorded by aws-sdk-client-mock on the function's own clients. Three runs: the broken
 * organization opens findings while both services refuse part of what is sent; the next run finds
 * one finding worse (escalated) and re-sends what was refused; the fixed organization resolves.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, DescribeHubCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { createAuditStore, createDocumentClient, type AuditStore } from '../../lambda/findings/audit-store';
import { FINDINGS_TABLE, RUNS_TABLE } from '../../lambda/findings/table-design';
import { createAuditHandler } from '../../lambda/handler/audit-handler';
import type { AuditRunDependencies } from '../../lambda/handler/audit-run';
import { SecurityHubAvailability } from '../../lambda/integrate/security-hub-availability';
import { securityHubRateLimiter } from '../../lambda/integrate/security-hub-import';
import type { Snapshot } from '../../lambda/snapshot/types';
import { createTables, dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { SimulatedOrganization } from '../support/simulated-org';
import { healthyOrg, recapturedAt } from '../support/snapshots';

const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
const MEMBER = '333333333333';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`;
const BUCKET = `org-trail-logs-${LOG_ARCHIVE}`;
const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${MANAGEMENT}:product/${MANAGEMENT}/default`;

/** The healthy organization with its org trail stopped and one member delivering nothing. */
function brokenOrganization(capturedAt: string): Snapshot {
  const snapshot = healthyOrg();
  const status = snapshot.accountData[MANAGEMENT]?.regionData?.['us-east-1']?.trailStatus?.[TRAIL_ARN] as { IsLogging?: boolean };
  status.IsLogging = false;
  const evidence = snapshot.buckets?.[BUCKET]?.deliveryEvidence as Record<string, Record<string, string | null>>;
  (evidence[MEMBER] as Record<string, string | null>)['us-east-1'] = null;
  return recapturedAt(snapshot, capturedAt);
}

let dynalite: RunningDynalite;
let dynamodb: DynamoDBClient;
let store: AuditStore;
let tables: Record<string, string>;
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

beforeAll(async () => {
  dynalite = await startDynalite();
  dynamodb = dynaliteClient(dynalite.endpoint);
  tables = await createTables(dynamodb, [FINDINGS_TABLE, RUNS_TABLE], 'e2e-integrations-');
  store = createAuditStore(dynamodb, { findingsTable: tables[FINDINGS_TABLE.logicalName] as string, runsTable: tables[RUNS_TABLE.logicalName] as string });
});

afterAll(async () => {
  dynamodb.destroy();
  await dynalite.close();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

/** What Security Hub and EventBridge accepted, over the whole file (what a consumer would hold). */
const accepted = { findings: new Map<string, AwsSecurityFinding[]>(), eventIds: [] as string[], events: [] as { detailType: string; eventId: string; findingId?: string }[] };
/** Refuse these on the next call(s). */
const refuse = { findingIds: new Set<string>(), findingEventsOf: new Set<string>() };

class DeployedAuditor {
  organization!: SimulatedOrganization;
  readonly securityHub = new SecurityHubClient({ region: 'us-east-1' });
  readonly eventBridge = new EventBridgeClient({ region: 'us-east-1' });
  readonly securityHubMock = mockClient(this.securityHub);
  readonly eventBridgeMock = mockClient(this.eventBridge);
  readonly sns = new SNSClient({ region: 'us-east-1' });
  readonly s3 = new S3Client({ region: 'us-east-1' });
  readonly handler;
  /** Credentials the run uses instead of the organization's own (a refused role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;

  constructor() {
    mockClient(this.sns).on(PublishCommand).resolves({ MessageId: 'm' });
    mockClient(this.s3).on(PutObjectCommand).resolves({});
    this.securityHubMock.on(DescribeHubCommand).resolves({ HubArn: `arn:aws:securityhub:us-east-1:${MANAGEMENT}:hub/default` });
    this.securityHubMock.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => {
      const failed = input.Findings.filter((f) => refuse.findingIds.has(f.Id ?? ''));
      for (const finding of input.Findings) {
        if (failed.includes(finding)) continue;
        accepted.findings.set(finding.Id ?? '', [...(accepted.findings.get(finding.Id ?? '') ?? []), finding]);
      }
      return {
        FailedCount: failed.length,
        SuccessCount: input.Findings.length - failed.length,
        FailedFindings: failed.map((f) => ({ Id: f.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format.' })),
      };
    });
    this.eventBridgeMock.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
      const results = input.Entries.map((entry, index) => {
        const detail = JSON.parse(entry.Detail ?? '{}') as { eventId: string; finding?: { findingId: string } };
        if (detail.finding && refuse.findingEventsOf.has(detail.finding.findingId)) return { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' };
        accepted.eventIds.push(detail.eventId);
        accepted.events.push({ detailType: entry.DetailType ?? '', eventId: detail.eventId, ...(detail.finding ? { findingId: detail.finding.findingId } : {}) });
        return { EventId: `event-${accepted.eventIds.length}-${index}` };
      });
      return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
    });
    const dependencies = (): AuditRunDependencies => ({
      environment: {
        findingsTableName: tables[FINDINGS_TABLE.logicalName] as string,
        runsTableName: tables[RUNS_TABLE.logicalName] as string,
        evidenceBucketName: 'evidence-bucket',
        alertTopicArn: `arn:aws:sns:us-east-1:${MANAGEMENT}:alerts`,
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
      metrics: new Metrics({ namespace: 'OrgTrailAuditor', serviceName: 'org-trail-auditor' }),
      integrations: {
        settings: { productArn: PRODUCT_ARN, eventsEnabled: true, refreshAfterDays: 30, refreshLimitPerRun: 1000 },
        securityHub: this.securityHub,
        eventBridge: this.eventBridge,
        availability: new SecurityHubAvailability('auto', this.securityHub),
        limiter: securityHubRateLimiter(),
      },
      now: () => new Date(this.organization.snapshot.capturedAt),
    });
    this.handler = createAuditHandler(dependencies, 180_000);
  }

  audit(snapshot: Snapshot, requestId: string) {
    this.organization = new SimulatedOrganization(snapshot);
    return this.handler({ trigger: 'SCHEDULE' }, { awsRequestId: requestId, getRemainingTimeInMillis: () => 900_000 });
  }
}

const stoppedTrail = `DLV-001#${MANAGEMENT}#us-east-1#${TRAIL_ARN}`;

describe('the deployed function feeds Security Hub and EventBridge, through partial failures, without loss or duplicates', () => {
  const auditor = new DeployedAuditor();

  test('run 1 opens the findings: imported ACTIVE except the refused one, one Finding Opened event each except the refused one; the run record counts both', async () => {
    refuse.findingIds.add(stoppedTrail);
    const memberFindingId = `DLV-008#${MEMBER}#us-east-1#${BUCKET}`;
    refuse.findingEventsOf.add(memberFindingId);

    const summary = await auditor.audit(brokenOrganization('2026-11-22T10:00:00.000Z'), 'run-1');

    const open = await store.findings.listByStatus('OPEN');
    expect(open.map((r) => r.findingId)).toEqual(expect.arrayContaining([stoppedTrail]));
    expect(summary.integrations).toMatchObject({ securityHub: { state: 'IMPORTING', imported: open.length - 1, failed: 1 }, events: { put: open.length - 1, failed: 1, runFinished: 'PUT' } });
    expect((await store.runs.get('run-1'))?.integrations?.securityHub.failed).toBe(1);
    expect(accepted.findings.has(stoppedTrail)).toBe(false);
    for (const record of open.filter((r) => r.findingId !== stoppedTrail)) {
      expect(accepted.findings.get(record.findingId)?.[0]).toMatchObject({ RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' }, AwsAccountId: MANAGEMENT, ProductArn: PRODUCT_ARN });
    }
    const storedMember = open.find((r) => r.findingId === memberFindingId);
    expect(storedMember?.integrationOutbox?.events.map((e) => e.type)).toEqual(['OPENED']);
    expect(accepted.events.filter((e) => e.detailType === 'Finding Opened').map((e) => e.findingId).sort()).toEqual(open.map((r) => r.findingId).filter((id) => id !== memberFindingId).sort());
  });

  test('run 2 finds the member worse (escalated) and re-sends exactly what was refused', async () => {
    refuse.findingIds.clear();
    refuse.findingEventsOf.clear();
    // The member's finding was recorded at LOW by an earlier rating: this run's HIGH escalates it.
    const memberFinding = (await store.findings.listByStatus('OPEN')).find((r) => r.checkId === 'DLV-008' && r.accountId === MEMBER);
    if (!memberFinding) throw new Error('fixture changed: no DLV-008 finding for the member');
    await createDocumentClient(dynamodb).send(
      new UpdateCommand({ TableName: store.findings.tableName, Key: { findingId: memberFinding.findingId }, UpdateExpression: 'SET severity = :low', ExpressionAttributeValues: { ':low': 'LOW' } }),
    );
    const importsBefore = auditor.securityHubMock.commandCalls(BatchImportFindingsCommand).flatMap((c) => c.args[0].input.Findings ?? []).length;

    const summary = await auditor.audit(brokenOrganization('2026-11-22T11:00:00.000Z'), 'run-2');

    const sentThisRun = auditor.securityHubMock.commandCalls(BatchImportFindingsCommand).flatMap((c) => c.args[0].input.Findings ?? []).slice(importsBefore).map((f) => f.Id);
    expect(sentThisRun.sort()).toEqual([stoppedTrail, memberFinding.findingId].sort());
    expect(accepted.findings.get(memberFinding.findingId)?.at(-1)?.FindingProviderFields?.Severity?.Label).toBe(memberFinding.severity);
    expect(accepted.events.filter((e) => e.findingId === memberFinding.findingId).map((e) => e.detailType)).toEqual(['Finding Opened', 'Finding Escalated']);
    expect(summary.integrations).toMatchObject({ securityHub: { imported: 2, failed: 0 }, events: { failed: 0 } });
  });

  test('run 3 on the fixed organization archives what it resolved, one Finding Resolved each; no eventId was ever accepted twice', async () => {
    const openBefore = (await store.findings.listByStatus('OPEN')).map((r) => r.findingId);

    const summary = await auditor.audit(recapturedAt(healthyOrg(), '2026-11-22T12:00:00.000Z'), 'run-3');

    const resolved = (await store.findings.listByStatus('RESOLVED')).map((r) => r.findingId);
    // The simulation serves a v1 fixture with a default organization whose only SCP is
    // FullAWSAccess, so the log bucket's and key's owners stay unprotected (GRD-002) in every run.
    const stillOpen = (await store.findings.listByStatus('OPEN')).map((r) => r.findingId);
    expect(stillOpen.length).toBeGreaterThan(0);
    for (const id of stillOpen) expect(id).toMatch(/^GRD-002#/);
    expect(resolved.sort()).toEqual(openBefore.filter((id) => !stillOpen.includes(id)).sort());
    for (const id of resolved) expect(accepted.findings.get(id)?.at(-1)).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } });
    expect(accepted.events.filter((e) => e.detailType === 'Finding Resolved').map((e) => e.findingId).sort()).toEqual(resolved.sort());
    expect(summary.integrations?.events.failed).toBe(0);
    expect(accepted.events.filter((e) => e.detailType === 'Audit Run Finished')).toHaveLength(3);
    expect(new Set(accepted.eventIds).size).toBe(accepted.eventIds.length);
    // Nothing is left owed.
    for (const id of resolved) expect((await store.findings.get(id))?.integrationPending).toBeUndefined();
    // Every import carried the analyst's fields never.
    for (const versions of accepted.findings.values()) for (const finding of versions) expect(finding.Workflow).toBeUndefined();
  });
});

test('a run that fails before reading any account still announces its end, with its FAILED record', async () => {
  const auditor = new DeployedAuditor();
  auditor.credentials = { accessKeyId: 'AKIAREFUSED000000000', secretAccessKey: 'refused' };

  await expect(auditor.audit(recapturedAt(healthyOrg(), '2026-11-22T13:00:00.000Z'), 'run-refused')).rejects.toThrow();

  const finished = auditor.eventBridgeMock.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []).filter((e) => e.DetailType === 'Audit Run Finished');
  expect(finished.map((e) => JSON.parse(e.Detail ?? '{}').run)).toEqual([expect.objectContaining({ runId: 'run-refused', outcome: 'FAILED' })]);
  expect((await store.runs.get('run-refused'))?.integrations?.events.runFinished).toBe('PUT');
});
