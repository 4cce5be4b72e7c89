import { InternalErrorException, KMSAccessDeniedException, PublishCommand } from '@aws-sdk/client-sns';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { findingKey } from '../../lambda/findings/finding';
import { FindingsStore } from '../../lambda/findings/findings-store';
import type { FindingRecord } from '../../lambda/findings/finding-record';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAuditStore, createDocumentClient } from '../../lambda/findings/audit-store';
import { reconcileRun } from '../../lambda/findings/reconcile';
import { suppressFinding } from '../../lambda/findings/suppression';
import { dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { evaluation, finding, publishedEvents, ReconcileHarness } from './reconcile-harness';

let server: RunningDynalite;
let harness: ReconcileHarness;

beforeAll(async () => {
  server = await startDynalite();
  harness = new ReconcileHarness(dynaliteClient(server.endpoint));
});
afterAll(async () => {
  harness.sns.restore();
  await server.close();
});
beforeEach(() => harness.freshTables());

const A = '222222222222';
const B = '333333333333';
const C = '444444444444';

async function stored(id: string): Promise<FindingRecord> {
  const record = await harness.store.findings.get(id);
  if (!record) throw new Error(`no item ${id}`);
  return record;
}

describe('reconcile over a sequence of runs', () => {
  test('new, still open, escalated, resolved and reopened: each stored and alerted once', async () => {
    const delivery = finding('DLV-002', A, 'HIGH');
    const id = findingKey(delivery);

    const first = harness.runInput([delivery]);
    const run1 = await harness.reconcile(first);
    let record = await stored(id);
    expect(record).toMatchObject({ status: 'OPEN', firstSeenAt: first.startedAt, lastSeenAt: first.startedAt, timesSeen: 1, lastRunId: first.runId });
    expect(record.alertPending).toBeUndefined();
    expect(publishedEvents(harness.takePublished())).toEqual([{ event: 'NEW', threadId: id }]);
    expect(run1.findings).toMatchObject({ opened: 1, stillOpen: 0, resolved: 0 });
    expect(run1.findings.openBySeverity.HIGH).toBe(1);
    expect(run1.alerts).toEqual({ messagesPublished: 1, findingsAlerted: 1, findingsPending: 0, publishFailures: 0 });

    // Found again unchanged within a day: counted, not rewritten.
    const second = harness.runInput([delivery]);
    const run2 = await harness.reconcile(second);
    record = await stored(id);
    expect(record).toMatchObject({ status: 'OPEN', firstSeenAt: first.startedAt, lastSeenAt: first.startedAt, timesSeen: 1, version: 2 });
    expect(harness.takePublished()).toHaveLength(0);
    expect(run2.findings).toMatchObject({ opened: 0, stillOpen: 1 });
    expect(run2.findings.openBySeverity.HIGH).toBe(1);

    const third = harness.runInput([{ ...delivery, severity: 'CRITICAL', detail: 'worse now' }]);
    await harness.reconcile(third);
    record = await stored(id);
    expect(record).toMatchObject({ severity: 'CRITICAL', detail: 'worse now', lastSeenAt: third.startedAt, timesSeen: 2 });
    const escalation = harness.takePublished();
    expect(publishedEvents(escalation)).toEqual([{ event: 'ESCALATED', threadId: id }]);
    expect(escalation[0].MessageAttributes?.severity?.StringValue).toBe('CRITICAL');
    expect(JSON.parse(escalation[0].Message ?? '{}').email).toContain('Escalated from HIGH to CRITICAL');

    const fourth = harness.runInput([], [delivery]);
    const run4 = await harness.reconcile(fourth);
    record = await stored(id);
    expect(record).toMatchObject({ status: 'RESOLVED', resolvedAt: fourth.startedAt });
    expect(record.expiresAt).toBe(Date.parse(fourth.startedAt) / 1000 + 400 * 86_400);
    expect(publishedEvents(harness.takePublished())).toEqual([{ event: 'RESOLVED', threadId: id }]);
    expect(run4.findings.resolved).toBe(1);

    const fifth = harness.runInput([delivery]);
    const run5 = await harness.reconcile(fifth);
    record = await stored(id);
    expect(record).toMatchObject({ status: 'OPEN', timesReopened: 1, timesSeen: 3, firstSeenAt: first.startedAt });
    expect(record.expiresAt).toBeUndefined();
    expect(record.resolvedAt).toBeUndefined();
    expect(publishedEvents(harness.takePublished())).toEqual([{ event: 'REOPENED', threadId: id }]);
    expect(run5.findings.reopened).toBe(1);
    expect(record.history.map((entry) => entry.event)).toEqual(['OPENED', 'ESCALATED', 'RESOLVED', 'REOPENED']);
  });

  test('an account that becomes unreachable keeps its findings open; covered ones elsewhere resolve', async () => {
    const inA = finding('CFG-012', A, 'LOW', { resource: A });
    const inB = finding('DLV-008', B, 'HIGH', { resource: B });
    await harness.reconcile(harness.runInput([inA, inB]));
    harness.takePublished();

    // A cannot be entered: its checks are not in the coverage. B was evaluated and is healthy.
    const unreachable = finding('AUD-001', A, 'MEDIUM', { region: null, resource: A });
    const partial = harness.runInput([unreachable], [inB], {
      outcome: 'PARTIAL',
      accounts: { total: 3, audited: 2, failed: 1, notStarted: 0 },
    });
    const run = await harness.reconcile(partial);

    expect((await stored(findingKey(inA))).status).toBe('OPEN');
    expect((await stored(findingKey(inB))).status).toBe('RESOLVED');
    const events = publishedEvents(harness.takePublished()).map((published) => published.event).sort();
    expect(events).toEqual(['NEW', 'RESOLVED', 'RUN_INCOMPLETE']);
    expect(run.notAudited?.accountIds).toEqual([A]);
    expect(run.incompleteNotice).toBe('SENT');
    expect((await harness.store.runs.get(partial.runId))?.incompleteNotice).toBe('SENT');
  });

  test('findings below the minimum severity are stored without an alert', async () => {
    const low = finding('S3-005', A, 'LOW');
    await harness.reconcile(harness.runInput([low]));
    expect((await stored(findingKey(low))).status).toBe('OPEN');
    expect(harness.takePublished()).toHaveLength(0);

    const alertAll = harness.runInput([], [low]);
    await harness.reconcile(alertAll, { minAlertSeverity: 'INFORMATIONAL' });
    expect(publishedEvents(harness.takePublished()).map((p) => p.event)).toEqual(['RESOLVED']);
  });
});

describe('suppressions', () => {
  test('a suppressed finding stays up to date without alerts and reopens with an alert at expiry', async () => {
    const bucket = finding('S3-004', B, 'MEDIUM', { resource: 'org-logs' });
    const id = findingKey(bucket);
    await harness.reconcile(harness.runInput([bucket]));
    harness.takePublished();

    await suppressFinding(harness.store.findings, id, { reason: 'versioning replaced by object lock', until: '2026-02-01', by: 'auditor@example.com', now: new Date('2026-01-10T12:00:00Z') });
    const during = harness.runInput([{ ...bucket, severity: 'HIGH' }]);
    const run = await harness.reconcile(during);
    let record = await stored(id);
    expect(record).toMatchObject({ status: 'SUPPRESSED', severity: 'HIGH', lastSeenAt: during.startedAt, suppression: { until: '2026-02-02T00:00:00.000Z' } });
    expect(harness.takePublished()).toHaveLength(0);
    expect(run.findings.suppressed).toBe(1);

    harness.now = new Date('2026-02-02T00:00:01Z');
    await harness.reconcile(harness.runInput([{ ...bucket, severity: 'HIGH' }]));
    record = await stored(id);
    expect(record.status).toBe('OPEN');
    expect(record.suppression).toBeUndefined();
    expect(record.history.at(-1)).toMatchObject({ event: 'SUPPRESSION_EXPIRED' });
    const [reopened] = harness.takePublished();
    expect(reopened.MessageAttributes?.event?.StringValue).toBe('REOPENED');
    expect(JSON.parse(reopened.Message ?? '{}').email).toContain('suppression has ended');
    harness.now = undefined;
  });

  test('a suppression ends even when the run could not look at the finding', async () => {
    const bucket = finding('S3-004', C, 'MEDIUM');
    await harness.reconcile(harness.runInput([bucket]));
    await suppressFinding(harness.store.findings, findingKey(bucket), { reason: 'accepted', until: '2026-01-11', by: 'me', now: new Date('2026-01-10T12:00:00Z') });
    harness.takePublished();
    harness.now = new Date('2026-01-13T00:00:00Z');
    await harness.reconcile(harness.runInput([]));
    expect((await stored(findingKey(bucket))).status).toBe('OPEN');
    expect(publishedEvents(harness.takePublished()).map((p) => p.event)).toEqual(['REOPENED']);
    harness.now = undefined;
  });
});

describe('idempotency and concurrency', () => {
  test('a replayed run changes nothing and sends nothing', async () => {
    const one = finding('DLV-001', A, 'CRITICAL');
    const two = finding('DLV-004', B, 'MEDIUM');
    await harness.reconcile(harness.runInput([one, two]));
    const input = harness.runInput([one], [two]);
    const first = await harness.reconcile(input);
    harness.takePublished();
    const before = await harness.store.findings.getMany([findingKey(one), findingKey(two)]);

    const replay = await harness.reconcile(input);
    expect(replay).toEqual(first);
    expect(harness.takePublished()).toHaveLength(0);
    expect(await harness.store.findings.getMany([findingKey(one), findingKey(two)])).toEqual(before);

    // A replay after a crash before the run record was written: every item is already applied.
    const documents = createDocumentClient(dynaliteClient(server.endpoint));
    await documents.send(new DeleteCommand({ TableName: harness.store.runs.tableName, Key: { runId: input.runId } }));
    const again = await harness.reconcile(input);
    expect(harness.takePublished()).toHaveLength(0);
    expect(await harness.store.findings.getMany([findingKey(one), findingKey(two)])).toEqual(before);
    // The resolution already applied; the finding still open is counted again (nothing written).
    expect(again.findings).toMatchObject({ opened: 0, stillOpen: 1, resolved: 0 });
  });

  test('two runs racing on one item: the newer run wins whichever writes first', async () => {
    const trail = finding('DLV-002', A, 'HIGH');
    const id = findingKey(trail);
    await harness.reconcile(harness.runInput([trail]));
    harness.takePublished();

    const older = harness.runInput([], [trail]); // would resolve it
    const newer = harness.runInput([{ ...trail, severity: 'CRITICAL' }]); // still open, escalated

    // The older run reads the item, then the newer run completes before the older one writes.
    const interleaved = new InterleavingStore(harness.store.findings, () => harness.reconcile(newer).then(() => undefined));
    await reconcileRun(older, { ...harness.dependencies(older), store: { ...harness.store, findings: interleaved } });
    expect(interleaved.conflicts).toBe(1);
    let record = await stored(id);
    expect(record).toMatchObject({ status: 'OPEN', severity: 'CRITICAL', lastRunId: newer.runId, timesSeen: 2 });

    // And the other order: the newer run's write conflicts with the older one's and applies on top.
    const older2 = harness.runInput([trail]);
    const newer2 = harness.runInput([], [trail]);
    const interleaved2 = new InterleavingStore(harness.store.findings, () => harness.reconcile(older2).then(() => undefined));
    await reconcileRun(newer2, { ...harness.dependencies(newer2), store: { ...harness.store, findings: interleaved2 } });
    expect(interleaved2.conflicts).toBe(1);
    record = await stored(id);
    expect(record).toMatchObject({ status: 'RESOLVED', lastRunId: newer2.runId, timesSeen: 3 });
    // The older run saw HIGH after the newer one's CRITICAL, then the newest resolved it.
    expect(record.history.map((entry) => entry.event)).toEqual(['OPENED', 'ESCALATED', 'SEVERITY_LOWERED', 'RESOLVED']);
  });

  test('overlapping runs on many items leave every item consistent', async () => {
    const findings = Array.from({ length: 30 }, (_, i) => finding('ORG-009', String(500000000000 + i), 'HIGH', { resource: String(500000000000 + i) }));
    const [a, b] = [harness.runInput(findings), harness.runInput(findings)];
    const [runA, runB] = await Promise.all([harness.reconcile(a), harness.reconcile(b)]);
    for (const f of findings) {
      const record = await stored(findingKey(f));
      // Whichever run opened it; the other found it unchanged and wrote nothing.
      expect([a.runId, b.runId]).toContain(record.lastRunId);
      expect(record.history.map((entry) => entry.event)).toEqual(['OPENED']);
      expect(record.alertPending).toBeUndefined();
    }
    // Each NEW alert went out exactly once, whichever run published it.
    expect(runA.alerts.findingsAlerted + runB.alerts.findingsAlerted).toBe(findings.length);
    expect(runA.findings.opened + runB.findings.opened).toBe(findings.length);
  });
});

describe('alerts that could not be published', () => {
  test('a publish failure leaves the alert pending and the next run sends it', async () => {
    const key = finding('CFG-003', A, 'CRITICAL');
    harness.sns.on(PublishCommand).rejectsOnce(new KMSAccessDeniedException({ message: 'topic key denied', $metadata: {} }));
    const run1 = await harness.reconcile(harness.runInput([key]));
    expect(run1.alerts).toEqual({ messagesPublished: 0, findingsAlerted: 0, findingsPending: 1, publishFailures: 1 });
    let record = await stored(findingKey(key));
    expect(record.alertPending).toBe('PENDING');
    // Still held by the run that failed to publish it; the next run (an hour later) takes it over.
    expect(record.pendingAlert).toMatchObject({ event: 'NEW', failedAttempts: 0, claimedBy: run1.runId });
    harness.takePublished();

    harness.sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const run2 = await harness.reconcile(harness.runInput([key]));
    expect(publishedEvents(harness.takePublished())).toEqual([{ event: 'NEW', threadId: findingKey(key) }]);
    expect(run2.alerts.findingsAlerted).toBe(1);
    record = await stored(findingKey(key));
    expect(record.alertPending).toBeUndefined();
    expect(await harness.store.findings.listPendingAlerts()).toEqual([]);
  });

  test('a PARTIAL run notice that could not be published is sent by the next run', async () => {
    harness.sns.on(PublishCommand).rejects(new InternalErrorException({ message: 'boom', $metadata: {} }));
    const partial = harness.runInput([], [], {
      outcome: 'FAILED',
      accounts: { total: 3, audited: 0, failed: 0, notStarted: 3 },
      notAudited: { notStartedAccountIds: [A, B, C], reason: 'management account credentials expired' },
    });
    const run = await harness.reconcile(partial);
    expect(run.incompleteNotice).toBe('PENDING');
    harness.takePublished();

    harness.sns.on(PublishCommand).resolves({ MessageId: 'm' });
    await harness.reconcile(harness.runInput([]));
    const [notice] = harness.takePublished();
    expect(notice.MessageAttributes?.event?.StringValue).toBe('RUN_INCOMPLETE');
    const email = JSON.parse(notice.Message ?? '{}').email as string;
    expect(email).toContain(`Accounts the run never started (3): ${A}, ${B}, ${C}`);
    expect(email).toContain('management account credentials expired');
    expect((await harness.store.runs.get(partial.runId))?.incompleteNotice).toBe('SENT');
  });

  test('more alerts of one check than the threshold go out as one message', async () => {
    const many = Array.from({ length: 6 }, (_, i) => finding('DLV-008', String(600000000000 + i), 'HIGH', { resource: String(600000000000 + i) }));
    await harness.reconcile(harness.runInput(many.slice(0, 5)));
    expect(harness.takePublished()).toHaveLength(5);
    await harness.reconcile(harness.runInput(many), { groupThreshold: 5 });
    expect(harness.takePublished()).toHaveLength(1);
    const resolved = await harness.reconcile(harness.runInput([], many));
    const published = harness.takePublished();
    expect(published).toHaveLength(1);
    expect(published[0].MessageAttributes?.accountId).toEqual({ DataType: 'String.Array', StringValue: JSON.stringify(many.map((f) => f.accountId)) });
    expect(resolved.alerts).toEqual({ messagesPublished: 1, findingsAlerted: 6, findingsPending: 0, publishFailures: 0 });
  });
});

/** A findings store whose first conditional write is preceded by another run's whole reconcile. */
class InterleavingStore extends FindingsStore {
  conflicts = 0;
  private interleaved = false;

  constructor(
    inner: FindingsStore,
    private readonly between: () => Promise<void>,
  ) {
    super(createDocumentClient(dynaliteClient(server.endpoint)), inner.tableName);
  }

  override async putIfVersion(record: FindingRecord, expectedVersion: number | undefined): Promise<boolean> {
    if (!this.interleaved) {
      this.interleaved = true;
      await this.between();
    }
    const written = await super.putIfVersion(record, expectedVersion);
    if (!written) this.conflicts += 1;
    return written;
  }
}

describe('what a run writes, and what it may resolve', () => {
  const D = '555555555555';

  test('an unchanged run writes nothing but its record; a day later the finding is refreshed', async () => {
    const counter = new CallCounter(dynaliteClient(server.endpoint));
    const findings = Array.from({ length: 12 }, (_, i) => finding('DLV-008', String(800000000000 + i), 'HIGH', { resource: String(800000000000 + i) }));
    const first = harness.runInput(findings);
    await harness.reconcile(first);
    harness.takePublished();

    counter.reset();
    const unchanged = harness.runInput(findings);
    const run = await reconcileRun(unchanged, { ...harness.dependencies(unchanged), store: createAuditStore(counter.client, tableNames()) });
    expect(run.findings).toMatchObject({ stillOpen: 12, opened: 0 });
    expect(counter.count('PutItemCommand')).toBe(1); // the run record
    expect(counter.count('UpdateItemCommand')).toBe(0);
    expect((await stored(findingKey(findings[0]))).lastSeenAt).toBe(first.startedAt);

    const dayLater = harness.runInput(findings, [], { startedAt: new Date(Date.parse(first.startedAt) + 25 * 3_600_000).toISOString(), finishedAt: new Date(Date.parse(first.startedAt) + 25.1 * 3_600_000).toISOString() });
    await harness.reconcile(dayLater);
    expect(await stored(findingKey(findings[0]))).toMatchObject({ lastSeenAt: dayLater.startedAt, timesSeen: 2 });
    expect(harness.takePublished()).toHaveLength(0);
  });

  test('on a complete account list, a departed account’s findings resolve with that reason, in the item and the alert', async () => {
    const inD = finding('CFG-012', D, 'HIGH', { resource: D });
    const inA = finding('DLV-008', A, 'HIGH', { resource: A });
    await harness.reconcile(harness.runInput([inD, inA]));
    harness.takePublished();

    // D left the organization: not audited, nothing of it covered; the list of accounts was read whole.
    const complete = harness.runInput([inA], [], { evaluation: evaluation([inA], [], true) });
    const run = await harness.reconcile(complete);
    expect(run.findings.resolved).toBe(1);
    const record = await stored(findingKey(inD));
    expect(record).toMatchObject({ status: 'RESOLVED', resolvedReason: 'account no longer audited' });
    expect(record.history.at(-1)).toMatchObject({ event: 'RESOLVED', note: 'account no longer audited' });
    const [alert] = harness.takePublished();
    expect(JSON.parse(alert.Message ?? '{}').email).toContain('account no longer audited');
    expect((await stored(findingKey(inA))).status).toBe('OPEN');
  });

  test('on an incomplete account list, nothing of an account outside the run’s scope resolves, even if covered', async () => {
    const inD = finding('S3-002', D, 'CRITICAL', { resource: 'org-logs' });
    const other = finding('CFG-006', C, 'HIGH', { resource: C });
    await harness.reconcile(harness.runInput([inD, other]));
    harness.takePublished();

    // ListAccounts failed on page 3: D and C were never listed. A coverage naming D's S3-002 must not resolve it.
    const partial = harness.runInput([], [], {
      outcome: 'PARTIAL',
      evaluation: { findings: [], coverage: new Set([findingKey(inD)]), accountScope: { auditedAccountIds: new Set([A, B]), listComplete: false } },
      accounts: { total: 40, audited: 40, failed: 0, notStarted: 0 },
      notAudited: { reason: 'ListAccounts failed (ThrottlingException): accounts after it were not seen' },
    });
    const run = await harness.reconcile(partial);
    expect((await stored(findingKey(inD))).status).toBe('OPEN');
    expect((await stored(findingKey(other))).status).toBe('OPEN');
    expect(run.findings.resolved).toBe(0);
    expect(run.notAudited?.accountListIncomplete).toBe(true);
    const published = harness.takePublished();
    expect(published.map((p) => p.MessageAttributes?.event?.StringValue)).toEqual(['RUN_INCOMPLETE']);
    expect(published[0].Subject).not.toContain('0 of 40');
    expect(JSON.parse(published[0].Message ?? '{}').email).toContain('the account list is incomplete');
  });
});

function tableNames() {
  return { findingsTable: harness.store.findings.tableName, runsTable: harness.store.runs.tableName };
}

/** Counts the DynamoDB calls of one client by command. */
class CallCounter {
  private readonly calls = new Map<string, number>();

  constructor(readonly client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => (args) => {
        const name = context.commandName ?? 'unknown';
        this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'callCounter' },
    );
  }

  count(command: string): number {
    return this.calls.get(command) ?? 0;
  }

  reset(): void {
    this.calls.clear();
  }
}
