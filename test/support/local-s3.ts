/**
 * A local S3 for tests and benchmarks: s3rver (a real S3 REST server from the npm registry) on an
 * ephemeral port of 127.0.0.1, storing in a temporary directory. Start it in beforeAll, close it in
 * afterAll (close also removes the directory).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

interface S3rverOptions {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}
interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
// s3rver ships no type declarations.
const S3rver = require('s3rver') as new (options: S3rverOptions) => S3rverInstance;

export interface RunningS3 {
  endpoint: string;
  /** A client for the server (path-style, dummy credentials). */
  client(): S3Client;
  close(): Promise<void>;
}

export async function startLocalS3(buckets: readonly string[]): Promise<RunningS3> {
  const directory = mkdtempSync(join(tmpdir(), 'local-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  return {
    endpoint,
    client() {
      const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, maxAttempts: 1 });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
