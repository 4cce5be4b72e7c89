/**
 * The state machine's runs with their integrations: plan → every batch → finish with the real
 * steps over a simulated organization, dynalite and a local S3 (as in audit-steps.e2e.test.ts),
 * and the finish step delivering to Security Hub and EventBridge, faked at the SDK level. Three
 * runs: the broken organization opens findings while both services refuse part of what is sent;
 * the next run finds one finding worse (escalated) and re-sends what was refused; the fixed
 * organization resolves. A run whose plan fails still announces its end.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, DescribeHubCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createAuditStore, createDocumentClient, type AuditStore } from '../../lambda/findings/audit-store';
import type { IntegrationDependencies } from '../../lambda/integrate/deliver-integrations';
import { SecurityHubAvailability } from '../../lambda/integrate/security-hub-availability';
import { securityHubRateLimiter } from '../../lambda/integrate/security-hub-import';
import type { Snapshot } from '../../lambda/snapshot/types';
import type { FinishInput } from '../../lambda/steps/step-contracts';
import { dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { BUCKET, HOME, MANAGEMENT, TRAIL } from '../support/healthy-org-names';
import { startLocalS3, type RunningS3 } from '../support/local-s3';
import { SimulatedOrganization } from '../support/simulated-org';
import { brokenHealthyOrg, healthyOrg, recapturedAt, STALE_MEMBER } from '../support/snapshots';
import { createAuditorTables, EVIDENCE_BUCKET, LocalStateMachine } from './local-state-machine';

const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${MANAGEMENT}:product/${MANAGEMENT}/default`;
const REFUSED_CREDENTIALS = { accessKeyId: 'AKIAREFUSED000000000', secretAccessKey: 'refused' };
const stoppedTrail = `DLV-001#${MANAGEMENT}#${HOME}#${TRAIL}`;
const memberFindingId = `DLV-008#${STALE_MEMBER}#${HOME}#${BUCKET}`;

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

let dynalite: RunningDynalite;
let dynamodb: DynamoDBClient;
let localS3: RunningS3;
let s3: S3Client;
let store: AuditStore;
let tables: { findings: string; runs: string };

beforeAll(async () => {
  dynalite = await startDynalite();
  dynamodb = dynaliteClient(dynalite.endpoint);
  localS3 = await startLocalS3([EVIDENCE_BUCKET]);
  s3 = localS3.client();
  tables = await createAuditorTables(dynamodb, 'steps-integrations-');
  store = createAuditStore(dynamodb, { findingsTable: tables.findings, runsTable: tables.runs });
});

afterAll(async () => {
  dynamodb.destroy();
  await dynalite.close();
  await localS3.close();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

/** What Security Hub and EventBridge accepted, over the whole file (what a consumer would hold). */
const accepted = { findings: new Map<string, AwsSecurityFinding[]>(), eventIds: [] as string[], events: [] as { detailType: string; eventId: string; findingId?: string }[] };
/** Refuse these on the next call(s). */
const refuse = { findingIds: new Set<string>(), findingEventsOf: new Set<string>() };

/** Security Hub and EventBridge of the stack's account: they accept what `refuse` does not name. */
function fakeIntegrations() {
  const securityHub = new SecurityHubClient({ region: 'us-east-1' });
  const eventBridge = new EventBridgeClient({ region: 'us-east-1' });
  const securityHubMock = mockClient(securityHub);
  const eventBridgeMock = mockClient(eventBridge);
  securityHubMock.on(DescribeHubCommand).resolves({ HubArn: `arn:aws:securityhub:us-east-1:${MANAGEMENT}:hub/default` });
  securityHubMock.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => {
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
  eventBridgeMock.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    const results = input.Entries.map((entry, index) => {
      const detail = JSON.parse(entry.Detail ?? '{}') as { eventId: string; finding?: { findingId: string } };
      if (detail.finding && refuse.findingEventsOf.has(detail.finding.findingId)) return { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' };
      accepted.eventIds.push(detail.eventId);
      accepted.events.push({ detailType: entry.DetailType ?? '', eventId: detail.eventId, ...(detail.finding ? { findingId: detail.finding.findingId } : {}) });
      return { EventId: `event-${accepted.eventIds.length}-${index}` };
    });
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  });
  const integrations: IntegrationDependencies = {
    settings: { productArn: PRODUCT_ARN, eventsEnabled: true, refreshAfterDays: 30, refreshLimitPerRun: 1000 },
    securityHub,
    eventBridge,
    availability: new SecurityHubAvailability('auto', securityHub),
    limiter: securityHubRateLimiter(),
  };
  return { integrations, securityHubMock, eventBridgeMock };
}

