import { MAX_HISTORY_ENTRIES, type FindingRecord } from '../../lambda/findings/finding-record';
import { nextFindingState, type RunClock } from '../../lambda/findings/finding-transition';
import { resolveReconcileSettings } from '../../lambda/findings/reconcile-settings';
import { EXAMPLE_FINDING, recordOf } from '../notify/alert-examples';

const clock = (runId: string, runAt: string, overrides: Partial<RunClock> = {}): RunClock => ({
  runId,
  runAt,
  now: runAt,
  minAlertSeverity: 'MEDIUM',
  retentionDays: 400,
  ...overrides,
});

const open = (overrides: Partial<FindingRecord> = {}) => recordOf(EXAMPLE_FINDING, overrides);

describe('nextFindingState', () => {
  test('a run older than the one that last wrote the item changes nothing', () => {
    const stored = open({ lastRunId: 'newer', lastRunAt: '2026-01-10T09:00:00.000Z' });
    expect(nextFindingState(stored, { kind: 'absent' }, clock('older', '2026-01-10T08:30:00.000Z'))).toBeNull();
    expect(nextFindingState(stored, { kind: 'found', finding: EXAMPLE_FINDING }, clock('older', '2026-01-10T08:30:00.000Z'))).toBeNull();
  });

  test('the run that last wrote the item changes nothing (replay)', () => {
    const stored = open();
    expect(nextFindingState(stored, { kind: 'absent' }, clock(stored.lastRunId, stored.lastRunAt))).toBeNull();
  });

  test('an open finding the run did not evaluate is left alone', () => {
    expect(nextFindingState(open(), { kind: 'not-evaluated' }, clock('r2', '2026-01-10T09:00:00.000Z'))).toBeNull();
  });

  test('a suppressed finding that gets fixed resolves without an alert', () => {
    const stored = open({ status: 'SUPPRESSED', suppression: { reason: 'r', until: '2027-01-01T00:00:00.000Z', by: 'b', at: '2026-01-10T08:30:00.000Z' } });
    const transition = nextFindingState(stored, { kind: 'absent' }, clock('r2', '2026-01-10T09:00:00.000Z'));
    expect(transition?.record).toMatchObject({ status: 'RESOLVED' });
    expect(transition?.record.pendingAlert).toBeUndefined();
    expect(transition?.record.suppression).toBeUndefined();
  });

  test('a lower severity is recorded without an alert', () => {
    const transition = nextFindingState(open(), { kind: 'found', finding: { ...EXAMPLE_FINDING, severity: 'MEDIUM' } }, clock('r2', '2026-01-10T09:00:00.000Z'));
    expect(transition?.kind).toBe('still-open');
    expect(transition?.record.history.at(-1)).toMatchObject({ event: 'SEVERITY_LOWERED', note: 'was CRITICAL' });
    expect(transition?.record.pendingAlert).toBeUndefined();
  });

  test('an alert that is still pending is carried until it is published', () => {
    const pendingAlert = { alertId: 'r1#NEW', event: 'NEW' as const, runId: 'r1', raisedAt: '2026-01-10T08:00:00.000Z', failedAttempts: 1 };
    const transition = nextFindingState(open({ pendingAlert, alertPending: 'PENDING' }), { kind: 'found', finding: EXAMPLE_FINDING }, clock('r2', '2026-01-10T09:00:00.000Z'));
    expect(transition?.record.pendingAlert).toEqual(pendingAlert);
  });

  test('the history keeps its first entry and the latest ones', () => {
    let record = open();
    for (let i = 0; i < MAX_HISTORY_ENTRIES + 10; i++) {
      const runAt = new Date(Date.parse('2026-01-11T00:00:00Z') + i * 3_600_000).toISOString();
      const finding = { ...EXAMPLE_FINDING, severity: i % 2 === 0 ? ('HIGH' as const) : ('CRITICAL' as const) };
      const next = nextFindingState(record, { kind: 'found', finding }, clock(`r${i}`, runAt));
      if (!next) throw new Error('expected a transition');
      record = next.record;
    }
    expect(record.history).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(record.history[0].event).toBe('OPENED');
    expect(record.history.at(-1)?.runId).toBe(`r${MAX_HISTORY_ENTRIES + 9}`);
    expect(record.historyDropped).toBe(11);
  });
});

