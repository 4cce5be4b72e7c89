/**
 * A DynamoDB-compatible server for tests: dynalite, in memory, on an ephemeral port of
 * 127.0.0.1. One server per test file: start it in beforeAll, close it in afterAll.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { TableDesign } from '../../lambda/findings/table-design';

interface DynaliteOptions {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

// dynalite ships no type declarations; its factory returns a Node http.Server.
const createDynalite = require('dynalite') as (options: DynaliteOptions) => Server;

export interface RunningDynalite {
  /** e.g. http://127.0.0.1:41234 */
  endpoint: string;
  close(): Promise<void>;
}

/** Dummy credentials: dynalite checks that requests are signed, not by whom. */
export const DYNALITE_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;
export const DYNALITE_REGION = 'us-east-1';

export async function startDynalite(): Promise<RunningDynalite> {
  const server = createDynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A DynamoDB client for the server, with dummy credentials. */
export function dynaliteClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: DYNALITE_REGION, credentials: DYNALITE_CREDENTIALS, maxAttempts: 1 });
}

/** The CreateTable input of a design (on-demand billing, as the stack deploys it). */
export function createTableInput(design: TableDesign, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, 'S' | 'N'>();
  const keyAttributes = [design.partitionKey, design.sortKey, ...design.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  for (const key of keyAttributes) if (key) attributes.set(key.name, key.type);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
      ...(design.sortKey ? [{ AttributeName: design.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(design.globalSecondaryIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: design.globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: { ProjectionType: index.projection },
          })),
        }
      : {}),
  };
}

/**
 * Creates one table per design, named `<prefix><logicalName>`, and waits until each is ACTIVE.
 * Returns the table names by logical name. (dynalite does not implement TTL: expiry is not tested
 * against the server, only the `expiresAt` values written.)
 */
export async function createTables(client: DynamoDBClient, designs: readonly TableDesign[], prefix = ''): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const design of designs) {
    const tableName = `${prefix}${design.logicalName}`;
    await client.send(new CreateTableCommand(createTableInput(design, tableName)));
    for (;;) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    names[design.logicalName] = tableName;
  }
  return names;
}
