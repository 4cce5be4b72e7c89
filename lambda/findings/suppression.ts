/**
 * An auditor accepts a finding (suppress, with a reason and an expiry) or takes the acceptance
 * back (unsuppress). Conditional writes, like reconcile's: a concurrent run never loses either.
 */
import { markManualChangeForIntegrations } from '../integrate/outbox-marking';
import { appendHistory, withoutAlert } from './finding-transition';
import { severityRank } from './finding';
import { severityOrder, type FindingRecord } from './finding-record';
import type { FindingsStore } from './findings-store';

export class SuppressionError extends Error {}

/** The longest suppression accepted: risk acceptance is reviewed at least this often. */
export const MAX_SUPPRESSION_DAYS = 3 * 366;
const MAX_REASON_LENGTH = 1000;
const MAX_ATTEMPTS = 5;

export interface SuppressRequest {
  reason: string;
  /** `YYYY-MM-DD` (the suppression lasts through that day, UTC) or an ISO time. */
  until: string;
  /** Who accepts the risk (recorded in the finding's history). */
  by: string;
  now: Date;
}

/** The ISO time a suppression given as `until` ends; throws a SuppressionError when it cannot be used. */
export function suppressionEnd(until: string, now: Date): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(until);
  const time = dateOnly ? Date.parse(`${until}T00:00:00Z`) + 86_400_000 : Date.parse(until);
  if (Number.isNaN(time) || !(dateOnly || /^\d{4}-\d{2}-\d{2}T/.test(until))) {
    throw new SuppressionError(`--until ${JSON.stringify(until)} is not a date; expected YYYY-MM-DD or an ISO time such as 2026-03-31T17:00:00Z`);
  }
  if (time <= now.getTime()) throw new SuppressionError(`--until ${until} is not in the future`);
  if (time - now.getTime() > MAX_SUPPRESSION_DAYS * 86_400_000) {
    throw new SuppressionError(`--until ${until} is more than ${MAX_SUPPRESSION_DAYS} days away; accept the risk for a shorter time and renew it`);
  }
  return new Date(time).toISOString();
}

export async function suppressFinding(store: FindingsStore, findingId: string, request: SuppressRequest): Promise<FindingRecord> {
  const reason = request.reason.trim().replace(/\s+/g, ' ');
  if (!reason) throw new SuppressionError('--reason is empty; say why the risk is accepted');
  if (reason.length > MAX_REASON_LENGTH) throw new SuppressionError(`--reason is ${reason.length} characters; at most ${MAX_REASON_LENGTH} are kept`);
  const until = suppressionEnd(request.until, request.now);
  const at = request.now.toISOString();
  return updateFinding(store, findingId, (stored) => {
    if (stored.status === 'RESOLVED') throw new SuppressionError(`finding ${findingId} is RESOLVED; only OPEN or SUPPRESSED findings can be suppressed`);
    const record: FindingRecord = withoutAlert({
      ...stored,
      status: 'SUPPRESSED',
      severityOrder: severityOrder(severityRank(stored.severity), stored.findingId),
      suppression: { reason, until, by: request.by, at },
      version: stored.version + 1,
    });
    const changed = appendHistory(record, { event: 'SUPPRESSED', at, by: request.by, severity: stored.severity, note: `until ${until}: ${reason}` });
    return markManualChangeForIntegrations(changed, 'SUPPRESSED', request.by, at);
  });
}

export async function unsuppressFinding(store: FindingsStore, findingId: string, request: { by: string; now: Date }): Promise<FindingRecord> {
  const at = request.now.toISOString();
  return updateFinding(store, findingId, (stored) => {
    if (stored.status !== 'SUPPRESSED') throw new SuppressionError(`finding ${findingId} is ${stored.status}, not SUPPRESSED`);
    const { suppression: _suppression, ...kept } = stored;
    const record: FindingRecord = { ...kept, status: 'OPEN', version: stored.version + 1 };
    const changed = appendHistory(record, { event: 'UNSUPPRESSED', at, by: request.by, severity: stored.severity });
    return markManualChangeForIntegrations(changed, 'UNSUPPRESSED', request.by, at);
  });
}

async function updateFinding(store: FindingsStore, findingId: string, change: (stored: FindingRecord) => FindingRecord): Promise<FindingRecord> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const stored = await store.get(findingId);
    if (!stored) throw new SuppressionError(`no finding ${findingId} (see: org-trail-auditor findings list)`);
    const record = change(stored);
    if (await store.putIfVersion(record, stored.version)) return record;
  }
  throw new Error(`finding ${findingId} kept changing; try again`);
}
