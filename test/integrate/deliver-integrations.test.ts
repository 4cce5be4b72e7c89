import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { BatchImportFindingsCommand, DescribeHubCommand, InvalidAccessException, LimitExceededException, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { findingKey } from '../../lambda/findings/finding';
import type { FindingRecord } from '../../lambda/findings/finding-record';
import { suppressFinding, unsuppressFinding } from '../../lambda/findings/suppression';
import { SecurityHubAvailability } from '../../lambda/integrate/security-hub-availability';
import { dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { finding } from '../findings/reconcile-harness';
import { IntegrationHarness } from './integration-harness';

let server: RunningDynalite;
let harness: IntegrationHarness;

beforeAll(async () => {
  server = await startDynalite();
  harness = new IntegrationHarness(dynaliteClient(server.endpoint));
});
afterAll(async () => {
  harness.sns.restore();
  await server.close();
});
beforeEach(async () => {
  await harness.freshTables();
  harness.answerEverything();
  harness.mode = 'enabled';
  harness.settings = { ...harness.settings, eventsEnabled: true };
  harness.warnings.length = 0;
  harness.now = new Date('2026-01-10T12:00:00Z');
});

const A = '222222222222';
const B = '333333333333';

async function stored(id: string): Promise<FindingRecord> {
  const record = await harness.store.findings.get(id);
  if (!record) throw new Error(`no item ${id}`);
  return record;
}

function findingEvents(events: ReturnType<IntegrationHarness['takeEvents']>) {
  return events.filter((e) => e.detailType !== 'Audit Run Finished').map((e) => ({ detailType: e.detailType, findingId: e.detail.finding?.findingId }));
}

describe('a finding through its life, in Security Hub and on EventBridge', () => {
  test('opened, escalated and resolved: imported, updated and archived under one Id, one event per change, nothing for a run that changes nothing', async () => {
    const delivery = finding('DLV-002', A, 'HIGH');
    const id = findingKey(delivery);

    const run1 = await harness.reconcile(harness.runInput([delivery]));
    const counts1 = await harness.deliver(run1);
    const opened = harness.takeImported();
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ Id: id, RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' }, FindingProviderFields: { Severity: { Label: 'HIGH' } } });
    expect(opened[0]).not.toHaveProperty('Workflow');
    const events1 = harness.takeEvents();
    expect(findingEvents(events1)).toEqual([{ detailType: 'Finding Opened', findingId: id }]);
    expect(events1.map((e) => e.detailType)).toContain('Audit Run Finished');
    expect(counts1).toMatchObject({ securityHub: { state: 'IMPORTING', imported: 1, failed: 0 }, events: { put: 1, failed: 0, runFinished: 'PUT' } });
    expect((await stored(id)).integrationPending).toBeUndefined();
    expect((await harness.store.runs.get(run1.runId))?.integrations).toEqual(counts1);

    const run2 = await harness.reconcile(harness.runInput([delivery]));
    await harness.deliver(run2);
    expect(harness.takeImported()).toHaveLength(0);
    expect(findingEvents(harness.takeEvents())).toEqual([]);

    const run3 = await harness.reconcile(harness.runInput([{ ...delivery, severity: 'CRITICAL' }]));
    await harness.deliver(run3);
    expect(harness.takeImported()).toEqual([expect.objectContaining({ Id: id, RecordState: 'ACTIVE', FindingProviderFields: expect.objectContaining({ Severity: { Label: 'CRITICAL', Original: 'CRITICAL' } }) })]);
    const escalated = harness.takeEvents().filter((e) => e.detailType === 'Finding Escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.detail).toMatchObject({ event: 'ESCALATED', previousSeverity: 'HIGH', finding: { findingId: id, severity: 'CRITICAL', status: 'OPEN' } });
    expect(escalated[0]?.detail.finding).not.toHaveProperty('integrationOutbox');

    const run4 = await harness.reconcile(harness.runInput([], [delivery]));
    await harness.deliver(run4);
    expect(harness.takeImported()).toEqual([expect.objectContaining({ Id: id, RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } })]);
    expect(findingEvents(harness.takeEvents())).toEqual([{ detailType: 'Finding Resolved', findingId: id }]);
    expect((await stored(id)).integrationPending).toBeUndefined();
  });

  test('suppressed and unsuppressed by a person: an event each, and Security Hub shows the suppression without touching Workflow', async () => {
    const topic = finding('CFG-004', A, 'MEDIUM');
    const id = findingKey(topic);
    await harness.deliver(await harness.reconcile(harness.runInput([topic])));
    harness.takeImported();
    harness.takeEvents();

    await suppressFinding(harness.store.findings, id, { reason: 'accepted until migration', until: '2026-03-01', by: 'alice', now: harness.now });
    const run = await harness.reconcile(harness.runInput([topic]));
    await harness.deliver(run);

    const imported = harness.takeImported();
    expect(imported).toHaveLength(1);
    expect(imported[0]?.ProductFields).toMatchObject({ 'org-trail-auditor/Status': 'SUPPRESSED', 'org-trail-auditor/SuppressionReason': 'accepted until migration' });
    expect(imported[0]).not.toHaveProperty('Workflow');
    const suppressed = harness.takeEvents().filter((e) => e.detailType === 'Finding Suppressed');
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]?.detail).toMatchObject({ by: 'alice', finding: { status: 'SUPPRESSED' } });

    await unsuppressFinding(harness.store.findings, id, { by: 'bob', now: harness.now });
    await harness.deliver(await harness.reconcile(harness.runInput([topic])));
    expect(findingEvents(harness.takeEvents())).toEqual([{ detailType: 'Finding Unsuppressed', findingId: id }]);
    expect(harness.takeImported()[0]?.ProductFields?.['org-trail-auditor/Status']).toBe('OPEN');
  });
});

