/**
 * Who an HTTP request is for and what it asks, read the way AWS reads it: the service and region
 * from the SigV4 credential scope in `Authorization` (`Credential=AKID/DATE/REGION/SERVICE/aws4_request`),
 * the operation from `X-Amz-Target` (JSON 1.1), `Action` (query protocols) or the method and path
 * (REST protocols), and the input from the body or the query string.
 */

/** The services the simulation answers, by their SigV4 signing name. */
export const AWS_SERVICES = ['sts', 'organizations', 'account', 'ec2', 'cloudtrail', 's3', 'kms', 'sns', 'logs', 'iam'] as const;
export type AwsService = (typeof AWS_SERVICES)[number];

/** Each service's wire protocol (the SDK models' protocol trait). */
export const PROTOCOL_OF = {
  sts: 'awsQuery',
  iam: 'awsQuery',
  sns: 'awsQuery',
  ec2: 'ec2Query',
  cloudtrail: 'awsJson1_1',
  organizations: 'awsJson1_1',
  kms: 'awsJson1_1',
  logs: 'awsJson1_1',
  account: 'restJson1',
  s3: 'restXml',
} as const satisfies Record<AwsService, string>;

export interface AwsRequest {
  service: AwsService;
  operation: string;
  region: string;
  accessKeyId: string;
  /** The operation's input, with the SDK's member names (S3: Bucket, Key, Prefix, StartAfter, …). */
  input: Record<string, unknown>;
  /** The raw body (S3 PutObject). */
  body: Buffer;
}

/** A request the simulation cannot read (unsigned, unknown service or operation). */
export class UnreadableRequestError extends Error {
  override readonly name = 'UnreadableRequestError';
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export function readAwsRequest(method: string, url: string, headers: Record<string, string | string[] | undefined>, body: Buffer): AwsRequest {
  const scope = SCOPE.exec(String(headers['authorization'] ?? ''));
  if (!scope) throw new UnreadableRequestError('request is not signed with SigV4');
  const [, accessKeyId, region, signingName] = scope as unknown as [string, string, string, string];
  if (!(AWS_SERVICES as readonly string[]).includes(signingName)) throw new UnreadableRequestError(`service ${signingName} is not simulated`);
  const service = signingName as AwsService;
  const parsed = new URL(url, 'http://simulated');
  const base = { service, region, accessKeyId, body };
  switch (PROTOCOL_OF[service]) {
    case 'awsJson1_1': {
      const target = String(headers['x-amz-target'] ?? '');
      const operation = target.split('.').pop() ?? '';
      return { ...base, operation, input: body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {} };
    }
    case 'awsQuery':
    case 'ec2Query': {
      const params = new URLSearchParams(body.toString('utf8'));
      const input: Record<string, unknown> = {};
      for (const [key, value] of params) if (key !== 'Action' && key !== 'Version') input[key] = value === 'true' ? true : value === 'false' ? false : value;
      return { ...base, operation: params.get('Action') ?? '', input };
    }
    case 'restJson1': {
      // Account: POST /listRegions with a JSON body.
      const path = parsed.pathname.replace(/^\//, '');
      const operation = path.charAt(0).toUpperCase() + path.slice(1);
      return { ...base, operation, input: body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {} };
    }
    case 'restXml':
      return { ...base, ...readS3Request(method, parsed) };
  }
}

/** S3 subresources (`?policy`, `?lifecycle`, …) and the operation each names for GET on a bucket. */
const BUCKET_SUBRESOURCES = {
  policy: 'GetBucketPolicy',
  policyStatus: 'GetBucketPolicyStatus',
  publicAccessBlock: 'GetPublicAccessBlock',
  lifecycle: 'GetBucketLifecycleConfiguration',
  versioning: 'GetBucketVersioning',
  logging: 'GetBucketLogging',
  'object-lock': 'GetObjectLockConfiguration',
  requestPayment: 'GetBucketRequestPayment',
} as const;

/** Path-style S3: `/bucket` or `/bucket/key`. */
function readS3Request(method: string, url: URL): { operation: string; input: Record<string, unknown> } {
  const [, bucketPart = '', ...keyParts] = url.pathname.split('/');
  const Bucket = decodeURIComponent(bucketPart);
  const Key = keyParts.length > 0 ? decodeURIComponent(keyParts.join('/')) : undefined;
  const query = url.searchParams;
  if (method === 'HEAD' && !Key) return { operation: 'HeadBucket', input: { Bucket } };
  if (method === 'PUT' && Key) return { operation: 'PutObject', input: { Bucket, Key } };
  if (method === 'GET' && Key) return { operation: 'GetObject', input: { Bucket, Key } };
  if (method === 'GET' && query.get('list-type') === '2') {
    const input: Record<string, unknown> = { Bucket };
    const set = (name: string, param: string) => {
      const value = query.get(param);
      if (value !== null) input[name] = value;
    };
    set('Prefix', 'prefix');
    set('StartAfter', 'start-after');
    set('ContinuationToken', 'continuation-token');
    set('Delimiter', 'delimiter');
    set('EncodingType', 'encoding-type');
    const maxKeys = query.get('max-keys');
    if (maxKeys !== null) input.MaxKeys = Number(maxKeys);
    return { operation: 'ListObjectsV2', input };
  }
  if (method === 'GET') {
    for (const [subresource, operation] of Object.entries(BUCKET_SUBRESOURCES)) if (query.has(subresource)) return { operation, input: { Bucket } };
  }
  throw new UnreadableRequestError(`S3 ${method} ${url.pathname}${url.search} is not simulated`);
}
