/**
 * The EventBridge events the auditor puts on the default bus: one per finding change
 * (`Finding Opened`, `Finding Escalated` …) and one per run (`Audit Run Finished`). `source` is
 * `org-trail-auditor`; `detail` carries a deterministic `eventId` (a retried put repeats it, so
 * consumers can drop the copy) and the finding or run record as stored, within the 256 KB entry limit.
 */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { FindingRecord } from '../findings/finding-record';
import type { RunRecord } from '../findings/run-record';
import { FINDING_EVENT_DETAIL_TYPES, type OutboxEvent } from './integration-outbox';
import { textWithin } from './text-limit';

export const EVENT_SOURCE = 'org-trail-auditor';
export const RUN_FINISHED_DETAIL_TYPE = 'Audit Run Finished';

/** The largest entry (and request) PutEvents accepts, in bytes as EventBridge counts them. */
export const EVENTBRIDGE_ENTRY_BYTES = 256 * 1024;
/** History entries an event keeps when the whole finding does not fit (the first and the latest). */
const HISTORY_KEPT_WHEN_TRIMMED = 10;
/** Characters of detail / remediation an event keeps when the finding still does not fit. */
const TEXT_KEPT_WHEN_TRIMMED = 16 * 1024;

/** A finding as its events carry it: the stored item without the outbox that delivers them. */
export type FindingEventRecord = Omit<FindingRecord, 'integrationOutbox' | 'integrationPending'> & { historyTrimmed?: boolean };

export interface FindingEventDetail {
  eventId: string;
  /** OPENED, ESCALATED, REOPENED, RESOLVED, SUPPRESSED or UNSUPPRESSED. */
  event: OutboxEvent['type'];
  at: string;
  runId?: string;
  by?: string;
  previousSeverity?: OutboxEvent['previousSeverity'];
  finding: FindingEventRecord;
}

export interface RunFinishedDetail {
  eventId: string;
  run: RunRecord;
}

/** The entry announcing one finding change. `eventBusName` omitted: the account's default bus. */
export function findingEventEntry(record: FindingRecord, event: OutboxEvent): PutEventsRequestEntry {
  const { integrationOutbox: _outbox, integrationPending: _pending, ...stored } = record;
  const detail: FindingEventDetail = {
    eventId: event.eventId,
    event: event.type,
    at: event.at,
    ...(event.runId ? { runId: event.runId } : {}),
    ...(event.by ? { by: event.by } : {}),
    ...(event.previousSeverity ? { previousSeverity: event.previousSeverity } : {}),
    finding: stored,
  };
  const entry = (d: FindingEventDetail): PutEventsRequestEntry => ({
    Source: EVENT_SOURCE,
    DetailType: FINDING_EVENT_DETAIL_TYPES[event.type],
    Time: new Date(event.at),
    Resources: record.resource.startsWith('arn:') ? [record.resource] : [],
    Detail: JSON.stringify(d),
  });
  let candidate = entry(detail);
  if (entryBytes(candidate) <= EVENTBRIDGE_ENTRY_BYTES) return candidate;
  const history = stored.history.length > HISTORY_KEPT_WHEN_TRIMMED ? [stored.history[0], ...stored.history.slice(-(HISTORY_KEPT_WHEN_TRIMMED - 1))] : stored.history;
  const trimmed: FindingEventRecord = {
    ...stored,
    history: history.filter((h) => h !== undefined),
    historyTrimmed: true,
    detail: textWithin(stored.detail, TEXT_KEPT_WHEN_TRIMMED, `org-trail-auditor findings show '${stored.findingId}'`),
    remediation: textWithin(stored.remediation, TEXT_KEPT_WHEN_TRIMMED, `org-trail-auditor findings show '${stored.findingId}'`),
  };
  candidate = entry({ ...detail, finding: trimmed });
  return candidate;
}

/** The entry announcing a run's end, with its record as stored. */
export function runFinishedEntry(run: RunRecord): PutEventsRequestEntry {
  const detail: RunFinishedDetail = { eventId: runFinishedEventId(run.runId), run };
  return { Source: EVENT_SOURCE, DetailType: RUN_FINISHED_DETAIL_TYPE, Time: new Date(run.finishedAt), Resources: [], Detail: JSON.stringify(detail) };
}

export function runFinishedEventId(runId: string): string {
  return `run#${runId}#FINISHED`;
}

/**
 * An entry's size as EventBridge counts it: 14 bytes for Time, then the UTF-8 bytes of Source,
 * DetailType, Detail and each Resources entry.
 */
export function entryBytes(entry: PutEventsRequestEntry): number {
  const utf8 = (text: string | undefined) => (text ? Buffer.byteLength(text, 'utf8') : 0);
  return (entry.Time ? 14 : 0) + utf8(entry.Source) + utf8(entry.DetailType) + utf8(entry.Detail) + (entry.Resources ?? []).reduce((sum, r) => sum + utf8(r), 0);
}
