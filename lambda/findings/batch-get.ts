/**
 * BatchGetItem over any number of keys: 100 keys a request, unprocessed keys retried with
 * exponential backoff and full jitter until none is left or the attempts run out.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const KEYS_PER_REQUEST = 100;

export interface BatchRetryOptions {
  /** Requests per chunk, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_BATCH_RETRY: BatchRetryOptions = {
  maxAttempts: 8,
  baseDelayMs: 50,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class UnprocessedItemsError extends Error {}

export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, string>[],
  options: BatchRetryOptions = DEFAULT_BATCH_RETRY,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_REQUEST) {
    let pending: Record<string, unknown>[] = keys.slice(start, start + KEYS_PER_REQUEST);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > options.maxAttempts) {
        throw new UnprocessedItemsError(`BatchGetItem on ${tableName}: ${pending.length} keys still unprocessed after ${options.maxAttempts} attempts`);
      }
      if (attempt > 1) await options.sleep(backoffMs(attempt, options.baseDelayMs));
      const answer = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(answer.Responses?.[tableName] ?? []));
      pending = answer.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
}

/** Full jitter: a random delay up to base × 2^(attempt-2), capped at 5 s. */
function backoffMs(attempt: number, baseDelayMs: number): number {
  return Math.random() * Math.min(5000, baseDelayMs * 2 ** (attempt - 2));
}
