/**
 * Full runs never overlap: the plan step takes a lease on one item of the runs table before it
 * reads anything, and the finish step gives it back. A lease whose holder died (a run killed
 * before its finish step) expires by itself, so a lost run never blocks the schedule for longer
 * than the lease. The item has no `recordType`, so it never shows among the runs (`runs list`).
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../findings/audit-store';

/** The lock item's key in the runs table (no run ID can take this form: they are execution names). */
export const FULL_RUN_LOCK_ID = 'LOCK#full-run';

export type LockAttempt = { acquired: true } | { acquired: false; holder: string; leaseUntil: string };

export interface FullRunLock {
  /** Takes the lease for `runId` until `leaseUntil`, unless another run holds an unexpired one. */
  acquire(runId: string, now: Date, leaseUntil: Date): Promise<LockAttempt>;
  /** Gives the lease back if `runId` holds it (a no-op otherwise). */
  release(runId: string): Promise<void>;
}

interface LockItem {
  runId: typeof FULL_RUN_LOCK_ID;
  holder: string;
  leaseUntil: string;
  /** DynamoDB TTL (epoch seconds): the item disappears some time after the lease ends. */
  expiresAt: number;
}

export function dynamoDbFullRunLock(client: DynamoDBClient, runsTable: string): FullRunLock {
  const documents = createDocumentClient(client);
  return {
    async acquire(runId, now, leaseUntil) {
      const item: LockItem = { runId: FULL_RUN_LOCK_ID, holder: runId, leaseUntil: leaseUntil.toISOString(), expiresAt: Math.ceil(leaseUntil.getTime() / 1000) };
      try {
        await documents.send(
          new PutCommand({
            TableName: runsTable,
            Item: item,
            // Free, expired, or already ours (a retried plan invocation of the same run).
            ConditionExpression: 'attribute_not_exists(runId) OR leaseUntil < :now OR holder = :me',
            ExpressionAttributeValues: { ':now': now.toISOString(), ':me': runId },
          }),
        );
        return { acquired: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const current = (await documents.send(new GetCommand({ TableName: runsTable, Key: { runId: FULL_RUN_LOCK_ID }, ConsistentRead: true }))).Item as LockItem | undefined;
        // Released between the two calls: try once more.
        if (!current) return this.acquire(runId, now, leaseUntil);
        return { acquired: false, holder: current.holder, leaseUntil: current.leaseUntil };
      }
    },
    async release(runId) {
      try {
        await documents.send(
          new DeleteCommand({
            TableName: runsTable,
            Key: { runId: FULL_RUN_LOCK_ID },
            ConditionExpression: 'holder = :me',
            ExpressionAttributeValues: { ':me': runId },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
