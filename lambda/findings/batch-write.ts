/**
 * BatchWriteItem over any number of requests: 25 a call, unprocessed requests retried with
 * exponential backoff and full jitter until none is left or the attempts run out. Unconditional by
 * nature (DynamoDB offers no condition in a batch): only for items whose key says all there is to
 * know, such as the alert outbox's.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_BATCH_RETRY, UnprocessedItemsError, type BatchRetryOptions } from './batch-get';

const REQUESTS_PER_CALL = 25;

export type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  options: BatchRetryOptions = DEFAULT_BATCH_RETRY,
): Promise<void> {
  for (let start = 0; start < requests.length; start += REQUESTS_PER_CALL) {
    let pending: WriteRequest[] = requests.slice(start, start + REQUESTS_PER_CALL);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > options.maxAttempts) {
        throw new UnprocessedItemsError(`BatchWriteItem on ${tableName}: ${pending.length} requests still unprocessed after ${options.maxAttempts} attempts`);
      }
      if (attempt > 1) await options.sleep(Math.random() * Math.min(5000, options.baseDelayMs * 2 ** (attempt - 2)));
      const answer = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (answer.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}