describe('resolveReconcileSettings', () => {
  test('defaults', () => {
    expect(resolveReconcileSettings()).toEqual({ minAlertSeverity: 'MEDIUM', groupThreshold: 5, retentionDays: 400 });
  });

  test.each([
    [{ minAlertSeverity: 'SEVERE' }, 'minAlertSeverity: "SEVERE" is not allowed; expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL'],
    [{ groupThreshold: 0 }, 'groupThreshold: 0 is not allowed; expected a whole number from 1 to 1000'],
    [{ retentionDays: '1.5' }, 'retentionDays: "1.5" is not allowed; expected a whole number from 1 to 3650'],
  ])('refuses %j naming the key and what is allowed', (partial, message) => {
    expect(() => resolveReconcileSettings(partial)).toThrow(message);
  });
});

describe('write only what changed', () => {
  const hourLater = clock('r2', '2026-01-10T09:00:00.000Z');

  test('found again unchanged within a day: counted still open, nothing to write', () => {
    const transition = nextFindingState(open(), { kind: 'found', finding: EXAMPLE_FINDING }, hourLater);
    expect(transition).toMatchObject({ kind: 'still-open', needsWrite: false });
    expect(transition?.record).toEqual(open());
  });

  test.each([
    ['the detail', { detail: 'another error since 08:55' }],
    ['the remediation', { remediation: 'another command' }],
    ['the severity', { severity: 'HIGH' as const }],
  ])('found again with a change to %s: written', (_what, change) => {
    const transition = nextFindingState(open(), { kind: 'found', finding: { ...EXAMPLE_FINDING, ...change } }, hourLater);
    expect(transition?.needsWrite).toBe(true);
    expect(transition?.record).toMatchObject({ ...change, lastSeenAt: hourLater.runAt, timesSeen: 2, version: 2 });
  });

  test('found again unchanged a day after it was last written: refreshed', () => {
    const transition = nextFindingState(open(), { kind: 'found', finding: EXAMPLE_FINDING }, clock('r9', '2026-01-11T08:00:00.000Z'));
    expect(transition).toMatchObject({ kind: 'still-open', needsWrite: true, record: { lastSeenAt: '2026-01-11T08:00:00.000Z', timesSeen: 2 } });
    expect(transition?.record.pendingAlert).toBeUndefined();
  });

  test('a fresh alert is born claimed by the run that raises it', () => {
    const transition = nextFindingState(undefined, { kind: 'found', finding: EXAMPLE_FINDING }, { ...hourLater, now: '2026-01-10T09:04:00.000Z' });
    expect(transition?.record.pendingAlert).toMatchObject({ alertId: 'r2#NEW', claimedBy: 'r2', claimedAt: '2026-01-10T09:04:00.000Z', failedAttempts: 0 });
  });
});

describe('an account no longer audited', () => {
  test('its open finding resolves with the reason, in the item, its history and its alert', () => {
    const transition = nextFindingState(open(), { kind: 'account-not-audited' }, clock('r2', '2026-01-10T09:00:00.000Z'));
    expect(transition?.record).toMatchObject({ status: 'RESOLVED', resolvedReason: 'account no longer audited', pendingAlert: { event: 'RESOLVED', reason: 'account no longer audited' } });
    expect(transition?.record.history.at(-1)).toMatchObject({ event: 'RESOLVED', note: 'account no longer audited' });
  });

  test('reopening later drops the reason', () => {
    const resolved = nextFindingState(open(), { kind: 'account-not-audited' }, clock('r2', '2026-01-10T09:00:00.000Z'))?.record;
    const back = nextFindingState(resolved, { kind: 'found', finding: EXAMPLE_FINDING }, clock('r3', '2026-01-10T10:00:00.000Z'));
    expect(back?.record.status).toBe('OPEN');
    expect(back?.record.resolvedReason).toBeUndefined();
  });
});
