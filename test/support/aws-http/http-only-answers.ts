/**
 * The answers the HTTP simulation adds to the in-process ones (test/support/simulated-org-answers.ts):
 * the v2 organization-policy reads (ListRoots, ListParents, ListPoliciesForTarget, DescribePolicy),
 * s3:GetBucketRequestPayment, ListObjectsV2 with continuation tokens, and the writes a run makes
 * (s3:PutObject of its snapshot, sns:Publish of its alerts), which are kept for tests to read.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Snapshot, SnapshotTargetPolicy } from '../../../lambda/snapshot/types';
import { answerOf, isFailed } from '../../../lambda/snapshot/types';
import type { Answer, SimulatedCall } from '../simulated-org-answers';
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

function recordedOrThrow<T>(value: T | { error: { code: string; message?: string } } | undefined, notFound: () => WireError): T {
  if (value === undefined) throw notFound();
  if (isFailed(value as never)) {
    const { error } = value as { error: { code: string; message?: string } };
    throw new WireError(error.code, error.message ?? error.code, 400);
  }
  return value as T;
}

const targetNotFound = (id: string) => () => new WireError('TargetNotFoundException', `The target ${id} was not found.`, 400);

/** Answers for the operations only the HTTP simulation serves. */
export function httpOnlyAnswers(
  snapshot: Snapshot,
  base: Readonly<Record<string, Answer>>,
  published: PublishedMessage[],
  stored: Map<string, StoredObject>,
  logBuckets: Map<string, LogBucketObjects>,
): Record<string, Answer> {
  const policiesOf = (targetId: string, type: string): SnapshotTargetPolicy[] => {
    const byType = recordedOrThrow(snapshot.targetPolicies?.[targetId], targetNotFound(targetId));
    return recordedOrThrow(byType[type] ?? [], targetNotFound(targetId));
  };
  const page = <T>(items: readonly T[], call: SimulatedCall, defaultSize: number) => {
    const start = Number(call.input.NextToken ?? 0);
    const size = Number(call.input.MaxResults ?? defaultSize);
    return { items: items.slice(start, start + size), NextToken: start + size < items.length ? String(start + size) : undefined };
  };
  return {
    ListRoots: (call) => {
      const roots = recordedOrThrow(snapshot.roots, () => new WireError('AccessDeniedException', 'You don\'t have permissions to access this resource.', 400));
      const { items, NextToken } = page(roots, call, 20);
      return { Roots: items, NextToken };
    },
    ListParents: (call) => {
      const childId = String(call.input.ChildId);
      const parent = parentOf(snapshot, childId);
      if (parent === undefined) throw new WireError('ChildNotFoundException', "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.", 400);
      return { Parents: parent ? [{ Id: parent, Type: parent.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] : [] };
    },
    ListPoliciesForTarget: (call) => {
      const targetId = String(call.input.TargetId);
      const policies = policiesOf(targetId, String(call.input.Filter));
      const { items, NextToken } = page(policies, call, 20);
      return {
        Policies: items.map(({ Content: _content, ...summary }) => ({ ...summary, Type: summary.Type ?? call.input.Filter })),
        NextToken,
      };
    },
    DescribePolicy: (call) => {
      const policyId = String(call.input.PolicyId);
      for (const byType of Object.values(snapshot.targetPolicies ?? {})) {
        if (isFailed(byType)) continue;
        for (const policies of Object.values(byType)) {
          if (isFailed(policies)) continue;
          const found = policies.find((p) => p.Id === policyId);
          if (found) {
            const { Content, ...summary } = found;
            return { Policy: { PolicySummary: summary, Content } };
          }
        }
      }
      throw new WireError('PolicyNotFoundException', `We can't find a policy with the PolicyId that you specified.`, 400);
    },
    GetBucketRequestPayment: (call) => {
      base.HeadBucket?.(call); // the bucket exists and the caller owns it
      const payer = snapshot.buckets?.[String(call.input.Bucket)]?.requestPayment ?? 'BucketOwner';
      return { Payer: recordedOrThrow(payer, () => new WireError('AccessDenied', 'Access Denied', 403)) };
    },
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
 * A child's parent from the recorded paths (account → OUs → root, nearest first): an account's is
 * the first entry of its path, an OU's the entry after it on any path through it; a root has none
 * (''). Undefined when the child is on no recorded path.
 */
function parentOf(snapshot: Snapshot, childId: string): string | undefined {
  const paths = snapshot.accountPaths ?? {};
  const own = paths[childId];
  if (own && !isFailed(own)) return own[0] ?? '';
  for (const path of Object.values(paths)) {
    if (isFailed(path)) continue;
    const at = path.indexOf(childId);
    if (at >= 0) return path[at + 1] ?? '';
  }
  return undefined;
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
