/**
 * Retries proven below the SDK's middleware: a request handler of our own answers real HTTP
 * responses (throttling first, then success) in each protocol the member collection speaks, so the
 * SDK's real deserializers, error parsing and retry strategy run exactly as against AWS.
 */
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { HttpHandlerOptions, RequestHandler } from '@smithy/types';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { createAwsClientFactory, type AwsClientFactory } from '../../lambda/collect';
import { collectMemberAccount } from '../../lambda/collect/member-account-collector';
import type { OrgTrailTarget } from '../../lambda/collect/org-trail-target';

const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Answers by operation; the first `throttleFirst` requests of each operation are throttled. */
class ThrottlingAwsEndpoint implements RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  readonly attempts = new Map<string, number>();

  constructor(private readonly throttleFirst: (operation: string) => number) {}

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const operation = operationOf(request);
    const attempt = (this.attempts.get(operation) ?? 0) + 1;
    this.attempts.set(operation, attempt);
    const [statusCode, contentType, body] = attempt <= this.throttleFirst(operation) ? throttled(request) : answer(operation);
    return { response: new HttpResponse({ statusCode, headers: { 'content-type': contentType }, body: Buffer.from(body) }) };
  }
}

function operationOf(request: HttpRequest): string {
  const target = request.headers['x-amz-target'];
  if (target) return target.split('.').pop() as string; // JSON 1.1: CloudTrail_20131101.DescribeTrails
  return /Action=([A-Za-z]+)/.exec(String(request.body))?.[1] ?? 'unknown'; // query protocols
}

function throttled(request: HttpRequest): [number, string, string] {
  if (request.hostname.startsWith('cloudtrail.')) {
    return [400, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' })];
  }
  if (request.hostname.startsWith('ec2.')) {
    return [503, 'text/xml', '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>'];
  }
  return [400, 'text/xml', `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>`];
}

function answer(operation: string): [number, string, string] {
  switch (operation) {
    case 'GetCallerIdentity':
      return [200, 'text/xml', `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>arn:aws:sts::111111111111:assumed-role/audit/run</Arn><UserId>AROAEXAMPLE:run</UserId><Account>111111111111</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`];
    case 'AssumeRole':
      return [200, 'text/xml', `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><Credentials><AccessKeyId>ASIAMEMBER2222222222</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::222222222222:assumed-role/OrgTrailAuditorMemberRole/org-trail-auditor</Arn><AssumedRoleId>AROAEXAMPLE:org-trail-auditor</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`];
    case 'DescribeRegions':
      return [200, 'text/xml', `<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item><item><regionName>eu-south-2</regionName><regionEndpoint>ec2.eu-south-2.amazonaws.com</regionEndpoint><optInStatus>not-opted-in</optInStatus></item></regionInfo></DescribeRegionsResponse>`];
    case 'DescribeTrails':
      return [200, 'application/x-amz-json-1.1', JSON.stringify({ trailList: [{ Name: 'org-trail', TrailARN: TRAIL_ARN, HomeRegion: 'us-east-1', IsOrganizationTrail: true, IsMultiRegionTrail: true }] })];
    case 'GetTrailStatus':
      return [200, 'application/x-amz-json-1.1', JSON.stringify({ IsLogging: true, StartLoggingTime: 1736467200 })];
    default:
      return [400, 'text/xml', `<ErrorResponse><Error><Code>InvalidAction</Code><Message>${operation}</Message></Error></ErrorResponse>`];
  }
}

const ORG_TRAIL: OrgTrailTarget = {
  arn: TRAIL_ARN,
  name: 'org-trail',
  homeRegion: 'us-east-1',
  multiRegion: true,
  bucketName: undefined,
  keyPrefix: undefined,
  validatesLogFiles: true,
};

function factoryFor(endpoint: ThrottlingAwsEndpoint) {
  return createAwsClientFactory({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAAUDITOR111111111', secretAccessKey: 'secret' },
    memberRoleName: 'OrgTrailAuditorMemberRole',
    requestHandler: endpoint,
    retryStrategy: () => new ConfiguredRetryStrategy(10, 1),
  });
}

/** Collects member 222222222222 (no evidence bucket: only the member's own calls go over HTTP). */
function collectMember(clients: AwsClientFactory) {
  return collectMemberAccount('222222222222', {
    clients,
    orgTrails: [ORG_TRAIL],
    organizationId: undefined,
    skipRegions: new Set(),
    evidenceBucket: async () => undefined,
    windowOpening: new Date('2026-11-22T07:00:00Z'),
  });
}

test('a member is collected over HTTP while STS (query/XML), EC2 (EC2 query) and CloudTrail (JSON) throttle', async () => {
  const endpoint = new ThrottlingAwsEndpoint(() => 3);
  const clients = factoryFor(endpoint);

  const collected = await collectMember(clients);

  expect(collected.accountData).toEqual({
    ec2Regions: [
      { RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-south-2', Endpoint: 'ec2.eu-south-2.amazonaws.com', OptInStatus: 'not-opted-in' },
    ],
    regionData: {
      'us-east-1': {
        trails: [{ Name: 'org-trail', TrailARN: TRAIL_ARN, HomeRegion: 'us-east-1', IsOrganizationTrail: true, IsMultiRegionTrail: true }],
        trailStatus: { [TRAIL_ARN]: { IsLogging: true, StartLoggingTime: '2025-01-10T00:00:00.000Z' } },
      },
    },
  });
  // Each operation: three throttled answers, then the one that succeeded.
  expect(Object.fromEntries(endpoint.attempts)).toEqual({
    GetCallerIdentity: 4,
    AssumeRole: 4,
    DescribeRegions: 4,
    DescribeTrails: 4,
    GetTrailStatus: 4,
  });
  expect(clients.calls.retries()).toBe(5 * 3);
  expect(clients.calls.byOperationName()).toEqual({ AssumeRole: 1, DescribeRegions: 1, DescribeTrails: 1, GetCallerIdentity: 1, GetTrailStatus: 1 });
});

test('throttling beyond the attempts allowed is recorded, not thrown', async () => {
  const endpoint = new ThrottlingAwsEndpoint((operation) => (operation === 'AssumeRole' ? 20 : 0));
  const clients = factoryFor(endpoint);
  const collected = await collectMember(clients);
  expect(collected.accountData).toEqual({ error: { code: 'Throttling', message: 'Rate exceeded' } });
  expect(endpoint.attempts.get('AssumeRole')).toBe(10);
});
