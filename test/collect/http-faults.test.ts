/**
 * Fault injection of the simulated AWS, as the SDK sees it: each service's throttling, server and
 * credential errors arrive under the names the SDK models give them, connection resets and stalls
 * are retried, a stall ends in a TimeoutError after the timed-out attempts, and a ListAccounts page
 * that keeps failing ends the account list early.
 */
import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { ListRegionsCommand } from '@aws-sdk/client-account';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { MAX_TIMEOUT_ATTEMPTS } from '../../lambda/aws/timeout-retry-strategy';
import type { AccountClients } from '../../lambda/collect/account-clients';
import { collectOrganization } from '../../lambda/collect';
import type { AwsService } from '../support/aws-http/aws-request';
import { fastRetries } from '../support/aws-http/fast-retries';
import type { Fault } from '../support/aws-http/faults';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';
import { BUCKET } from '../support/healthy-org-names';
import { withMembers } from '../support/simulated-members';
import { healthyOrg } from '../support/snapshots';

let server: SimulatedAwsServer;
beforeEach(async () => {
  server = await SimulatedAwsServer.start(healthyOrg());
});
afterEach(async () => {
  await server.close();
});

/** The auditor's own clients, with no retries: each call sees exactly the injected fault. */
async function homeClients(): Promise<AccountClients> {
  return server.clientFactory({ retryStrategy: () => new ConfiguredRetryStrategy(1, 1) }).home();
}

/** One call per service, each through its own protocol. */
const CALLS: Record<AwsService, (clients: AccountClients) => Promise<unknown>> = {
  cloudtrail: (c) => c.cloudTrail('us-east-1').send(new DescribeTrailsCommand({})),
  organizations: (c) => c.organizations().send(new ListAccountsCommand({})),
  sts: (c) => c.sts('us-east-1').send(new GetCallerIdentityCommand({})),
  iam: (c) => c.iam().send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForCloudTrail' })),
  ec2: (c) => c.ec2('us-east-1').send(new DescribeRegionsCommand({ AllRegions: true })),
  s3: (c) => c.s3('us-east-1').send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1 })),
  kms: (c) => c.kms('us-east-1').send(new DescribeKeyCommand({ KeyId: 'arn:aws:kms:us-east-1:111111111111:key/none' })),
  sns: (c) => c.sns('us-east-1').send(new GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:111111111111:none' })),
  logs: (c) => c.logs('us-east-1').send(new DescribeLogGroupsCommand({})),
  account: (c) => c.account().send(new ListRegionsCommand({})),
};

describe("each service's throttling error reaches the SDK under its modelled name", () => {
  const expected: [AwsService, string, number][] = [
    ['cloudtrail', 'ThrottlingException', 400],
    ['organizations', 'TooManyRequestsException', 400],
    ['sts', 'Throttling', 400],
    ['iam', 'Throttling', 400],
    ['ec2', 'RequestLimitExceeded', 503],
    ['s3', 'SlowDown', 503],
    ['kms', 'ThrottlingException', 400],
    ['sns', 'ThrottledException', 400], // sent as `Throttled` (the model's awsQueryError code)
    ['logs', 'ThrottlingException', 400],
    ['account', 'TooManyRequestsException', 429],
  ];
  test.each(expected)('%s: %s (%d)', async (service, name, status) => {
    const clients = await homeClients();
    server.addFault({ service, fault: { kind: 'throttle' } });

    const failure = await CALLS[service](clients).catch((error: unknown) => error);

    expect(failure).toMatchObject({ name, $metadata: { httpStatusCode: status } });
  });
});

describe('other injected faults arrive as the SDK names them', () => {
  const expected: [AwsService, Fault, string][] = [
    ['cloudtrail', { kind: 'serverError', code: 'InternalFailure' }, 'InternalFailure'],
    ['organizations', { kind: 'serverError', code: 'ServiceUnavailable' }, 'ServiceUnavailable'],
    ['s3', { kind: 'serverError', code: 'InternalFailure' }, 'InternalError'],
    ['sts', { kind: 'expiredToken' }, 'ExpiredToken'],
    ['cloudtrail', { kind: 'expiredToken' }, 'ExpiredTokenException'],
    ['s3', { kind: 'accessDenied' }, 'AccessDenied'],
    ['ec2', { kind: 'accessDenied' }, 'UnauthorizedOperation'],
    ['organizations', { kind: 'accessDenied' }, 'AccessDeniedException'],
  ];
  test.each(expected)('%s %j → %s', async (service, fault, name) => {
    const clients = await homeClients();
    server.addFault({ service, fault });

    await expect(CALLS[service](clients)).rejects.toMatchObject({ name });
  });
});

test('a reset connection is retried and the call then succeeds', async () => {
  server.addFault({ operation: 'DescribeTrails', times: 2, fault: { kind: 'reset' } });
  const clients = await server.clientFactory({ retryStrategy: fastRetries }).home();

  const output = await clients.cloudTrail('us-east-1').send(new DescribeTrailsCommand({ includeShadowTrails: true }));

  expect(output.trailList?.map((t) => t.Name)).toEqual(['org-trail']);
  expect(output.$metadata.attempts).toBe(3);
  expect(server.callCounts().DescribeTrails).toBe(3);
});

test('a stalled endpoint is given up after the timed-out attempts, with a TimeoutError', async () => {
  server.addFault({ operation: 'DescribeTrails', fault: { kind: 'stall' } });
  const clients = await server.clientFactory({ retryStrategy: fastRetries, timeouts: { SOCKET_IDLE_TIMEOUT_MS: 200 } }).home();
  const started = Date.now();

  const failure = await clients.cloudTrail('us-east-1').send(new DescribeTrailsCommand({})).catch((error: unknown) => error);

  expect(failure).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: MAX_TIMEOUT_ATTEMPTS } });
  expect(server.callCounts().DescribeTrails).toBe(MAX_TIMEOUT_ATTEMPTS);
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('a ListAccounts page that keeps failing ends the account list there, and the run is not complete', async () => {
  await server.close();
  server = await SimulatedAwsServer.start(withMembers(healthyOrg(), 45, '222222222222'));
  // Page 3 (after 40 accounts): every attempt throttled.
  server.addFault({ operation: 'ListAccounts', matches: (call) => call.input.NextToken === '40', fault: { kind: 'throttle' } });

  const { snapshot, stats } = await collectOrganization({ clients: server.clientFactory({ retryStrategy: fastRetries }), logArchiveAccountId: '222222222222' });

  expect(stats.listAccountsError?.code).toBe('TooManyRequestsException');
  expect(snapshot.accounts).toHaveLength(40);
  expect(stats.complete).toBe(false);
  expect(server.callsOf('ListAccounts').filter((c) => c.input.NextToken === '40')).toHaveLength(10);
});
