import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketRequestPaymentCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ApiError, BucketData } from '../snapshot/types';
import type { AccountClients } from './account-clients';
import { jsonify, jsonifyOutput } from './jsonify';
import type { EvidenceBucket } from './member-account-collector';
import { apiErrorOf, httpStatusOf, recordedOrNull, recorded } from './recorded-call';

/** A bucket as read, and (when it could be read) its owner's S3 client for the evidence listings. */
export interface BucketReading {
  data: BucketData;
  evidenceBucket: EvidenceBucket | undefined;
}

/** Who may read the bucket, in the order they are tried: the run's own account, then the log archive. */
export interface BucketReader {
  accountId: string;
  clients: () => Promise<AccountClients>;
}

/**
 * Reads a log bucket in the account that owns it. HeadBucket (which also gives the bucket's region)
 * decides: the first reader it answers reads the rest and is recorded as `ownerAccountId`; a 404 is
 * NoSuchBucket for everyone; a refusal (403) passes to the next reader.
 */
export async function collectBucket(bucketName: string, readers: readonly BucketReader[], runRegion: string): Promise<BucketReading> {
  let failure: { error: ApiError; ownerAccountId: string } | undefined;
  for (const reader of readers) {
    let clients: AccountClients;
    try {
      clients = await reader.clients();
    } catch (error) {
      failure ??= { error: apiErrorOf(error), ownerAccountId: reader.accountId };
      continue;
    }
    try {
      const head = await clients.s3(runRegion).send(new HeadBucketCommand({ Bucket: bucketName }));
      const region = head.BucketRegion ?? runRegion;
      const s3 = clients.s3(region);
      return {
        data: { ownerAccountId: reader.accountId, region, ...(await readBucketConfiguration(s3, bucketName)) },
        evidenceBucket: { name: bucketName, s3 },
      };
    } catch (error) {
      const status = httpStatusOf(error);
      const recordedError = apiErrorOf(error);
      if (status === 404 || recordedError.code === 'NoSuchBucket' || recordedError.code === 'NotFound') {
        return { data: { error: { code: 'NoSuchBucket', message: `The bucket ${bucketName} does not exist` }, ownerAccountId: reader.accountId }, evidenceBucket: undefined };
      }
      const refusal = status === 403 ? { code: 'AccessDenied', message: `${reader.accountId} may not read bucket ${bucketName} (HeadBucket 403)` } : recordedError;
      failure = { error: refusal, ownerAccountId: reader.accountId };
    }
  }
  return { data: failure ?? { error: { code: 'AccessDenied', message: `no account could read bucket ${bucketName}` } }, evidenceBucket: undefined };
}

async function readBucketConfiguration(s3: S3Client, Bucket: string): Promise<Omit<BucketData, 'ownerAccountId' | 'region'>> {
  const [policy, policyStatus, publicAccessBlock, lifecycleRules, versioning, logging, objectLock, requestPayment] = await Promise.all([
    recordedOrNull(async () => (await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy ?? null, ['NoSuchBucketPolicy']),
    recordedOrNull(async () => jsonify((await s3.send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus ?? null), ['NoSuchBucketPolicy']),
    recordedOrNull(
      async () => jsonify((await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration ?? null),
      ['NoSuchPublicAccessBlockConfiguration'],
    ),
    recordedOrNull(
      async () => jsonify((await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules ?? null),
      ['NoSuchLifecycleConfiguration'],
    ),
    recorded(async () => jsonifyOutput(await s3.send(new GetBucketVersioningCommand({ Bucket })))),
    recordedOrNull(async () => jsonify((await s3.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled ?? null), []),
    recordedOrNull(
      async () => jsonify((await s3.send(new GetObjectLockConfigurationCommand({ Bucket }))).ObjectLockConfiguration ?? null),
      ['ObjectLockConfigurationNotFoundError'],
    ),
    // Requester Pays (S3-008): absent from the answer means the default, the bucket owner pays.
    recorded(async () => (await s3.send(new GetBucketRequestPaymentCommand({ Bucket }))).Payer ?? 'BucketOwner'),
  ]);
  return { policy, policyStatus, publicAccessBlock, lifecycleRules, versioning, logging, objectLock, requestPayment };
}
