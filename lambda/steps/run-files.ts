/**
 * The files one state-machine run passes between its steps, in the evidence bucket under
 * `runs/<runId>/`: the plan (the snapshot without the members), the member batches (the
 * Distributed Map's item source) and each batch's part. The bucket's lifecycle expires them.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** The evidence bucket's prefix for the steps' files. */
export const RUN_FILES_PREFIX = 'runs/';

function runPrefix(runId: string): string {
  return `${RUN_FILES_PREFIX}${runId.replace(/[^\w.-]/g, '_')}/`;
}

export const RUN_FILE_KEYS = {
  plan: (runId: string) => `${runPrefix(runId)}plan.json`,
  batches: (runId: string) => `${runPrefix(runId)}batches.json`,
  part: (runId: string, batch: number) => `${runPrefix(runId)}parts/${String(batch).padStart(5, '0')}.json`,
} as const;

/** Where the steps read and write their files (S3 in production; the same S3 API in tests). */
export interface RunFiles {
  readonly bucket: string;
  putJson(key: string, value: unknown): Promise<void>;
  /** Undefined when there is no such file (a batch that never wrote its part). */
  getJson<T>(key: string): Promise<T | undefined>;
  /** S3 requests made (PUT and GET), for the run's cost. */
  readonly requests: { put: number; get: number };
}

/** A run file that exists but is not what the step wrote (hand-edited, truncated). */
export class RunFileError extends Error {}

export function s3RunFiles(s3: S3Client, bucket: string): RunFiles {
  const requests = { put: 0, get: 0 };
  return {
    bucket,
    requests,
    async putJson(key, value) {
      requests.put++;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(value), ContentType: 'application/json' }));
    },
    async getJson<T>(key: string): Promise<T | undefined> {
      requests.get++;
      let text: string;
      try {
        const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        text = (await answer.Body?.transformToString('utf-8')) ?? '';
      } catch (error) {
        if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey')) return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new RunFileError(`s3://${bucket}/${key}: not JSON (${text.length} bytes)`);
      }
    },
  };
}
