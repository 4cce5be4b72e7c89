/**
 * The findings table: every read and write reconcile, the alerts and the CLI make. Writes are
 * conditional on the item's `version` (optimistic concurrency); queries use the table's indexes.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, DEFAULT_BATCH_RETRY, type BatchRetryOptions } from './batch-get';
import { severityRank, type Severity } from './finding';
import { ALERT_PENDING, type FindingRecord, type FindingStatus } from './finding-record';
import { FINDINGS_INDEX } from './table-design';

export class FindingsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly batchRetry: BatchRetryOptions = DEFAULT_BATCH_RETRY,
  ) {}

  /** One finding, read consistently; undefined when the table has no such item. */
  async get(findingId: string): Promise<FindingRecord | undefined> {
    const answer = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { findingId }, ConsistentRead: true }));
    return answer.Item as FindingRecord | undefined;
  }

  /** Many findings by ID (BatchGetItem, unprocessed keys retried). */
  async getMany(findingIds: readonly string[]): Promise<Map<string, FindingRecord>> {
    const items = (await batchGetAll(this.client, this.tableName, findingIds.map((findingId) => ({ findingId })), this.batchRetry)) as unknown as FindingRecord[];
    return new Map(items.map((item) => [item.findingId, item]));
  }

  /** Findings in one status, most severe first; only one severity when given. */
  listByStatus(status: FindingStatus, severity?: Severity): Promise<FindingRecord[]> {
    return this.queryAll({
      IndexName: FINDINGS_INDEX.byStatus,
      KeyConditionExpression: severity ? '#status = :status AND begins_with(severityOrder, :rank)' : '#status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ...(severity ? { ':rank': `${severityRank(severity)}#` } : {}) },
    });
  }

  /** Every finding of one account, in finding ID order (check, region, resource). */
  listByAccount(accountId: string): Promise<FindingRecord[]> {
    return this.queryAll({
      IndexName: FINDINGS_INDEX.byAccount,
      KeyConditionExpression: 'accountId = :accountId',
      ExpressionAttributeValues: { ':accountId': accountId },
    });
  }

  /** Every finding of one check across the organization, in account order. */
  listByCheck(checkId: string): Promise<FindingRecord[]> {
    return this.queryAll({
      IndexName: FINDINGS_INDEX.byCheck,
      KeyConditionExpression: 'checkId = :checkId',
      ExpressionAttributeValues: { ':checkId': checkId },
    });
  }

  /** Findings whose alert has not been published yet. */
  listPendingAlerts(): Promise<FindingRecord[]> {
    return this.queryAll({
      IndexName: FINDINGS_INDEX.pendingAlerts,
      KeyConditionExpression: 'alertPending = :pending',
      ExpressionAttributeValues: { ':pending': ALERT_PENDING },
    });
  }

  /**
   * Writes `record` if the item is still at `expectedVersion` (absent when undefined).
   * Returns false when another writer got there first: re-read and decide again.
   */
  async putIfVersion(record: FindingRecord, expectedVersion: number | undefined): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: record,
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(findingId)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Clears a pending alert once published, only if it is still the same alert (a newer run may
   * have raised another). Bumps the version so a concurrent writer holding the old item retries.
   */
  async clearPendingAlert(findingId: string, alertId: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { findingId },
          UpdateExpression: 'REMOVE pendingAlert, alertPending SET version = version + :one',
          ConditionExpression: 'pendingAlert.alertId = :alertId',
          ExpressionAttributeValues: { ':alertId': alertId, ':one': 1 },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Claims a pending alert for one run's publisher, so that two overlapping runs never both send
   * it: free, already this run's (a replay), or held by a run that died (claimed before
   * `staleBefore`). Taking over another run's claim counts a failed attempt (that run did not
   * publish it). True when claimed.
   */
  async claimPendingAlert(findingId: string, alertId: string, runId: string, claimedAt: string, staleBefore: string, takingOver = false): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { findingId },
          UpdateExpression: 'SET pendingAlert.claimedBy = :runId, pendingAlert.claimedAt = :claimedAt, pendingAlert.failedAttempts = pendingAlert.failedAttempts + :failed, version = version + :one',
          ConditionExpression:
            'pendingAlert.alertId = :alertId AND (attribute_not_exists(pendingAlert.claimedBy) OR pendingAlert.claimedBy = :runId OR pendingAlert.claimedAt < :staleBefore)',
          ExpressionAttributeValues: { ':alertId': alertId, ':runId': runId, ':claimedAt': claimedAt, ':staleBefore': staleBefore, ':one': 1, ':failed': takingOver ? 1 : 0 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<FindingRecord[]> {
    const items: FindingRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      items.push(...((page.Items ?? []) as FindingRecord[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}
