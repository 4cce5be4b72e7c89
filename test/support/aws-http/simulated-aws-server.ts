/**
 * A simulated AWS over HTTP on loopback, for end-to-end tests and the collection benchmark: one
 * node:http server answers every service the auditor calls, in each service's wire protocol, from
 * a snapshot-defined organization. Real SDK clients talk to it through endpoint configuration
 * (`endpoint: server.endpoint`, or AWS_ENDPOINT_URL), so their serializers, signing, HTTP handler,
 * timeouts and retries all run as against AWS.
 *
 * The caller is the account whose credentials signed the request: keys issued by the simulated
 * sts:AssumeRole belong to that member; any other key is the auditor's own (any credentials are
 * accepted). Answers come from the in-process simulation's SimulatedAnswers plus the HTTP-only
 * ones; faults (latency, stalls, throttling, 5xx, connection resets, expired tokens, refusals)
 * are injected per call by FaultRule.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { asListedSnapshot } from '../../../lambda/snapshot/listed-snapshot';
import type { Snapshot } from '../../../lambda/snapshot/types';
import {
  createAwsClientFactory,
  DEFAULT_MEMBER_ROLE_NAME,
  type AwsClientFactory,
  type AwsClientFactoryOptions,
} from '../../../lambda/collect/aws-client-factory';
import { SimulatedAnswers, type Answer, type SimulatedCall } from '../simulated-org-answers';
import type { SimulatedService } from '../simulated-aws-errors';
import { readAwsRequest, type AwsRequest, type AwsService } from './aws-request';
import { decodeAwsChunked } from './aws-chunked-body';
import { FaultPlan, type Fault, type FaultCall, type FaultRule } from './faults';
import { httpOnlyAnswers, type PublishedMessage, type StoredObject } from './http-only-answers';
import { answerResponse, errorResponse, type WireResponse } from './wire-response';
import { accessDeniedError, expiredTokenError, serverError, throttlingError, WireError, wireErrorOf } from './wire-error';

export interface SimulatedAwsServerOptions {
  /** Delay before every answer, in milliseconds (the benchmark's API latency). Default 0. */
  latencyMs?: number;
  /** The audit role's name in members; AssumeRole of any other name is refused. */
  memberRoleName?: string;
  /** Keep every call in `calls` (tests); off for benchmarks. Default true. */
  recordCalls?: boolean;
  /** Loopback port; default any free port. */
  port?: number;
}

/** A call the server received, as its answers saw it. */
export interface ReceivedCall extends FaultCall {
  /** The fault injected, if any. */
  fault?: Fault['kind'];
}

/** The in-process answers' service names, by signing name. */
const SIMULATED_SERVICE: Record<AwsService, SimulatedService> = {
  sts: 'STS',
  organizations: 'Organizations',
  account: 'Account',
  ec2: 'EC2',
  cloudtrail: 'CloudTrail',
  s3: 'S3',
  kms: 'KMS',
  sns: 'SNS',
  logs: 'CloudWatchLogs',
  iam: 'IAM',
};

export class SimulatedAwsServer {
  /** Every call received, in order (when recordCalls). */
  readonly calls: ReceivedCall[] = [];
  /** sns:Publish calls received, in order. */
  readonly published: PublishedMessage[] = [];
  /** s3:PutObject calls received, by `bucket/key`. */
  readonly storedObjects = new Map<string, StoredObject>();
  readonly faults = new FaultPlan();
  readonly memberRoleName: string;

  private readonly answers: Record<string, Answer>;
  private readonly simulated: SimulatedAnswers;
  private readonly accessKeys = new Map<string, string>();
  private readonly countByOperation = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private readonly latencyMs: number;
  private readonly recordCalls: boolean;
  private issued = 0;
  private server: Server | undefined;
  private port = 0;

  private constructor(readonly snapshot: Snapshot, options: SimulatedAwsServerOptions) {
    this.latencyMs = options.latencyMs ?? 0;
    this.recordCalls = options.recordCalls ?? true;
    this.memberRoleName = options.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME;
    this.simulated = new SimulatedAnswers(asListedSnapshot(snapshot), this.memberRoleName, (accountId) => this.issue(accountId));
    // The log buckets' objects are laid out before the first call, so that no call pays for it.
    for (const name of Object.keys(snapshot.buckets ?? {})) this.simulated.logBucket(name);
    this.answers = { ...this.simulated.answers, ...httpOnlyAnswers(this.published, this.storedObjects) };
  }

