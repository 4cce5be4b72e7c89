/**
 * The answers the HTTP simulation adds to the in-process ones (test/support/simulated-org-answers.ts,
 * which also serve the v2 organization-policy reads, s3:GetBucketRequestPayment and the log
 * buckets' ListObjectsV2, ../log-bucket.ts): the writes a run makes (s3:PutObject of its snapshot,
 * sns:Publish of its alerts), which are kept for tests to read, and s3:GetObject of them.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Answer } from '../simulated-org-answers';
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
export function httpOnlyAnswers(published: PublishedMessage[], stored: Map<string, StoredObject>): Record<string, Answer> {
  return {
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
