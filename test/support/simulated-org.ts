/**
 * A simulated AWS organization, served from a snapshot, for the collector's tests and benchmark.
 *
 * Real SDK clients are used throughout (the collector's own client factory, credentials, retry
 * strategy, signing); a middleware placed below the retry and signing steps answers each signed
 * request instead of sending it. The caller is identified the way AWS does it, by the access key in
 * the request's signature, and the region by its credential scope. Answers and errors come from
 * SimulatedAnswers; this class adds latency, throttling bursts and a log of calls.
 */
import { asListedSnapshot } from '../../lambda/snapshot/listed-snapshot';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { DeserializeMiddleware, HttpHandlerOptions, MetadataBearer, Pluggable, RequestHandler } from '@smithy/types';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { createAwsClientFactory, DEFAULT_MEMBER_ROLE_NAME, type AwsClientFactory, type AwsClientFactoryOptions } from '../../lambda/collect';
import type { Snapshot } from '../../lambda/snapshot/types';
import type { LogBucket } from './log-bucket';
import { serviceError, throttling, type SimulatedService } from './simulated-aws-errors';
import { SimulatedAnswers, type SimulatedCall } from './simulated-org-answers';

export type { SimulatedCall } from './simulated-org-answers';
export { DEFAULT_REGIONS } from './simulated-org-answers';

export interface SimulatedOrganizationOptions {
  /** Delay before every answer, in milliseconds (the benchmark's API latency). Default 0. */
  latencyMs?: number;
  /** The audit role's name in members; AssumeRole of any other name is refused. */
  memberRoleName?: string;
  /** Keep every call in `calls` (tests); off for benchmarks. Default true. */
  recordCalls?: boolean;
}

/** A fault: the calls of `operation` that `matches` selects fail with `error`, `times` times (default: always). */
export interface SimulatedFault {
  operation: string;
  error: () => Error;
  matches?: (call: SimulatedCall) => boolean;
  times?: number;
}

/** A throttling burst: the next `times` calls matching it are throttled. */
export interface ThrottlingBurst {
  operation: string;
  times: number;
  callerAccountId?: string;
}

const SERVICES: Record<string, SimulatedService> = {
  STSClient: 'STS',
  OrganizationsClient: 'Organizations',
  AccountClient: 'Account',
  EC2Client: 'EC2',
  CloudTrailClient: 'CloudTrail',
  S3Client: 'S3',
  KMSClient: 'KMS',
  SNSClient: 'SNS',
  CloudWatchLogsClient: 'CloudWatchLogs',
  IAMClient: 'IAM',
};

/** A request handler that must never be reached: every request is answered by the simulation. */
const UNREACHABLE: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> = {
  handle: async () => {
    throw new Error('simulated organization: a request reached the network layer');
  },
};

export class SimulatedOrganization {
  /** Every call answered or refused, in order (when recordCalls). */
  readonly calls: SimulatedCall[] = [];
  /** The credentials of the run (the auditor in the management account). */
  readonly homeCredentials: { accessKeyId: string; secretAccessKey: string };
  readonly memberRoleName: string;

  private readonly accessKeys = new Map<string, string>();
  private readonly bursts: ThrottlingBurst[] = [];
  private readonly faults: SimulatedFault[] = [];
  private readonly answers: SimulatedAnswers;
  private readonly latencyMs: number;
  private readonly recordCalls: boolean;
  private issued = 0;

  constructor(readonly snapshot: Snapshot, options: SimulatedOrganizationOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.recordCalls = options.recordCalls ?? true;
    this.memberRoleName = options.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME;
    const home = this.issue(snapshot.auditorAccountId);
    this.homeCredentials = { accessKeyId: home.AccessKeyId, secretAccessKey: home.SecretAccessKey };
    this.answers = new SimulatedAnswers(asListedSnapshot(snapshot), this.memberRoleName, (accountId) => this.issue(accountId));
  }

  /** Throttles the next `times` calls of `operation` (optionally only those signed by one account). */
  throttle(burst: ThrottlingBurst): void {
    this.bursts.push({ ...burst });
  }

  /** A log bucket, to deliver or add the files a test needs (later deliveries, busy folders, other trails, backfills). */
  logBucket(bucketName: string): LogBucket {
    return this.answers.logBucket(bucketName);
  }

  /** Makes the matching calls fail (after the SDK's retries too, unless `times` runs out first). */
  fail(fault: SimulatedFault): void {
    this.faults.push({ ...fault });
  }

  /** Calls of one operation, optionally only those signed by one account. */
  callsOf(operation: string, callerAccountId?: string): SimulatedCall[] {
    return this.calls.filter((c) => c.operation === operation && (!callerAccountId || c.callerAccountId === callerAccountId));
  }

  /** The collector's own client factory, pointed at this organization, with millisecond retry delays. */
  clientFactory(options: Partial<AwsClientFactoryOptions> = {}): AwsClientFactory {
    return createAwsClientFactory({
      region: 'us-east-1',
      credentials: this.homeCredentials,
      memberRoleName: this.memberRoleName,
      requestHandler: UNREACHABLE,
      retryStrategy: () => new ConfiguredRetryStrategy(10, 1),
      ...options,
      plugins: [this.plugin, ...(options.plugins ?? [])],
    });
  }

  /** The middleware that answers every request, below the SDK's retry and signing steps. */
  readonly plugin: Pluggable<object, MetadataBearer> = {
    applyToStack: (stack) => {
      stack.add(this.middleware, { step: 'deserialize', priority: 'high', name: 'simulatedOrganization' });
    },
  };

  private readonly middleware: DeserializeMiddleware<object, MetadataBearer> = (_next, context) => async (args) => {
    const service = SERVICES[context.clientName ?? ''];
    const operation = (context.commandName ?? '').replace(/Command$/, '');
    const request = args.request as HttpRequest;
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(request.headers['authorization'] ?? '');
    if (!service || !scope) throw new Error(`simulated organization: unsigned or unknown request ${context.clientName}.${operation}`);
    const call: SimulatedCall = {
      service,
      operation,
      callerAccountId: this.accessKeys.get(scope[1] as string) ?? 'unknown',
      region: scope[2] as string,
      input: args.input as Record<string, unknown>,
    };
    if (this.recordCalls) this.calls.push(call);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    const burst = this.bursts.find((b) => b.times > 0 && b.operation === operation && (!b.callerAccountId || b.callerAccountId === call.callerAccountId));
    if (burst) {
      burst.times--;
      throw throttling(service);
    }
    const fault = this.faults.find((f) => (f.times ?? 1) > 0 && f.operation === operation && (!f.matches || f.matches(call)));
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      throw fault.error();
    }
    if (call.callerAccountId === 'unknown') throw serviceError(service, 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    const answer = this.answers.answers[operation];
    if (!answer) throw new Error(`simulated organization: ${operation} is not simulated`);
    this.answers.checkRegionEnabled(call);
    const output = answer(call);
    return { output: { ...output, $metadata: { httpStatusCode: 200, requestId: 'simulated-request' } }, response: { statusCode: 200, headers: {} } };
  };

  private issue(accountId: string) {
    const AccessKeyId = `ASIASIM${String(++this.issued).padStart(13, '0')}`;
    this.accessKeys.set(AccessKeyId, accountId);
    return { AccessKeyId, SecretAccessKey: `simulated-secret-${accountId}`, SessionToken: `simulated-session-${accountId}` };
  }
}
