import type { RetryStrategyV2 } from '@smithy/types';
import { AdaptiveRetryStrategy } from '@smithy/util-retry';

/**
 * Attempts per call (first try included). With the SDK's throttling backoff (full jitter from a
 * 1 s base, doubling, capped at 20 s) ten attempts ride out roughly a minute of sustained
 * throttling before a call is recorded as failed.
 */
export const MAX_ATTEMPTS = 10;

/**
 * The retry strategy of every client the collector creates: the SDK's adaptive mode, which on top
 * of the standard exponential backoff slows a client's own sending rate once AWS throttles it. That
 * matters for the few clients the whole run shares (Organizations, the log bucket's S3 client).
 */
export function defaultRetryStrategy(): RetryStrategyV2 {
  return new AdaptiveRetryStrategy(async () => MAX_ATTEMPTS);
}
