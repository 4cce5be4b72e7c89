import type { FindingRecord } from '../../lambda/findings/finding-record';
import { nextFindingState, type RunClock } from '../../lambda/findings/finding-transition';
import { MAX_OUTBOX_EVENTS } from '../../lambda/integrate/integration-outbox';
import { markManualChangeForIntegrations } from '../../lambda/integrate/outbox-marking';
import { EXAMPLE_FINDING, recordOf } from '../notify/alert-examples';

const clock = (runId: string, runAt: string): RunClock => ({ runId, runAt, now: runAt, minAlertSeverity: 'MEDIUM', retentionDays: 400 });
const delivered = (overrides: Partial<FindingRecord> = {}) => recordOf(EXAMPLE_FINDING, overrides);

describe('what a transition owes the integrations', () => {
  test('a new finding: one OPENED event with a deterministic ID, and a Security Hub mark', () => {
    const transition = nextFindingState(undefined, { kind: 'found', finding: EXAMPLE_FINDING }, clock('r1', '2026-01-10T09:00:00.000Z'));

    expect(transition?.record.integrationPending).toBe('PENDING');
    expect(transition?.record.integrationOutbox?.events).toEqual([
      { eventId: `${transition?.record.findingId}#OPENED#r1`, type: 'OPENED', at: '2026-01-10T09:00:00.000Z', runId: 'r1' },
    ]);
    expect(transition?.record.integrationOutbox?.securityHub).toEqual({ markId: 'r1#1', markedAt: '2026-01-10T09:00:00.000Z' });
  });

  test('found again unchanged: nothing owed (no import, no event)', () => {
    const transition = nextFindingState(delivered(), { kind: 'found', finding: EXAMPLE_FINDING }, clock('r2', '2026-01-10T09:00:00.000Z'));

    expect(transition?.kind).toBe('still-open');
    expect(transition?.record.integrationPending).toBeUndefined();
  });

  test('found again with other text or a lower severity: Security Hub is updated, no event is put', () => {
    const lowered = nextFindingState(delivered(), { kind: 'found', finding: { ...EXAMPLE_FINDING, severity: 'LOW' } }, clock('r2', '2026-01-10T09:00:00.000Z'));
    const reworded = nextFindingState(delivered(), { kind: 'found', finding: { ...EXAMPLE_FINDING, detail: 'now seen differently' } }, clock('r2', '2026-01-10T09:00:00.000Z'));

    for (const transition of [lowered, reworded]) {
      expect(transition?.record.integrationOutbox?.events).toEqual([]);
      expect(transition?.record.integrationOutbox?.securityHub?.markId).toBe(`r2#${transition?.record.version}`);
    }
  });

  test('escalated: the event names the severity before', () => {
    const transition = nextFindingState(delivered({ severity: 'MEDIUM' }), { kind: 'found', finding: { ...EXAMPLE_FINDING, severity: 'CRITICAL' } }, clock('r2', '2026-01-10T09:00:00.000Z'));

    expect(transition?.record.integrationOutbox?.events.map((e) => [e.type, e.previousSeverity])).toEqual([['ESCALATED', 'MEDIUM']]);
  });

  test('an earlier undelivered event is kept behind the new one, and at most MAX_OUTBOX_EVENTS are kept (the drop is counted)', () => {
    const pile = Array.from({ length: MAX_OUTBOX_EVENTS }, (_, i) => ({ eventId: `old-${i}`, type: 'REOPENED' as const, at: '2026-01-01T00:00:00.000Z' }));
    const stored = delivered({ integrationOutbox: { events: pile }, integrationPending: 'PENDING' });

    const transition = nextFindingState(stored, { kind: 'absent' }, clock('r2', '2026-01-10T09:00:00.000Z'));

    const events = transition?.record.integrationOutbox?.events ?? [];
    expect(events).toHaveLength(MAX_OUTBOX_EVENTS);
    expect(events[0]?.eventId).toBe('old-1');
    expect(events.at(-1)?.type).toBe('RESOLVED');
    expect(transition?.record.integrationOutbox?.eventsDropped).toBe(1);
  });

  test('a person suppressing: a SUPPRESSED event named after the moment, by whom', () => {
    const record = markManualChangeForIntegrations(delivered({ status: 'SUPPRESSED' }), 'SUPPRESSED', 'alice', '2026-01-10T10:00:00.000Z');

    expect(record.integrationOutbox?.events).toEqual([{ eventId: `${record.findingId}#SUPPRESSED#2026-01-10T10:00:00.000Z`, type: 'SUPPRESSED', at: '2026-01-10T10:00:00.000Z', by: 'alice' }]);
    expect(record.integrationPending).toBe('PENDING');
  });
});
