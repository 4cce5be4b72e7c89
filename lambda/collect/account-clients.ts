import type { AccountClient } from '@aws-sdk/client-account';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { STSClient } from '@aws-sdk/client-sts';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpHandlerOptions,
  MetadataBearer,
  Pluggable,
  RequestHandler,
  RetryStrategyV2,
} from '@smithy/types';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';

/** What every client of a run shares: how it sends requests, retries them and is instrumented. */
export interface ClientSettings {
  /** The HTTP handler every client of the run shares (lambda/aws/client-settings.ts). */
  requestHandler: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;
  retryStrategy: () => RetryStrategyV2;
  /** Applied to every client, in order (the call counter; a simulated organization in tests). */
  plugins: readonly Pluggable<object, MetadataBearer>[];
  /** One endpoint for every service (a simulated AWS over HTTP); S3 then addresses buckets path-style. */
  endpoint?: string;
}

/**
 * The SDK's client modules, each loaded when the first client of its service is created, so that a
 * process that needs only some services (or none: an offline audit) does not pay for loading the
 * others. `require`, not `import()`: the accessors below are synchronous for their many callers.
 */
const SDK = {
  account: () => require('@aws-sdk/client-account') as typeof import('@aws-sdk/client-account'),
  cloudTrail: () => require('@aws-sdk/client-cloudtrail') as typeof import('@aws-sdk/client-cloudtrail'),
  logs: () => require('@aws-sdk/client-cloudwatch-logs') as typeof import('@aws-sdk/client-cloudwatch-logs'),
  ec2: () => require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2'),
  iam: () => require('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam'),
  kms: () => require('@aws-sdk/client-kms') as typeof import('@aws-sdk/client-kms'),
  organizations: () => require('@aws-sdk/client-organizations') as typeof import('@aws-sdk/client-organizations'),
  s3: () => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3'),
  sns: () => require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns'),
  sts: () => require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts'),
} as const;

/** The region whose endpoint serves a global service (Organizations, IAM, Account) in `aws`. */
const GLOBAL_SERVICE_REGION = 'us-east-1';

/**
 * The SDK clients of one account: one per service and region, created on first use and cached, all
 * signing with the account's credentials. Dropping the object releases its clients; the HTTP
 * handler (and its connection pool) belongs to the run, not to the clients.
 */
export class AccountClients {
  private readonly clients = new Map<string, { middlewareStack: { use(plugin: Pluggable<object, MetadataBearer>): void } }>();

  constructor(
    /** The account the credentials belong to. */
    readonly accountId: string,
    private readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider,
    private readonly settings: ClientSettings,
  ) {}

  organizations(): OrganizationsClient {
    return this.cached('organizations', GLOBAL_SERVICE_REGION, (config) => new (SDK.organizations().OrganizationsClient)(config));
  }
  account(): AccountClient {
    return this.cached('account', GLOBAL_SERVICE_REGION, (config) => new (SDK.account().AccountClient)(config));
  }
  iam(): IAMClient {
    return this.cached('iam', GLOBAL_SERVICE_REGION, (config) => new (SDK.iam().IAMClient)(config));
  }
  sts(region: string): STSClient {
    return this.cached('sts', region, (config) => new (SDK.sts().STSClient)(config));
  }
  ec2(region: string): EC2Client {
    return this.cached('ec2', region, (config) => new (SDK.ec2().EC2Client)(config));
  }
  cloudTrail(region: string): CloudTrailClient {
    return this.cached('cloudtrail', region, (config) => new (SDK.cloudTrail().CloudTrailClient)(config));
  }
  /** S3 follows the bucket's region on a redirect (HeadBucket from another region). */
  s3(region: string): S3Client {
    return this.cached('s3', region, (config) => new (SDK.s3().S3Client)({ ...config, followRegionRedirects: true, forcePathStyle: config.endpoint !== undefined }));
  }
  kms(region: string): KMSClient {
    return this.cached('kms', region, (config) => new (SDK.kms().KMSClient)(config));
  }
  sns(region: string): SNSClient {
    return this.cached('sns', region, (config) => new (SDK.sns().SNSClient)(config));
  }
  logs(region: string): CloudWatchLogsClient {
    return this.cached('logs', region, (config) => new (SDK.logs().CloudWatchLogsClient)(config));
  }

  private cached<C extends { middlewareStack: { use(plugin: Pluggable<object, MetadataBearer>): void } }>(
    service: string,
    region: string,
    create: (config: SharedClientConfig) => C,
  ): C {
    const key = `${service}:${region}`;
    const existing = this.clients.get(key);
    if (existing) return existing as C;
    const client = create({
      region,
      credentials: this.credentials,
      requestHandler: this.settings.requestHandler,
      retryStrategy: this.settings.retryStrategy(),
      ...(this.settings.endpoint !== undefined ? { endpoint: this.settings.endpoint } : {}),
    });
    for (const plugin of this.settings.plugins) client.middlewareStack.use(plugin);
    this.clients.set(key, client);
    return client;
  }
}

interface SharedClientConfig {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  requestHandler: ClientSettings['requestHandler'];
  retryStrategy: RetryStrategyV2;
  endpoint?: string;
}
