/** The runs table: one record per audit run. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RunRecord } from './run-record';
import { RUN_RECORD_TYPE, RUNS_INDEX } from './table-design';

export class RunsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(runId: string): Promise<RunRecord | undefined> {
    const answer = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { runId }, ConsistentRead: true }));
    return answer.Item as RunRecord | undefined;
  }

  /** Writes the record unless the run is already recorded; returns the record that is stored. */
  async putIfAbsent(record: RunRecord): Promise<RunRecord> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: 'attribute_not_exists(runId)' }));
      return record;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.get(record.runId);
      if (!stored) throw error;
      return stored;
    }
  }

  /** The latest runs, newest first. */
  async listRecent(limit: number): Promise<RunRecord[]> {
    const runs: RunRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: RUNS_INDEX.byStart,
          KeyConditionExpression: 'recordType = :type',
          ExpressionAttributeValues: { ':type': RUN_RECORD_TYPE },
          ScanIndexForward: false,
          Limit: limit - runs.length,
          ExclusiveStartKey,
        }),
      );
      runs.push(...((page.Items ?? []) as RunRecord[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && runs.length < limit);
    return runs;
  }

  async markNoticeSent(runId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { runId },
        UpdateExpression: 'SET incompleteNotice = :sent',
        ConditionExpression: 'attribute_exists(runId)',
        ExpressionAttributeValues: { ':sent': 'SENT' },
      }),
    );
  }
}