  /** Starts a server for `snapshot` on a free loopback port. */
  static async start(snapshot: Snapshot, options: SimulatedAwsServerOptions = {}): Promise<SimulatedAwsServer> {
    const simulation = new SimulatedAwsServer(snapshot, options);
    await simulation.listen(options.port ?? 0);
    return simulation;
  }

  /** `http://127.0.0.1:PORT`: an IP endpoint, so S3 clients address buckets path-style. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Credentials of the auditor in the management account (any unknown key also counts as the auditor). */
  readonly homeCredentials = { accessKeyId: 'AKIASIMULATEDAUDITOR', secretAccessKey: 'simulated-secret' };

  /**
   * The collector's own client factory, production settings (HTTP handler, timeouts, retries)
   * unless overridden, pointed at this server with the auditor's credentials.
   */
  clientFactory(options: Partial<AwsClientFactoryOptions> = {}): AwsClientFactory {
    return createAwsClientFactory({
      region: 'us-east-1',
      credentials: this.homeCredentials,
      memberRoleName: this.memberRoleName,
      endpoint: this.endpoint,
      ...options,
    });
  }

  addFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  /** Calls received, by operation (retries included: each attempt is a call). */
  callCounts(): Record<string, number> {
    return Object.fromEntries([...this.countByOperation].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** Calls received in total, every attempt counted. */
  totalCalls(): number {
    let sum = 0;
    for (const count of this.countByOperation.values()) sum += count;
    return sum;
  }

  /** Recorded calls of one operation, optionally only those signed by one account. */
  callsOf(operation: string, accountId?: string): ReceivedCall[] {
    return this.calls.filter((c) => c.operation === operation && (!accountId || c.accountId === accountId));
  }

  /** Stops listening and drops every connection, stalled ones included. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((request, response) => void this.serve(request, response));
    server.keepAliveTimeout = 60_000;
    server.headersTimeout = 65_000;
    server.on('connection', (socket) => {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
  }

  private async serve(message: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of message) chunks.push(chunk as Buffer);
    let request: AwsRequest;
    try {
      request = readAwsRequest(message.method ?? 'GET', message.url ?? '/', message.headers, decodeAwsChunked(Buffer.concat(chunks), message.headers));
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(String((error as Error).message));
      return;
    }
    const call: ReceivedCall = {
      service: request.service,
      operation: request.operation,
      region: request.region,
      accountId: this.accessKeys.get(request.accessKeyId) ?? this.snapshot.auditorAccountId,
      input: request.input,
    };
    this.countByOperation.set(call.operation, (this.countByOperation.get(call.operation) ?? 0) + 1);
    if (this.recordCalls) this.calls.push(call);

    let delay = this.latencyMs;
    let failure: WireError | undefined;
    for (const fault of this.faults.faultsFor(call)) {
      call.fault = fault.kind;
      switch (fault.kind) {
        case 'latency':
          delay += fault.ms;
          break;
        case 'stall':
          return; // accepted, never answered: the socket stays open until the client gives up or the server closes
        case 'reset':
          message.socket.destroy();
          return;
        case 'throttle':
          failure ??= throttlingError(call.service);
          break;
        case 'serverError':
          failure ??= serverError(call.service, fault.code);
          break;
        case 'expiredToken':
          failure ??= expiredTokenError(call.service);
          break;
        case 'accessDenied':
          failure ??= accessDeniedError(call.service);
          break;
      }
    }
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const answer = failure ? errorResponse(request, failure) : this.answer(request, call);
    this.send(response, answer);
  }

  private answer(request: AwsRequest, call: ReceivedCall): WireResponse {
    const answer = this.answers[call.operation];
    if (!answer) return errorResponse(request, new WireError('InvalidAction', `${call.operation} is not simulated`, 400));
    const simulatedCall: SimulatedCall = {
      service: SIMULATED_SERVICE[call.service],
      operation: call.operation,
      callerAccountId: call.accountId,
      region: call.region,
      input: call.operation === 'PutObject' ? { ...call.input, Body: request.body } : call.input,
    };
    try {
      this.simulated.checkRegionEnabled(simulatedCall);
      return answerResponse(request, answer(simulatedCall) as Record<string, unknown>);
    } catch (error) {
      return errorResponse(request, wireErrorOf(call.service, error));
    }
  }

  private send(response: ServerResponse, answer: WireResponse): void {
    if (response.destroyed) return;
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
    response.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
    response.end(body);
  }

  private issue(accountId: string) {
    const AccessKeyId = `ASIASIM${String(++this.issued).padStart(13, '0')}`;
    this.accessKeys.set(AccessKeyId, accountId);
    return { AccessKeyId, SecretAccessKey: `simulated-secret-${accountId}`, SessionToken: `simulated-session-${accountId}` };
  }
}
