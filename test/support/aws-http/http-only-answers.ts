/**
 * The answers the HTTP simulation adds to the in-process ones (test/support/simulated-org-answers.ts,
 * which also serves the v2 organization-policy reads and s3:GetBucketRequestPayment):
 * ListObjectsV2 over CloudTrail's key layout with continuation tokens, and the writes a run makes
 * (s3:PutObject of its snapshot, sns:Publish of its alerts), which are kept for tests to read.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Snapshot } from '../../../lambda/snapshot/types';
import { answerOf } from '../../../lambda/snapshot/types';
import type { Answer } from '../simulated-org-answers';
import { LogBucketObjects } from './log-bucket-objects';
import { WireError } from './wire-error';

/** An sns:Publish the simulation received. */
export interface PublishedMessage {
  TopicArn: string;
  Subject?: string;
  Message: string;
  /** The call's other parameters as sent (MessageAttributes.entry.N.*, MessageGroupId, …). */
  parameters: Record<string, unknown>;
}

/** An s3:PutObject the simulation received. */
export interface StoredObject {
  bucket: string;
  key: string;
  body: Buffer;
  contentType?: string;
}

/** Answers for the operations only the HTTP simulation serves. */
export function httpOnlyAnswers(
  snapshot: Snapshot,
  published: PublishedMessage[],
  stored: Map<string, StoredObject>,
  logBuckets: Map<string, LogBucketObjects>,
): Record<string, Answer> {
  return {
    ListObjectsV2: (call) => {
      const name = String(call.input.Bucket);
      checkBucketAccess(snapshot, name, call.callerAccountId);
      let objects = logBuckets.get(name);
      if (!objects) logBuckets.set(name, (objects = new LogBucketObjects(name, snapshot)));
      const maxKeys = Math.min(Number(call.input.MaxKeys ?? 1000), 1000);
      const prefix = String(call.input.Prefix ?? '');
      const token = call.input.ContinuationToken as string | undefined;
      // A continuation token here is the last key returned (opaque to the client, as S3's are).
      const startAfter = token !== undefined ? Buffer.from(token, 'base64url').toString('utf8') : (call.input.StartAfter as string | undefined);
      const listed = objects.list(prefix, startAfter, maxKeys + 1);
      if ('error' in listed) throw new WireError(listed.error.code, listed.error.message ?? listed.error.code, /AccessDenied/.test(listed.error.code) ? 403 : 400);
      const contents = listed.slice(0, maxKeys);
      const truncated = listed.length > maxKeys;
      const last = contents[contents.length - 1];
      return {
        Name: name,
        Prefix: prefix,
        ...(call.input.StartAfter !== undefined ? { StartAfter: call.input.StartAfter } : {}),
        ...(token !== undefined ? { ContinuationToken: token } : {}),
        KeyCount: contents.length,
        MaxKeys: maxKeys,
        IsTruncated: truncated,
        ...(truncated && last ? { NextContinuationToken: Buffer.from(last.Key, 'utf8').toString('base64url') } : {}),
        Contents: contents.map((object) => ({ ...object, ETag: `"${createHash('md5').update(object.Key).digest('hex')}"`, StorageClass: 'STANDARD' })),
      };
    },
    PutObject: (call) => {
      const body = call.input.Body as Buffer;
      const bucket = String(call.input.Bucket);
      const key = String(call.input.Key);
      stored.set(`${bucket}/${key}`, { bucket, key, body, contentType: call.input.ContentType as string | undefined });
      return { ETag: `"${createHash('md5').update(body).digest('hex')}"` };
    },
    GetObject: (call) => {
      const object = stored.get(`${String(call.input.Bucket)}/${String(call.input.Key)}`);
      if (!object) throw new WireError('NoSuchKey', 'The specified key does not exist.', 404);
      return { Body: object.body };
    },
    Publish: (call) => {
      const { TopicArn, Subject, Message, ...parameters } = call.input;
      published.push({ TopicArn: String(TopicArn), Subject: Subject as string | undefined, Message: String(Message), parameters });
      return { MessageId: randomUUID() };
    },
  };
}

/**
 * Who may list a log bucket (as the in-process simulation decides it): its owner (the bucket's
 * recorded owner, else the management account); a missing bucket is NoSuchBucket, a bucket whose
 * reading was refused refuses again.
 */
function checkBucketAccess(snapshot: Snapshot, bucketName: string, callerAccountId: string): void {
  const bucket = snapshot.buckets?.[bucketName];
  if (!bucket || bucket.error?.code === 'NoSuchBucket') throw new WireError('NoSuchBucket', 'The specified bucket does not exist', 404);
  if (bucket.error) throw new WireError(bucket.error.code, bucket.error.message ?? bucket.error.code, 403);
  const owner = bucket.ownerAccountId ?? answerOf(snapshot.organization)?.MasterAccountId ?? snapshot.auditorAccountId;
  if (callerAccountId !== owner) throw new WireError('AccessDenied', 'Access Denied', 403);
}
