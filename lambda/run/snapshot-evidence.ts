/** Each run's snapshot, gzipped, in the evidence bucket: the evidence behind its findings. */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Snapshot } from '../snapshot/types';

const gzipAsync = promisify(gzip);

/** The evidence bucket's prefix for snapshots (its lifecycle rule expires them). */
export const SNAPSHOT_PREFIX = 'snapshots/';

/** `snapshots/YYYY/MM/DD/<runId>.json.gz`, dated by the snapshot's capture time. */
export function snapshotObjectKey(snapshot: Pick<Snapshot, 'capturedAt'>, runId: string): string {
  const date = snapshot.capturedAt.slice(0, 10).replace(/-/g, '/');
  return `${SNAPSHOT_PREFIX}${date}/${runId.replace(/[^\w.-]/g, '_')}.json.gz`;
}

/** Writes the snapshot; resolves to its location as the run record holds it (`s3://bucket/key`). */
export async function storeSnapshot(s3: S3Client, bucket: string, snapshot: Snapshot, runId: string): Promise<string> {
  const key = snapshotObjectKey(snapshot, runId);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: await gzipAsync(Buffer.from(JSON.stringify(snapshot))),
      ContentType: 'application/json',
      ContentEncoding: 'gzip',
    }),
  );
  return `s3://${bucket}/${key}`;
}
