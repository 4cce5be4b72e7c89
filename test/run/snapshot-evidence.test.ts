import { gunzipSync } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { snapshotObjectKey, storeSnapshot } from '../../lambda/run/snapshot-evidence';
import { healthyOrg } from '../support/snapshots';

test('the snapshot is stored gzipped under snapshots/, dated by its capture', async () => {
  const s3 = mockClient(S3Client);
  s3.on(PutObjectCommand).resolves({});
  const snapshot = healthyOrg();
  const location = await storeSnapshot(new S3Client({ region: 'us-east-1' }), 'evidence-bucket', snapshot, 'req-1');

  const key = snapshotObjectKey(snapshot, 'req-1');
  expect(key).toBe(`snapshots/${snapshot.capturedAt.slice(0, 4)}/${snapshot.capturedAt.slice(5, 7)}/${snapshot.capturedAt.slice(8, 10)}/req-1.json.gz`);
  expect(location).toBe(`s3://evidence-bucket/${key}`);
  const [call] = s3.commandCalls(PutObjectCommand);
  const input = call?.args[0].input;
  expect(input).toMatchObject({ Bucket: 'evidence-bucket', Key: key, ContentType: 'application/json', ContentEncoding: 'gzip' });
  expect(JSON.parse(gunzipSync(input?.Body as Buffer).toString('utf8'))).toEqual(snapshot);
  s3.restore();
});

test('a run ID cannot escape its key', () => {
  expect(snapshotObjectKey({ capturedAt: '2026-11-22T10:00:00.000Z' }, '../x/y z')).toBe('snapshots/2026/11/22/.._x_y_z.json.gz');
});
