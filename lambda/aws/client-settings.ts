/**
 * How every AWS client the project creates talks to AWS: the collector's, the audit steps' own
 * (DynamoDB, S3, SNS) and the CLI's (`findings`, `runs`). One place for the timeouts, the
 * connection pool and the retries, so that no call can hang:
 *
 * - connection timeout: a TCP/TLS connection that is not up within CONNECT_TIMEOUT_MS fails;
 * - socket timeout: a request whose connection stays silent for SOCKET_IDLE_TIMEOUT_MS fails
 *   (a stalled endpoint: accepted, never answered);
 * - request timeout: a request that has not been answered in full within REQUEST_TIMEOUT_MS fails;
 * - each of these fails with the SDK's `TimeoutError`, which the retry strategy retries like a
 *   throttle, at most MAX_TIMEOUT_ATTEMPTS times (timeout-retry-strategy.ts);
 * - deadlines: requests honour the run's deadline and the account's time budget (call-deadline.ts).
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RetryStrategyV2 } from '@smithy/types';
import { AdaptiveRetryStrategy } from '@smithy/util-retry';
import { DeadlineRequestHandler } from './deadline-request-handler';
import { TimeoutAsThrottlingRetryStrategy } from './timeout-retry-strategy';

export const CLIENT_TIMEOUTS = {
  /** TCP and TLS connection set-up. AWS endpoints connect in milliseconds; 3 s is a dead endpoint. */
  CONNECT_TIMEOUT_MS: 3_000,
  /** Silence on a connection with a request outstanding. Every call the auditor makes answers in well under a second. */
  SOCKET_IDLE_TIMEOUT_MS: 8_000,
  /** A whole request and its answer (the largest is the run's snapshot upload to S3). */
  REQUEST_TIMEOUT_MS: 60_000,
} as const;

/**
 * Attempts per call (first try included). With the SDK's throttling backoff (full jitter,
 * doubling, capped at 20 s) ten attempts ride out roughly a minute of sustained throttling before a
 * call is recorded as failed. Timeouts get fewer (MAX_TIMEOUT_ATTEMPTS).
 */
export const MAX_ATTEMPTS = 10;

/** Sockets kept open per endpoint by the shared connection pool. */
export const DEFAULT_MAX_SOCKETS = 128;

export interface RequestHandlerOptions {
  /** Sockets per endpoint. Default DEFAULT_MAX_SOCKETS. */
  maxSockets?: number;
  /** Replaces CLIENT_TIMEOUTS' values (tests use short ones). */
  timeouts?: Partial<Record<keyof typeof CLIENT_TIMEOUTS, number>>;
}

/**
 * The HTTP handler of a run: one keep-alive connection pool (HTTPS for AWS, HTTP for a simulated
 * AWS on loopback), the timeouts above, and deadline-aware. Share one per run: the clients of
 * thousands of accounts call the same few regional endpoints and reuse each other's connections.
 */
export function createRequestHandler(options: RequestHandlerOptions = {}): DeadlineRequestHandler {
  const timeouts = { ...CLIENT_TIMEOUTS, ...options.timeouts };
  const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS;
  return new DeadlineRequestHandler(
    new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      connectionTimeout: timeouts.CONNECT_TIMEOUT_MS,
      socketTimeout: timeouts.SOCKET_IDLE_TIMEOUT_MS,
      requestTimeout: timeouts.REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    }),
  );
}

/**
 * The retry strategy of every client: the SDK's adaptive mode (standard exponential backoff, and
 * a client's own sending rate slows once AWS throttles it, which matters for the few clients a run
 * shares), with timeouts retried like throttles. One instance per client.
 */
export function createRetryStrategy(maxAttempts = MAX_ATTEMPTS): RetryStrategyV2 {
  return new TimeoutAsThrottlingRetryStrategy(new AdaptiveRetryStrategy(async () => maxAttempts));
}

/** The configuration shared by the clients outside the collector (handler, CLI): region, handler, retries. */
export interface StandaloneClientConfig {
  region?: string;
  requestHandler: DeadlineRequestHandler;
  retryStrategy: RetryStrategyV2;
}

/** Configuration for one standalone client (DynamoDB, S3, SNS, CloudFormation) with the project's timeouts and retries. */
export function standaloneClientConfig(region: string | undefined, options: RequestHandlerOptions = {}): StandaloneClientConfig {
  return { ...(region ? { region } : {}), requestHandler: createRequestHandler(options), retryStrategy: createRetryStrategy() };
}
