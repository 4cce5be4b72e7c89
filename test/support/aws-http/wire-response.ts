/**
 * Answers and errors in each service's wire protocol, as the SDK v3 deserializers read them:
 *
 * - awsJson1_1 (CloudTrail, Organizations, KMS, CloudWatch Logs): JSON, timestamps in epoch
 *   seconds; errors `{"__type": "Code", "message": "…"}` with the error's status.
 * - restJson1 (Account): JSON; errors name their type in `x-amzn-errortype`.
 * - awsQuery (STS, IAM, SNS): `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`; lists in
 *   `<member>`, maps in `<entry>`; errors `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code>…`.
 * - ec2Query (EC2): lower-camel element names, lists in `<item>`; errors
 *   `<Response><Errors><Error><Code>…</Code>…</Errors><RequestID>`.
 * - restXml (S3): one root element per operation, flattened lists; errors `<Error><Code>…`; HeadBucket
 *   answers in headers and fails without a body.
 */
import { randomUUID } from 'node:crypto';
import { PROTOCOL_OF, type AwsRequest, type AwsService } from './aws-request';
import type { WireError } from './wire-error';
import { escapeXml, xmlMembers } from './xml-writer';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const QUERY_NAMESPACES: Partial<Record<AwsService, string>> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
};
const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Members that are maps in the query services' outputs (SNS GetTopicAttributes). */
const QUERY_MAPS: ReadonlySet<string> = new Set(['Attributes']);

/** S3 element names that differ from the SDK member names (flattened list members, xmlName traits). */
const S3_RENAMES: Readonly<Record<string, string>> = {
  Rules: 'Rule',
  Transitions: 'Transition',
  NoncurrentVersionTransitions: 'NoncurrentVersionTransition',
  Tags: 'Tag',
  MFADelete: 'MfaDelete',
};

/** The root element of each S3 operation's XML answer. */
const S3_ROOTS: Readonly<Record<string, string>> = {
  ListObjectsV2: 'ListBucketResult',
  GetBucketPolicyStatus: 'PolicyStatus',
  GetPublicAccessBlock: 'PublicAccessBlockConfiguration',
  GetBucketLifecycleConfiguration: 'LifecycleConfiguration',
  GetBucketVersioning: 'VersioningConfiguration',
  GetBucketLogging: 'BucketLoggingStatus',
  GetObjectLockConfiguration: 'ObjectLockConfiguration',
  GetBucketRequestPayment: 'RequestPaymentConfiguration',
};

/** The body member that is the whole answer of an S3 operation (the rest are headers or the root's members). */
const S3_PAYLOADS: Readonly<Record<string, string>> = {
  GetBucketPolicyStatus: 'PolicyStatus',
  GetPublicAccessBlock: 'PublicAccessBlockConfiguration',
  GetObjectLockConfiguration: 'ObjectLockConfiguration',
};

export function answerResponse(request: AwsRequest, output: Record<string, unknown>): WireResponse {
  const requestId = randomUUID();
  switch (PROTOCOL_OF[request.service]) {
    case 'awsJson1_1':
      return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId }, body: jsonBody(output) };
    case 'restJson1':
      return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: jsonBody(output) };
    case 'awsQuery': {
      const op = request.operation;
      const result = xmlMembers(output, { listMember: 'member', maps: QUERY_MAPS });
      const xmlns = QUERY_NAMESPACES[request.service] ?? '';
      const body = `<${op}Response xmlns="${xmlns}"><${op}Result>${result}</${op}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op}Response>`;
      return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
    }
    case 'ec2Query':
      return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: ec2Answer(request.operation, output, requestId) };
    case 'restXml':
      return s3Answer(request.operation, output, requestId);
  }
}

export function errorResponse(request: AwsRequest, error: WireError): WireResponse {
  const requestId = randomUUID();
  switch (PROTOCOL_OF[request.service]) {
    case 'awsJson1_1':
      return {
        status: error.status,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    case 'restJson1':
      return {
        status: error.status,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
        body: JSON.stringify({ message: error.message }),
      };
    case 'awsQuery': {
      const type = error.status >= 500 ? 'Receiver' : 'Sender';
      const xmlns = QUERY_NAMESPACES[request.service] ?? '';
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    }
    case 'ec2Query':
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case 'restXml':
      // HEAD answers carry no body: the SDK names the error after the status (404 NotFound, 403 Forbidden).
      if (request.operation === 'HeadBucket') return { status: error.status, headers: { 'x-amz-request-id': requestId }, body: '' };
      return {
        status: error.status,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message><RequestId>${requestId}</RequestId><HostId>simulated</HostId></Error>`,
      };
  }
}

/** JSON with timestamps as epoch seconds (the JSON protocols' default timestamp format). */
function jsonBody(output: Record<string, unknown>): string {
  return JSON.stringify(output, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : value;
  });
}

function ec2Answer(operation: string, output: Record<string, unknown>, requestId: string): string {
  if (operation !== 'DescribeRegions') throw new Error(`EC2 ${operation} is not simulated`);
  const regions = (output.Regions ?? []) as { RegionName?: string; Endpoint?: string; OptInStatus?: string }[];
  const items = regions
    .map((r) => `<item><regionName>${escapeXml(r.RegionName ?? '')}</regionName><regionEndpoint>${escapeXml(r.Endpoint ?? '')}</regionEndpoint><optInStatus>${escapeXml(r.OptInStatus ?? '')}</optInStatus></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse xmlns="${EC2_NAMESPACE}"><requestId>${requestId}</requestId><regionInfo>${items}</regionInfo></DescribeRegionsResponse>`;
}

function s3Answer(operation: string, output: Record<string, unknown>, requestId: string): WireResponse {
  const headers: Record<string, string> = { 'x-amz-request-id': requestId };
  switch (operation) {
    case 'HeadBucket':
      return { status: 200, headers: { ...headers, 'x-amz-bucket-region': String(output.BucketRegion ?? 'us-east-1') }, body: '' };
    case 'PutObject':
      return { status: 200, headers: { ...headers, etag: String(output.ETag) }, body: '' };
    case 'GetObject':
      return { status: 200, headers: { ...headers, 'content-type': 'application/octet-stream' }, body: output.Body as Buffer };
    case 'GetBucketPolicy':
      return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: String(output.Policy ?? '') };
  }
  const root = S3_ROOTS[operation];
  if (!root) throw new Error(`S3 ${operation} is not simulated`);
  const payload = S3_PAYLOADS[operation];
  const members = (payload ? output[payload] : output) as Record<string, unknown> | undefined;
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${members ? xmlMembers(members, { renames: S3_RENAMES }) : ''}</${root}>`;
  return { status: 200, headers: { ...headers, 'content-type': 'application/xml' }, body };
}