describe('partial failures: kept, retried by the next run, never duplicated', () => {
  test('FailedFindings and a refused PutEvents entry stay pending, are counted, and only they are sent again', async () => {
    const first = finding('DLV-002', A, 'HIGH');
    const second = finding('DLV-002', B, 'HIGH');
    const refusedId = findingKey(first);
    harness.securityHubMock.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => ({
      FailedCount: 1,
      SuccessCount: input.Findings.length - 1,
      FailedFindings: [{ Id: refusedId, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format.' }],
    }));
    harness.eventBridgeMock.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => ({
      FailedEntryCount: 1,
      Entries: input.Entries.map((entry, index) =>
        JSON.parse(entry.Detail ?? '{}').finding?.findingId === findingKey(second) ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : { EventId: `e-${index}` },
      ),
    }));

    const run1 = await harness.reconcile(harness.runInput([first, second]));
    const counts1 = await harness.deliver(run1);

    expect(counts1).toMatchObject({ securityHub: { imported: 1, failed: 1 }, events: { put: 1, failed: 1 } });
    expect((await harness.store.runs.get(run1.runId))?.integrations).toMatchObject({ securityHub: { failed: 1 }, events: { failed: 1 } });
    expect((await stored(refusedId)).integrationOutbox).toMatchObject({ events: [], securityHub: expect.any(Object) });
    expect((await stored(findingKey(second))).integrationOutbox?.events.map((e) => e.type)).toEqual(['OPENED']);
    const firstEventIds = harness.takeEvents().map((e) => e.detail.eventId);
    harness.takeImported();
    expect(harness.warnings.join('\n')).toContain('InvalidInput');

    harness.answerEverything();
    const run2 = await harness.reconcile(harness.runInput([first, second]));
    const counts2 = await harness.deliver(run2);

    expect(harness.takeImported().map((f) => f.Id)).toEqual([refusedId]);
    const retried = harness.takeEvents().filter((e) => e.detailType !== 'Audit Run Finished');
    expect(retried.map((e) => e.detail.finding?.findingId)).toEqual([findingKey(second)]);
    expect(firstEventIds).toContain(retried[0]?.detail.eventId);
    expect(counts2).toMatchObject({ securityHub: { imported: 1, failed: 0 }, events: { put: 1, failed: 0 } });
    expect((await stored(refusedId)).integrationPending).toBeUndefined();
    expect((await stored(findingKey(second))).integrationPending).toBeUndefined();
  });

  test('a throttled call (LimitExceededException) keeps every finding of it pending; the run record says how many', async () => {
    harness.securityHubMock.on(BatchImportFindingsCommand).rejects(new LimitExceededException({ message: 'Rate exceeded', $metadata: {} }));
    const findings = [finding('DLV-002', A), finding('DLV-003', A), finding('DLV-004', B)];

    const run = await harness.reconcile(harness.runInput(findings));
    const counts = await harness.deliver(run);

    expect(counts.securityHub).toMatchObject({ imported: 0, failed: 3 });
    for (const f of findings) expect((await stored(findingKey(f))).integrationOutbox?.securityHub).toBeDefined();
    expect(harness.warnings.join('\n')).toContain('LimitExceededException');
  });

  test('an Audit Run Finished event that could not be put is put by the next run', async () => {
    harness.eventBridgeMock.on(PutEventsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const run1 = await harness.reconcile(harness.runInput([]));
    const counts1 = await harness.deliver(run1);
    expect(counts1.events.runFinished).toBe('FAILED');

    harness.answerEverything();
    const run2 = await harness.reconcile(harness.runInput([]));
    const counts2 = await harness.deliver(run2);

    const finished = harness.takeEvents().filter((e) => e.detailType === 'Audit Run Finished');
    expect(finished.map((e) => e.detail.run?.runId).sort()).toEqual([run1.runId, run2.runId].sort());
    expect(counts2.events).toMatchObject({ runFinished: 'PUT', earlierRunsPut: 1 });
    expect((await harness.store.runs.get(run1.runId))?.integrations?.events.runFinished).toBe('PUT');
  });

  test('a replayed run (a retried invocation) delivers nothing twice and keeps the counts it recorded', async () => {
    const input = harness.runInput([finding('DLV-002', A)]);
    const counts = await harness.deliver(await harness.reconcile(input));
    harness.takeImported();
    harness.takeEvents();

    const replayed = await harness.reconcile(input);
    await harness.deliver(replayed);

    expect(replayed.integrations).toEqual(counts);
    expect(harness.takeImported()).toEqual([]);
    expect(harness.takeEvents()).toEqual([]);
    expect((await harness.store.runs.get(input.runId))?.integrations).toEqual(counts);
  });

  test('a change written while its earlier change is delivered stays marked (clearing is by mark, not by item)', async () => {
    const delivery = finding('DLV-002', A, 'HIGH');
    const id = findingKey(delivery);
    await harness.reconcile(harness.runInput([delivery]));
    const before = await stored(id);
    const deliveredMark = before.integrationOutbox?.securityHub?.markId;
    const deliveredEvent = before.integrationOutbox?.events[0]?.eventId ?? '';

    // Another run escalates it before the first delivery clears.
    await harness.reconcile(harness.runInput([{ ...delivery, severity: 'CRITICAL' }]));
    // Delivery settles with the item as it read it (stale now): the write conflicts, re-reads, and clears only what it sent.
    await harness.outbox().settle({ findingId: id, eventIds: new Set([deliveredEvent]), securityHubMarkId: deliveredMark, importedAt: harness.now.toISOString() }, before);

    const after = await stored(id);
    expect(after.integrationOutbox?.events.map((e) => e.type)).toEqual(['ESCALATED']);
    expect(after.integrationOutbox?.securityHub?.markId).not.toBe(deliveredMark);
    expect(after.integrationPending).toBe('PENDING');
  });
});

describe('on, off, and not enabled', () => {
  test('securityHubImport disabled and events off: nothing is sent, and the marks are dropped rather than kept forever', async () => {
    harness.mode = 'disabled';
    harness.settings = { ...harness.settings, eventsEnabled: false };
    const delivery = finding('DLV-002', A);

    const counts = await harness.deliver(await harness.reconcile(harness.runInput([delivery])));

    expect(harness.securityHubMock.calls()).toHaveLength(0);
    expect(harness.eventBridgeMock.calls()).toHaveLength(0);
    expect(counts).toMatchObject({ securityHub: { state: 'DISABLED', imported: 0 }, events: { enabled: false, runFinished: 'OFF' } });
    expect((await stored(findingKey(delivery))).integrationPending).toBeUndefined();
  });

  test('auto: DescribeHub answering InvalidAccessException means not enabled, asked once per cold start', async () => {
    harness.securityHubMock.on(DescribeHubCommand).rejects(new InvalidAccessException({ message: 'Account 111111111111 is not subscribed to AWS Security Hub', $metadata: {} }));
    const availability = new SecurityHubAvailability('auto', harness.securityHub);

    const first = await harness.deliver(await harness.reconcile(harness.runInput([finding('DLV-002', A)])), availability);
    const second = await harness.deliver(await harness.reconcile(harness.runInput([finding('DLV-003', A)])), availability);

    expect([first.securityHub.state, second.securityHub.state]).toEqual(['NOT_ENABLED', 'NOT_ENABLED']);
    expect(harness.securityHubMock.commandCalls(DescribeHubCommand)).toHaveLength(1);
    expect(harness.securityHubMock.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);
  });

  test('auto: any other DescribeHub error imports nothing and drops nothing, and is asked again next run', async () => {
    harness.securityHubMock.on(DescribeHubCommand).rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    const availability = new SecurityHubAvailability('auto', harness.securityHub, () => undefined);
    const delivery = finding('DLV-002', A);

    const first = await harness.deliver(await harness.reconcile(harness.runInput([delivery])), availability);
    expect(first.securityHub.state).toBe('UNKNOWN');
    expect((await stored(findingKey(delivery))).integrationOutbox?.securityHub).toBeDefined();

    const second = await harness.deliver(await harness.reconcile(harness.runInput([delivery])), availability);
    expect(second.securityHub).toMatchObject({ state: 'IMPORTING', imported: 1 });
    expect(harness.securityHubMock.commandCalls(DescribeHubCommand)).toHaveLength(2);
  });
});

describe('Security Hub expiry', () => {
  test('open findings not imported for refreshAfterDays are imported again, at most refreshLimitPerRun per run', async () => {
    const findings = [finding('DLV-002', A), finding('DLV-003', A), finding('DLV-004', A)];
    await harness.deliver(await harness.reconcile(harness.runInput(findings)));
    harness.takeImported();

    harness.now = new Date(harness.now.getTime() + 31 * 86_400_000);
    harness.settings = { ...harness.settings, refreshLimitPerRun: 2 };
    const counts = await harness.deliver(await harness.reconcile(harness.runInput(findings)));
    const refreshed = harness.takeImported();
    const counts2 = await harness.deliver(await harness.reconcile(harness.runInput(findings)));
    const refreshedNext = harness.takeImported();

    expect(counts.securityHub).toMatchObject({ imported: 2, refreshed: 2 });
    expect(refreshed.every((f) => f.UpdatedAt === harness.now.toISOString())).toBe(true);
    expect(counts2.securityHub).toMatchObject({ refreshed: 1 });
    expect(new Set([...refreshed, ...refreshedNext].map((f) => f.Id)).size).toBe(3);
  });
});
