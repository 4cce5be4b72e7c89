/**
 * The alert outbox: what was published but not yet cleared from its findings. Right after SNS
 * accepts a message, its identity and the (finding, alert) pairs it covers are written here; then
 * the findings' pending flags are cleared; then the outbox entry is deleted. A run that dies in
 * between leaves the entry, and the next run (or the replay of the same run) finishes the clearing
 * without publishing again: only the one write after the publish is a window for a duplicate.
 *
 * The entries live in the findings table under keys `MESSAGE#<messageId>#<part>`, in the
 * pending-alerts index's partition `PUBLISHED` (they have no status, account or check, so no other
 * index and no findings listing sees them). A message covering thousands of findings is split into
 * parts that stay well under DynamoDB's 400 KB item limit.
 */
import { createHash } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from './batch-write';
import { FINDINGS_INDEX } from './table-design';

/** The pending-alerts index partition of outbox entries (findings use `PENDING`). */
export const OUTBOX_PARTITION = 'PUBLISHED';
const KEY_PREFIX = 'MESSAGE#';
/** Bytes of covered pairs per outbox item (DynamoDB items are at most 400 KB). */
const PART_BYTES = 300_000;
/** Outbox entries DynamoDB deletes on its own if no run ever finishes them (TTL). */
const OUTBOX_RETENTION_SECONDS = 14 * 86_400;

/** One finding's alert a message announced. */
export interface CoveredAlert {
  findingId: string;
  alertId: string;
}

export interface OutboxEntry {
  findingId: string;
  alertPending: typeof OUTBOX_PARTITION;
  messageId: string;
  part: number;
  runId: string;
  publishedAt: string;
  covers: CoveredAlert[];
  expiresAt: number;
}

/** A message's identity: the same covered alerts always give the same ID. */
export function messageIdOf(covers: readonly CoveredAlert[]): string {
  const lines = covers.map(({ findingId, alertId }) => `${alertId}\u0000${findingId}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32);
}

export function coveredKey({ findingId, alertId }: CoveredAlert): string {
  return `${alertId}\u0000${findingId}`;
}

export class AlertOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** Records that `messageId` was published, covering `covers` (BatchWriteItem; keys are deterministic). */
  async recordPublished(messageId: string, covers: readonly CoveredAlert[], runId: string, publishedAt: string): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    let part: CoveredAlert[] = [];
    let bytes = 0;
    const expiresAt = Math.floor(Date.parse(publishedAt) / 1000) + OUTBOX_RETENTION_SECONDS;
    const flush = () => {
      const index = entries.length;
      entries.push({ findingId: `${KEY_PREFIX}${messageId}#${index}`, alertPending: OUTBOX_PARTITION, messageId, part: index, runId, publishedAt, covers: part, expiresAt });
      part = [];
      bytes = 0;
    };
    for (const cover of covers) {
      const size = cover.findingId.length * 3 + cover.alertId.length * 3 + 32;
      if (bytes + size > PART_BYTES && part.length > 0) flush();
      part.push(cover);
      bytes += size;
    }
    if (part.length > 0 || entries.length === 0) flush();
    await batchWriteAll(this.client, this.tableName, entries.map((Item) => ({ PutRequest: { Item: { ...Item } } })));
    return entries;
  }

  /** Every entry left by a publish whose findings were not all cleared. */
  async listPublished(): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: FINDINGS_INDEX.pendingAlerts,
          KeyConditionExpression: 'alertPending = :published',
          ExpressionAttributeValues: { ':published': OUTBOX_PARTITION },
          ExclusiveStartKey,
        }),
      );
      entries.push(...((page.Items ?? []) as OutboxEntry[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return entries;
  }

  /** Deletes finished entries (BatchWriteItem). */
  async remove(entries: readonly Pick<OutboxEntry, 'findingId'>[]): Promise<void> {
    await batchWriteAll(this.client, this.tableName, entries.map(({ findingId }) => ({ DeleteRequest: { Key: { findingId } } })));
  }
}
