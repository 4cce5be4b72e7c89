/**
 * One bad item never stops the run: DynamoDB errors that outlast the SDK's retries, an item whose
 * conditional write keeps failing, a publish followed by a crash. Against dynalite with injected
 * faults and a recording SNS.
 */
import { findingKey } from '../../lambda/findings/finding';
import type { FindingRecord } from '../../lambda/findings/finding-record';
import { FindingsStore } from '../../lambda/findings/findings-store';
import { createDocumentClient } from '../../lambda/findings/audit-store';
import { reconcileRun, type ReconcileDependencies, type ReconcileRunInput } from '../../lambda/findings/reconcile';
import { SnsAlertPublisher } from '../../lambda/notify/alert-publisher';
import { dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { RecordingSns, SNS_ERRORS } from '../support/recording-sns';
import { FaultInjector, findingIdOf, throughputExceeded } from './faulty-dynamodb';
import { evaluation, finding, ReconcileHarness, TOPIC_ARN } from './reconcile-harness';

let server: RunningDynalite;
let harness: ReconcileHarness;
let faults: FaultInjector;
let sns: RecordingSns;

beforeAll(async () => {
  server = await startDynalite();
  const client = dynaliteClient(server.endpoint);
  faults = new FaultInjector(client);
  harness = new ReconcileHarness(client);
  // These tests publish to the recording SNS (the real SDK serializing), not the harness's mock.
  harness.sns.restore();
});
afterAll(() => server.close());
beforeEach(async () => {
  faults.disarm();
  await harness.freshTables();
  faults.reset();
  sns = new RecordingSns();
});

/** Fast retries: the tests need the behaviour, not the waiting. */
const FAST_RETRY = { baseDelayMs: 1, maxAttempts: 3 } as const;

function deps(input: ReconcileRunInput, overrides: Partial<ReconcileDependencies> = {}): ReconcileDependencies {
  return { ...harness.dependencies(input), publisher: new SnsAlertPublisher(sns.client, TOPIC_ARN), itemRetry: FAST_RETRY, ...overrides };
}

const accounts = (count: number, base = 700000000000) => Array.from({ length: count }, (_, i) => String(base + i));
const staleIn = (accountId: string) => finding('DLV-008', accountId, 'HIGH', { resource: accountId });

describe('an item that cannot be written', () => {
  test('throughput exceeded past the retries on some items: the rest is written and alerted, the run is PARTIAL with the count, and the next run catches up', async () => {
    const findings = accounts(20).map(staleIn);
    const doomed = new Set([findingKey(findings[3]), findingKey(findings[11])]);
    faults.arm((call) => (call.command === 'PutItemCommand' && doomed.has(findingIdOf(call) ?? '') ? throughputExceeded() : undefined));

    const input = harness.runInput(findings, [], { evaluation: evaluation(findings, [], true) });
    const run = await reconcileRun(input, deps(input));

    expect(run.outcome).toBe('PARTIAL');
    expect(run.findings).toMatchObject({ opened: 18, notWritten: 2 });
    expect(run.notAudited).toMatchObject({ findingsNotWritten: 2 });
    expect(run.notAudited?.reason).toContain('2 finding(s) could not be written');
    expect(faults.failed).toBe(2 * FAST_RETRY.maxAttempts);
    expect(await harness.store.runs.get(input.runId)).toMatchObject({ outcome: 'PARTIAL' });
    const published = sns.take();
    const events = published.map((p) => p.attributes.event.value).sort();
    expect(events).toEqual(['NEW', 'RUN_INCOMPLETE']);
    expect(JSON.parse(published.find((p) => p.attributes.event.value === 'NEW')?.message ?? '{}').email).toMatch(/^18 new findings of DLV-008/);
    const notice = published.find((p) => p.attributes.event.value === 'RUN_INCOMPLETE');
    expect(notice?.subject).toMatch(/PARTIAL: every account audited, 2 finding\(s\) not written/);
    expect(JSON.parse(notice?.message ?? '{}').email).toContain('Findings:  2 could not be written to the findings table');
    for (const id of doomed) expect(await harness.store.findings.get(id)).toBeUndefined();

    faults.disarm();
    const next = harness.runInput(findings);
    const caughtUp = await reconcileRun(next, deps(next));
    expect(caughtUp).toMatchObject({ outcome: 'SUCCEEDED', findings: { opened: 2, stillOpen: 18, notWritten: 0 } });
    expect(sns.take().map((p) => p.attributes.event.value)).toEqual(['NEW', 'NEW']);
  });

  test('throttling that clears within the retries costs nothing', async () => {
    const findings = accounts(6).map(staleIn);
    const attempts = new Map<string, number>();
    faults.arm((call) => {
      if (call.command !== 'PutItemCommand') return undefined;
      const id = findingIdOf(call) ?? '';
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      return (attempts.get(id) ?? 0) < FAST_RETRY.maxAttempts ? throughputExceeded() : undefined;
    });
    const input = harness.runInput(findings);
    const run = await reconcileRun(input, deps(input));
    expect(run).toMatchObject({ outcome: 'SUCCEEDED', findings: { opened: 6, notWritten: 0 } });
  });

  test('a conditional write that keeps failing is counted; the other items are written', async () => {
    const findings = accounts(4).map(staleIn);
    const stuck = findingKey(findings[1]);
    const store = new AlwaysConflicting(stuck);
    const input = harness.runInput(findings);
    const run = await reconcileRun(input, deps(input, { store: { ...harness.store, findings: store } }));
    expect(run).toMatchObject({ outcome: 'PARTIAL', findings: { opened: 3, notWritten: 1 } });
    expect(await harness.store.findings.get(stuck)).toBeUndefined();
  });

  test('a findings table that cannot be read: the run is recorded FAILED, and its notice says why', async () => {
    faults.arm((call) => (call.command === 'QueryCommand' && String(call.input.TableName).includes('Findings') ? throughputExceeded() : undefined));
    const input = harness.runInput([staleIn('700000000001')]);
    const run = await reconcileRun(input, deps(input));
    expect(run.outcome).toBe('FAILED');
    expect(run.notAudited?.reason).toContain('the findings table could not be read');
    expect(await harness.store.runs.get(input.runId)).toMatchObject({ outcome: 'FAILED' });
    expect(sns.take().map((p) => p.attributes.event.value)).toEqual(['RUN_INCOMPLETE']);
  });

  test('when the time runs out, items not started are counted and left; the record is still written', async () => {
    const findings = accounts(10).map(staleIn);
    let budget = 3;
    const input = harness.runInput(findings);
    // Enough time for the first checks only, then less than the reserve.
    const run = await reconcileRun(input, deps(input, { concurrency: 1, remainingTimeMs: () => (budget-- > 0 ? 600_000 : 1_000) }));
    expect(run.outcome).toBe('PARTIAL');
    expect(run.findings.notWritten).toBeGreaterThan(0);
    expect(run.findings.opened + run.findings.notWritten).toBe(10);
    expect(await harness.store.runs.get(input.runId)).toBeDefined();
  });
});

describe('publish, then crash', () => {
  test.each([
    ['one finding', 1],
    ['a grouped alert of nine', 9],
  ])('%s: the alerts published before the crash are not sent again by the replay or the next run', async (_case, count) => {
    const findings = accounts(count).map(staleIn);
    // DynamoDB "dies" right after the outbox entry is written: every later write fails.
    let outboxWritten = false;
    faults.arm((call) => {
      if (outboxWritten && call.command !== 'QueryCommand' && call.command !== 'GetItemCommand') return new Error('connection lost');
      if (call.command === 'BatchWriteItemCommand') outboxWritten = true;
      return undefined;
    });
    const input = harness.runInput(findings);
    await expect(reconcileRun(input, deps(input))).rejects.toThrow('connection lost');
    expect(sns.take()).toHaveLength(1);
    expect(await harness.store.findings.listPendingAlerts()).toHaveLength(count);

    faults.disarm();
    const replay = await reconcileRun(input, deps(input));
    expect(sns.take()).toHaveLength(0);
    expect(replay.alerts).toMatchObject({ messagesPublished: 0, findingsPending: 0 });
    expect(await harness.store.findings.listPendingAlerts()).toEqual([]);
    expect(await harness.store.outbox.listPublished()).toEqual([]);

    const next = harness.runInput(findings);
    await reconcileRun(next, deps(next));
    expect(sns.take()).toHaveLength(0);
  });

  test('a storm-sized message: its outbox entry is split into parts, and the next run clears every finding of every part', async () => {
    // Long resource names, as the log bucket's prefixes are: about 700 bytes per covered alert.
    const findings = accounts(1_500).map((accountId) => finding('DLV-008', accountId, 'HIGH', { resource: `org-cloudtrail-logs/AWSLogs/${accountId}/${'p'.repeat(200)}` }));
    let outboxCalls = 0;
    faults.arm((call) => {
      if (outboxCalls > 0 && call.command === 'UpdateItemCommand') return new Error('connection lost');
      if (call.command === 'BatchWriteItemCommand') outboxCalls += 1;
      return undefined;
    });
    const input = harness.runInput(findings);
    await reconcileRun(input, deps(input, { concurrency: 64 }));
    expect(sns.take()).toHaveLength(1);
    const parts = await harness.store.outbox.listPublished();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.reduce((sum, part) => sum + part.covers.length, 0)).toBe(1_500);

    faults.disarm();
    const next = harness.runInput(findings);
    await reconcileRun(next, deps(next, { concurrency: 64 }));
    expect(sns.take()).toHaveLength(0);
    expect(await harness.store.findings.listPendingAlerts()).toEqual([]);
    expect(await harness.store.outbox.listPublished()).toEqual([]);
  }, 120_000);

  test('the next run (not a replay) finishes the clearing of a crashed run without publishing', async () => {
    const findings = accounts(7).map(staleIn);
    let outboxWritten = false;
    faults.arm((call) => {
      if (outboxWritten && call.command === 'UpdateItemCommand') return new Error('connection lost');
      if (call.command === 'BatchWriteItemCommand') outboxWritten = true;
      return undefined;
    });
    const input = harness.runInput(findings);
    const crashed = await reconcileRun(input, deps(input));
    expect(crashed.alerts.messagesPublished).toBe(1);
    expect(sns.take()).toHaveLength(1);
    expect(await harness.store.outbox.listPublished()).not.toEqual([]);

    faults.disarm();
    const next = harness.runInput(findings);
    await reconcileRun(next, deps(next));
    expect(sns.take()).toHaveLength(0);
    expect(await harness.store.findings.listPendingAlerts()).toEqual([]);
    expect(await harness.store.outbox.listPublished()).toEqual([]);
  });

  test('a failed publish is retried by the next run, which takes the claim over and counts the failed attempt', async () => {
    const findings = accounts(2).map(staleIn);
    sns.failNext(4, SNS_ERRORS.kmsAccessDenied);
    const input = harness.runInput(findings);
    const failed = await reconcileRun(input, deps(input));
    expect(failed.alerts).toMatchObject({ publishFailures: 2, findingsPending: 2 });

    const second = harness.runInput(findings);
    expect((await reconcileRun(second, deps(second))).alerts).toMatchObject({ publishFailures: 2, findingsPending: 2 });
    const held = await harness.store.findings.get(findingKey(findings[0]));
    expect(held?.pendingAlert).toMatchObject({ claimedBy: second.runId, failedAttempts: 1, alertId: `${input.runId}#NEW` });

    const third = harness.runInput(findings);
    const retried = await reconcileRun(third, deps(third));
    expect(retried.alerts).toMatchObject({ messagesPublished: 2, findingsAlerted: 2, publishFailures: 0, findingsPending: 0 });
    expect(sns.take().map((p) => p.attributes.event.value)).toEqual(['NEW', 'NEW']);
  });
});

/** A findings store whose conditional write of one item always loses (another writer every time). */
class AlwaysConflicting extends FindingsStore {
  constructor(private readonly stuck: string) {
    super(createDocumentClient(dynaliteClient(server.endpoint)), harness.store.findings.tableName);
  }

  override async putIfVersion(record: FindingRecord, expectedVersion: number | undefined): Promise<boolean> {
    if (record.findingId === this.stuck) return false;
    return super.putIfVersion(record, expectedVersion);
  }
}
