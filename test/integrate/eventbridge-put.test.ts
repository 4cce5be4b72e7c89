import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import type { FindingRecord } from '../../lambda/findings/finding-record';
import { entryBytes, EVENTBRIDGE_ENTRY_BYTES, findingEventEntry } from '../../lambda/integrate/eventbridge-entries';
import { putEvents, type KeyedEntry } from '../../lambda/integrate/eventbridge-put';

const client = new EventBridgeClient({ region: 'us-east-1' });
const mock = mockClient(client);

beforeEach(() => {
  mock.reset();
  mock.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `id-${i}` })) }));
});
afterAll(() => mock.restore());

function keyed(index: number, detailBytes = 100): KeyedEntry {
  return { key: `k${index}`, entry: { Source: 'org-trail-auditor', DetailType: 'Finding Opened', Detail: JSON.stringify({ pad: 'x'.repeat(detailBytes) }) } };
}

function record(overrides: Partial<FindingRecord> = {}): FindingRecord {
  return {
    checkId: 'DLV-002',
    accountId: '222222222222',
    region: 'us-east-1',
    resource: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
    severity: 'HIGH',
    title: 't',
    detail: 'd',
    remediation: 'r',
    findingId: 'DLV-002#222222222222#us-east-1#arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
    status: 'OPEN',
    severityOrder: '1#x',
    firstSeenAt: '2026-01-01T00:00:00.000Z',
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    lastRunId: 'run-1',
    lastRunAt: '2026-01-01T00:00:00.000Z',
    timesSeen: 1,
    timesReopened: 0,
    history: [{ event: 'OPENED', at: '2026-01-01T00:00:00.000Z', runId: 'run-1', severity: 'HIGH' }],
    version: 1,
    integrationOutbox: { events: [{ eventId: 'e1', type: 'OPENED', at: '2026-01-01T00:00:00.000Z', runId: 'run-1' }] },
    integrationPending: 'PENDING',
    ...overrides,
  };
}

describe('putEvents', () => {
  test('25 entries go in calls of at most 10', async () => {
    const outcome = await putEvents(client, Array.from({ length: 25 }, (_, i) => keyed(i)));

    expect(mock.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([10, 10, 5]);
    expect(outcome.put).toHaveLength(25);
  });

  test('a call stays within 256 KB in total', async () => {
    await putEvents(client, Array.from({ length: 6 }, (_, i) => keyed(i, 100 * 1024)));

    expect(mock.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([2, 2, 2]);
  });

  test('FailedEntryCount: the refused entries are reported by their ErrorCode, in request order', async () => {
    mock.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }, { EventId: 'c' }] });

    const outcome = await putEvents(client, [keyed(0), keyed(1), keyed(2)]);

    expect(outcome.put).toEqual(['k0', 'k2']);
    expect(outcome.failed).toEqual([{ key: 'k1', errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' }]);
  });

  test('a failed call reports each of its entries', async () => {
    mock.on(PutEventsCommand).rejects(Object.assign(new Error('Connection timed out'), { name: 'TimeoutError' }));

    const outcome = await putEvents(client, [keyed(0), keyed(1)]);

    expect(outcome.failed.map((f) => [f.key, f.errorCode])).toEqual([['k0', 'TimeoutError'], ['k1', 'TimeoutError']]);
  });
});

describe('finding events', () => {
  test('source, detail-type, the ARN resource and the detail: the event with its deterministic ID and the finding as stored without its outbox', () => {
    const entry = findingEventEntry(record(), { eventId: 'e1', type: 'OPENED', at: '2026-01-01T00:00:00.000Z', runId: 'run-1' });

    expect(entry).toMatchObject({ Source: 'org-trail-auditor', DetailType: 'Finding Opened', Resources: ['arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'] });
    const detail = JSON.parse(entry.Detail ?? '');
    expect(detail).toMatchObject({ eventId: 'e1', event: 'OPENED', runId: 'run-1', finding: { findingId: record().findingId, status: 'OPEN' } });
    expect(detail.finding).not.toHaveProperty('integrationOutbox');
    expect(detail.finding).not.toHaveProperty('integrationPending');
  });

  test('a finding too large for one entry keeps its first and latest history and the start of its text, and says so', () => {
    const history = Array.from({ length: 100 }, (_, i) => ({ event: 'ESCALATED' as const, at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, runId: `run-${i}`, severity: 'HIGH' as const, note: 'n'.repeat(3000) }));
    const big = record({ history, detail: 'D'.repeat(60_000) });

    const entry = findingEventEntry(big, { eventId: 'e1', type: 'ESCALATED', at: '2026-01-01T00:00:00.000Z' });

    expect(entryBytes(entry)).toBeLessThanOrEqual(EVENTBRIDGE_ENTRY_BYTES);
    const detail = JSON.parse(entry.Detail ?? '');
    expect(detail.finding.historyTrimmed).toBe(true);
    expect(detail.finding.history).toHaveLength(10);
    expect(detail.finding.history[0].runId).toBe('run-0');
    expect(detail.finding.detail).toContain('[truncated; the whole text: org-trail-auditor findings show');
  });
});
