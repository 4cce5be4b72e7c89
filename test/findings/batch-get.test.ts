import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { batchGetAll, UnprocessedItemsError } from '../../lambda/findings/batch-get';

const documents = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const noWait = { maxAttempts: 4, baseDelayMs: 1, sleep: async () => undefined };

afterEach(() => documents.reset());
afterAll(() => documents.restore());

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ findingId: `id-${i}` }));

test('unprocessed keys are requested again until every item is read', async () => {
  documents
    .on(BatchGetCommand)
    .resolvesOnce({ Responses: { t: [{ findingId: 'id-0' }] }, UnprocessedKeys: { t: { Keys: [{ findingId: 'id-1' }, { findingId: 'id-2' }] } } })
    .resolvesOnce({ Responses: { t: [{ findingId: 'id-1' }] }, UnprocessedKeys: { t: { Keys: [{ findingId: 'id-2' }] } } })
    .resolvesOnce({ Responses: { t: [{ findingId: 'id-2' }] } });
  const items = await batchGetAll(client, 't', keys(3), noWait);
  expect(items.map((item) => item.findingId)).toEqual(['id-0', 'id-1', 'id-2']);
  const requested = documents.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.t.Keys?.length);
  expect(requested).toEqual([3, 2, 1]);
});

test('more than 100 keys are split into requests of at most 100', async () => {
  documents.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Record<string, unknown>[] }> }) => ({ Responses: { t: input.RequestItems.t.Keys } }));
  const items = await batchGetAll(client, 't', keys(250), noWait);
  expect(items).toHaveLength(250);
  expect(documents.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.t.Keys?.length)).toEqual([100, 100, 50]);
});

test('keys still unprocessed after the last attempt are an error, not a silent gap', async () => {
  documents.on(BatchGetCommand).resolves({ Responses: { t: [] }, UnprocessedKeys: { t: { Keys: [{ findingId: 'id-0' }] } } });
  await expect(batchGetAll(client, 't', keys(1), noWait)).rejects.toThrow(new UnprocessedItemsError('BatchGetItem on t: 1 keys still unprocessed after 4 attempts'));
  expect(documents.commandCalls(BatchGetCommand)).toHaveLength(4);
});
