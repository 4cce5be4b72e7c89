/**
 * PutEvents within EventBridge's limits: at most 10 entries and 256 KB per call. A call that
 * fails, or an entry it refuses (`FailedEntryCount`, the entry's `ErrorCode`), is reported per
 * entry for the caller to keep pending and put again on the next run.
 */
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { EVENTBRIDGE_ENTRY_BYTES, entryBytes } from './eventbridge-entries';

export const EVENTBRIDGE_ENTRIES_PER_CALL = 10;

export interface KeyedEntry {
  /** The caller's name for the entry (the event's eventId). */
  key: string;
  entry: PutEventsRequestEntry;
}

export interface FailedPut {
  key: string;
  errorCode: string;
  errorMessage: string;
}

export interface PutOutcome {
  put: string[];
  failed: FailedPut[];
  calls: number;
}

export async function putEvents(client: EventBridgeClient, entries: readonly KeyedEntry[]): Promise<PutOutcome> {
  const outcome: PutOutcome = { put: [], failed: [], calls: 0 };
  const sendable: KeyedEntry[] = [];
  for (const keyed of entries) {
    const bytes = entryBytes(keyed.entry);
    if (bytes > EVENTBRIDGE_ENTRY_BYTES) outcome.failed.push({ key: keyed.key, errorCode: 'EntryTooLarge', errorMessage: `${bytes} bytes; EventBridge accepts at most ${EVENTBRIDGE_ENTRY_BYTES}` });
    else sendable.push(keyed);
  }
  for (const batch of batches(sendable)) {
    outcome.calls += 1;
    try {
      const answer = await client.send(new PutEventsCommand({ Entries: batch.map((keyed) => keyed.entry) }));
      // Result entries are in request order: an EventId for each put, an ErrorCode for each refused.
      batch.forEach((keyed, index) => {
        const result = answer.Entries?.[index];
        if (result?.EventId && !result.ErrorCode) outcome.put.push(keyed.key);
        else outcome.failed.push({ key: keyed.key, errorCode: result?.ErrorCode ?? 'NoResult', errorMessage: result?.ErrorMessage ?? 'PutEvents returned no result for the entry' });
      });
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      for (const keyed of batch) outcome.failed.push({ key: keyed.key, errorCode: name, errorMessage: message });
    }
  }
  return outcome;
}

function batches(entries: readonly KeyedEntry[]): KeyedEntry[][] {
  const result: KeyedEntry[][] = [];
  let current: KeyedEntry[] = [];
  let bytes = 0;
  for (const keyed of entries) {
    const size = entryBytes(keyed.entry);
    if (current.length === EVENTBRIDGE_ENTRIES_PER_CALL || bytes + size > EVENTBRIDGE_ENTRY_BYTES) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(keyed);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}
