/** The run's estimated cost, added to its record once reconcile has written it. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../findings/audit-store';
import type { RunCost } from '../cost/run-cost';

export async function recordRunCost(client: DynamoDBClient, runsTable: string, runId: string, cost: RunCost): Promise<void> {
  await createDocumentClient(client).send(
    new UpdateCommand({
      TableName: runsTable,
      Key: { runId },
      UpdateExpression: 'SET cost = :cost',
      ConditionExpression: 'attribute_exists(runId)',
      ExpressionAttributeValues: { ':cost': cost },
    }),
  );
}