/** One deployed auditor: its state machine sees `organization`, with the credentials it is given. */
class DeployedAuditor {
  organization: Snapshot = healthyOrg();
  /** Credentials the steps use instead of the organization's own (a refused role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  readonly fakes = fakeIntegrations();
  readonly machine = new LocalStateMachine({
    dynamodb,
    s3,
    tables,
    batchSize: 2,
    createClients: () => new SimulatedOrganization(this.organization).clientFactory(this.credentials ? { credentials: this.credentials } : {}),
    now: () => new Date(this.organization.capturedAt),
    integrations: this.fakes.integrations,
  });

  audit(snapshot: Snapshot, runId: string) {
    this.organization = snapshot;
    return this.machine.run({ runId, startedAt: snapshot.capturedAt, input: { trigger: 'SCHEDULE' } });
  }

  /** The findings sent to BatchImportFindings so far, in order. */
  imported(): AwsSecurityFinding[] {
    return this.fakes.securityHubMock.commandCalls(BatchImportFindingsCommand).flatMap((call) => call.args[0].input.Findings ?? []);
  }
}

describe('the finish step feeds Security Hub and EventBridge, through partial failures, without loss or duplicates', () => {
  let auditor: DeployedAuditor;
  /** Run 3's finish payload, for the retry. */
  let lastFinish: FinishInput | undefined;
  beforeAll(() => {
    auditor = new DeployedAuditor();
  });

  test('run 1 opens the findings: imported ACTIVE except the refused one, one Finding Opened event each except the refused one; the run record counts both', async () => {
    refuse.findingIds.add(stoppedTrail);
    refuse.findingEventsOf.add(memberFindingId);

    const { summary } = await auditor.audit(recapturedAt(brokenHealthyOrg(), '2026-11-22T10:00:00.000Z'), 'exec-1');

    const open = await store.findings.listByStatus('OPEN');
    expect(open.map((r) => r.findingId)).toEqual(expect.arrayContaining([stoppedTrail, memberFindingId]));
    const counts = { securityHub: { state: 'IMPORTING', imported: open.length - 1, failed: 1 }, events: { put: open.length - 1, failed: 1, runFinished: 'PUT' } };
    expect(summary?.integrations).toMatchObject(counts);
    expect((await store.runs.get('exec-1'))?.integrations).toMatchObject(counts);
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
    // The member's finding was recorded at LOW by an earlier rating: this run's rating escalates it.
    const memberFinding = await store.findings.get(memberFindingId);
    if (!memberFinding) throw new Error('fixture changed: no DLV-008 finding for the member');
    await createDocumentClient(dynamodb).send(
      new UpdateCommand({ TableName: store.findings.tableName, Key: { findingId: memberFindingId }, UpdateExpression: 'SET severity = :low', ExpressionAttributeValues: { ':low': 'LOW' } }),
    );
    const importsBefore = auditor.imported().length;

    const { summary } = await auditor.audit(recapturedAt(brokenHealthyOrg(), '2026-11-22T11:00:00.000Z'), 'exec-2');

    const sentThisRun = auditor.imported().slice(importsBefore).map((f) => f.Id);
    expect(sentThisRun.sort()).toEqual([stoppedTrail, memberFindingId].sort());
    expect(accepted.findings.get(memberFindingId)?.at(-1)?.FindingProviderFields?.Severity?.Label).toBe(memberFinding.severity);
    expect(accepted.events.filter((e) => e.findingId === memberFindingId).map((e) => e.detailType)).toEqual(['Finding Opened', 'Finding Escalated']);
    expect(summary?.integrations).toMatchObject({ securityHub: { imported: 2, failed: 0 }, events: { failed: 0 } });
  });

  test('run 3 on the fixed organization archives what it resolved, one Finding Resolved each; no eventId was ever accepted twice', async () => {
    const openBefore = (await store.findings.listByStatus('OPEN')).map((r) => r.findingId);

    const { summary, finishInput } = await auditor.audit(recapturedAt(healthyOrg(), '2026-11-22T12:00:00.000Z'), 'exec-3');
    lastFinish = finishInput;

    const resolved = (await store.findings.listByStatus('RESOLVED')).map((r) => r.findingId);
    // The simulation serves a v1 fixture with a default organization whose only SCP is
    // FullAWSAccess, so the log bucket's and key's owners stay unprotected (GRD-002) in every run.
    const stillOpen = (await store.findings.listByStatus('OPEN')).map((r) => r.findingId);
    expect(stillOpen.length).toBeGreaterThan(0);
    for (const id of stillOpen) expect(id).toMatch(/^GRD-002#/);
    expect(resolved.sort()).toEqual(openBefore.filter((id) => !stillOpen.includes(id)).sort());
    for (const id of resolved) expect(accepted.findings.get(id)?.at(-1)).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } });
    expect(accepted.events.filter((e) => e.detailType === 'Finding Resolved').map((e) => e.findingId).sort()).toEqual(resolved.sort());
    expect(summary?.integrations?.events.failed).toBe(0);
    expect(accepted.events.filter((e) => e.detailType === 'Audit Run Finished')).toHaveLength(3);
    expect(new Set(accepted.eventIds).size).toBe(accepted.eventIds.length);
    // Nothing is left owed.
    for (const id of resolved) expect((await store.findings.get(id))?.integrationPending).toBeUndefined();
    // No import ever carried the analyst's fields.
    for (const versions of accepted.findings.values()) for (const finding of versions) expect(finding.Workflow).toBeUndefined();
  });

  test('a retried finish step of run 3 (the same payload) delivers nothing twice, and its record still says what was delivered', async () => {
    if (!lastFinish) throw new Error('run 3 did not reach its finish step');
    const importsBefore = auditor.imported().length;
    const eventsBefore = accepted.eventIds.length;
    const recorded = (await store.runs.get('exec-3'))?.integrations;
    expect(recorded?.events.runFinished).toBe('PUT');

    const { summary } = await auditor.machine.finish(lastFinish);

    expect(summary?.integrations?.events.runFinished).toBe('PUT');
    expect(summary?.integrations?.events.put).toBe(0);
    expect(auditor.imported()).toHaveLength(importsBefore);
    expect(accepted.eventIds).toHaveLength(eventsBefore);
    expect((await store.runs.get('exec-3'))?.integrations).toEqual(recorded);
  });
});

test('a run whose plan fails (credentials refused) still announces its end through the finish step, with its FAILED record', async () => {
  const auditor = new DeployedAuditor();
  auditor.credentials = REFUSED_CREDENTIALS;

  const { plan, summary } = await auditor.audit(recapturedAt(healthyOrg(), '2026-11-22T13:00:00.000Z'), 'exec-refused');

  expect(plan).toBeUndefined();
  expect(summary?.outcome).toBe('FAILED');
  const finished = auditor.fakes.eventBridgeMock
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .filter((e) => e.DetailType === 'Audit Run Finished');
  expect(finished.map((e) => JSON.parse(e.Detail ?? '{}').run)).toEqual([expect.objectContaining({ runId: 'exec-refused', outcome: 'FAILED' })]);
  expect((await store.runs.get('exec-refused'))?.integrations?.events.runFinished).toBe('PUT');
});
