/**
 * The AWS prices a run's cost is estimated with: us-east-1, on-demand, in US dollars, as published
 * on each service's pricing page (read in 2025; AWS has not changed them since, to our knowledge —
 * check the pages before quoting a figure). One table: nothing else in the code holds a price.
 */
export interface Price {
  usd: number;
  /** What one `usd` pays for. */
  per: string;
  source: string;
  asOf: string;
}

export const AWS_PRICES = {
  /** S3 Standard: PUT, COPY, POST and LIST requests (ListObjectsV2, PutObject). */
  s3ListPutRequest: { usd: 0.005 / 1000, per: 'request', source: 'https://aws.amazon.com/s3/pricing/', asOf: '2025' },
  /** S3 Standard: GET and all other requests (GetObject, HeadBucket, GetBucketPolicy, …). */
  s3GetOtherRequest: { usd: 0.0004 / 1000, per: 'request', source: 'https://aws.amazon.com/s3/pricing/', asOf: '2025' },
  /** Lambda on arm64 (Graviton), the first pricing tier. */
  lambdaArmGbSecond: { usd: 0.0000133334, per: 'GB-second', source: 'https://aws.amazon.com/lambda/pricing/', asOf: '2025' },
  lambdaRequest: { usd: 0.2 / 1_000_000, per: 'invocation', source: 'https://aws.amazon.com/lambda/pricing/', asOf: '2025' },
  /** Step Functions Standard workflows (the parent and the Distributed Map's child executions). */
  stepFunctionsTransition: { usd: 0.025 / 1000, per: 'state transition', source: 'https://aws.amazon.com/step-functions/pricing/', asOf: '2025' },
  /** DynamoDB on-demand (prices of November 2024). */
  dynamodbWriteRequestUnit: { usd: 0.625 / 1_000_000, per: 'write request unit', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/', asOf: '2025' },
  dynamodbReadRequestUnit: { usd: 0.125 / 1_000_000, per: 'read request unit', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/', asOf: '2025' },
} as const satisfies Record<string, Price>;

/** The S3 operations the auditor makes that are billed at the LIST/PUT rate; every other S3 call is billed at the GET rate. */
export const S3_LIST_PUT_OPERATIONS: ReadonlySet<string> = new Set(['ListObjectsV2', 'ListObjects', 'PutObject']);

/** The S3 operations the collector makes (every other counted operation is free: Organizations, CloudTrail, EC2, STS, …). */
export const S3_OPERATIONS: ReadonlySet<string> = new Set([
  'ListObjectsV2',
  'ListObjects',
  'PutObject',
  'GetObject',
  'HeadBucket',
  'GetBucketPolicy',
  'GetBucketPolicyStatus',
  'GetPublicAccessBlock',
  'GetBucketLifecycleConfiguration',
  'GetBucketVersioning',
  'GetBucketLogging',
  'GetObjectLockConfiguration',
  'GetBucketRequestPayment',
  'GetBucketLocation',
]);
