import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { createRequestHandler, type RequestHandlerOptions } from '../aws/client-settings';
import { AccountClients, type ClientSettings } from './account-clients';
import { ApiCallCounter } from './api-call-counter';
import { AssumedRoleCredentials } from './assumed-role-credentials';
import { defaultRetryStrategy } from './retry-strategy';

/** Who the run's own credentials belong to (sts:GetCallerIdentity). */
export interface CallerIdentity {
  accountId: string;
  arn: string;
  partition: string;
}

/**
 * Where the collector gets its SDK clients. The run's own credentials (the management account's, or
 * a CloudTrail delegated administrator's) serve `home`; `assume` enters another account through the
 * audit role. Every client is counted by `calls`.
 */
export interface AwsClientFactory {
  /** The run's region: its STS endpoint and the region of calls that need one but no particular one. */
  readonly region: string;
  /** The audit role's name in member accounts. */
  readonly memberRoleName: string;
  /** Counts every call made through the factory's clients. */
  readonly calls: ApiCallCounter;
  /** Who the run's credentials belong to; fails when there are no usable credentials. */
  identity(): Promise<CallerIdentity>;
  /** Clients signing with the run's own credentials. */
  home(): Promise<AccountClients>;
  /**
   * Clients of another account, through its audit role. The role is assumed once per account per
   * run (the credentials are cached and shared by every client of the account; a refusal is
   * remembered). Rejects with the STS error when the role cannot be assumed.
   */
  assume(accountId: string): Promise<AccountClients>;
}

export interface AwsClientFactoryOptions {
  /** The run's region (STS regional endpoint, EC2 DescribeRegions). Default: us-east-1. */
  region?: string;
  /** The run's own credentials. Default: the SDK's credential chain (environment, profile, role). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** A named profile for the default credential chain. */
  profile?: string;
  /** The audit role's name (may include a path) in every member account. */
  memberRoleName: string;
  /** Session name of the assumed roles, as it shows in the members' CloudTrail. */
  roleSessionName?: string;
  /** Sockets kept open per endpoint by the default HTTP handler. Default 128. */
  maxSockets?: number;
  /** The default HTTP handler's timeouts, when not the production ones (lambda/aws/client-settings.ts). */
  timeouts?: RequestHandlerOptions['timeouts'];
  /** Replaces the HTTP handler (tests answer requests without a network this way). */
  requestHandler?: ClientSettings['requestHandler'];
  /** Replaces the retry strategy; one instance per client. Default: adaptive, 10 attempts, timeouts retried like throttles. */
  retryStrategy?: ClientSettings['retryStrategy'];
  /** One endpoint for every service, e.g. a simulated AWS on loopback. Default: AWS's (or AWS_ENDPOINT_URL). */
  endpoint?: string;
  /** Middleware plugins applied to every client (a simulated organization in tests and benchmarks). */
  plugins?: ClientSettings['plugins'];
}

export const DEFAULT_MEMBER_ROLE_NAME = 'OrgTrailAuditorMemberRole';
export const DEFAULT_REGION = 'us-east-1';

/** The factory the CLI and the Lambda function use: real AWS, the environment's credentials. */
export function createAwsClientFactory(options: AwsClientFactoryOptions): AwsClientFactory {
  const region = options.region ?? DEFAULT_REGION;
  const calls = new ApiCallCounter();
  const settings: ClientSettings = {
    // One keep-alive connection pool for the whole run, with the project's timeouts and deadlines.
    requestHandler: options.requestHandler ?? createRequestHandler({ maxSockets: options.maxSockets, timeouts: options.timeouts }),
    retryStrategy: options.retryStrategy ?? defaultRetryStrategy,
    plugins: [calls.plugin, ...(options.plugins ?? [])],
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
  };
  const credentials = options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {});

  let identity: Promise<CallerIdentity> | undefined;
  let home: Promise<AccountClients> | undefined;
  const bootstrap = new AccountClients('caller', credentials, settings);
  const getIdentity = (): Promise<CallerIdentity> => {
    identity ??= bootstrap
      .sts(region)
      .send(new GetCallerIdentityCommand({}))
      .then((output) => {
        const arn = output.Arn ?? '';
        return { accountId: output.Account ?? '', arn, partition: arn.split(':')[1] || 'aws' };
      });
    return identity;
  };
  const getHome = (): Promise<AccountClients> => {
    home ??= getIdentity().then((caller) => new AccountClients(caller.accountId, credentials, settings));
    return home;
  };
  const roleArnOf = async (accountId: string) =>
    `arn:${(await getIdentity()).partition}:iam::${accountId}:role/${options.memberRoleName.replace(/^\/+/, '')}`;
  const assumed = new AssumedRoleCredentials(bootstrap.sts(region), roleArnOf, options.roleSessionName ?? 'org-trail-auditor');

  return {
    region,
    memberRoleName: options.memberRoleName,
    calls,
    identity: getIdentity,
    home: getHome,
    async assume(accountId) {
      await assumed.credentialsFor(accountId);
      return new AccountClients(accountId, () => assumed.credentialsFor(accountId), settings);
    },
  };
}
