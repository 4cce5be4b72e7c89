import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

/** Attempts (first try included) a call gets when every one of them times out. */
export const MAX_TIMEOUT_ATTEMPTS = 3;

/** Whether an SDK error is a timeout of ours (connection or request) or a dropped connection. */
export function isTimeoutError(error: unknown): boolean {
  const failure = error as { name?: string; code?: string } | null;
  return failure?.name === 'TimeoutError' || failure?.code === 'ETIMEDOUT' || failure?.code === 'ECONNRESET';
}

/**
 * Retries that treat a timeout like a throttle: a service that does not answer in time is most
 * likely overloaded, so the call backs off with the throttling delays (and, in adaptive mode, slows
 * the client's sending rate) instead of the SDK's short transient-error delay. A call whose attempts
 * keep timing out is given up after MAX_TIMEOUT_ATTEMPTS, whatever the inner strategy's attempt
 * budget, so that one unresponsive endpoint costs at most that many request timeouts; it then fails
 * with the SDK's `TimeoutError`.
 */
export class TimeoutAsThrottlingRetryStrategy implements RetryStrategyV2 {
  private readonly timeouts = new WeakMap<RetryToken, number>();

  constructor(
    private readonly inner: RetryStrategyV2,
    private readonly maxTimeoutAttempts = MAX_TIMEOUT_ATTEMPTS,
  ) {}

  acquireInitialRetryToken(retryTokenScope: string): Promise<RetryToken> {
    return this.inner.acquireInitialRetryToken(retryTokenScope);
  }

  async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    if (!isTimeoutError(errorInfo.error)) return this.inner.refreshRetryTokenForRetry(token, errorInfo);
    const timeouts = (this.timeouts.get(token) ?? 0) + 1;
    if (timeouts >= this.maxTimeoutAttempts) throw new Error(`gave up after ${timeouts} timed-out attempts`);
    const next = await this.inner.refreshRetryTokenForRetry(token, { ...errorInfo, errorType: 'THROTTLING' });
    this.timeouts.set(next, timeouts);
    return next;
  }

  recordSuccess(token: RetryToken): void {
    this.inner.recordSuccess(token);
  }
}
