/**
 * The retry strategy every client uses: a timeout is retried as a throttle (the inner strategy is
 * told THROTTLING, so it backs off and slows down as for throttling), at most three timed-out
 * attempts per call; every other error is the inner strategy's business, unchanged.
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { MAX_TIMEOUT_ATTEMPTS, TimeoutAsThrottlingRetryStrategy } from '../../lambda/aws/timeout-retry-strategy';

/** An inner strategy that always grants a retry and remembers what it was told. */
class RecordingStrategy implements RetryStrategyV2 {
  readonly told: RetryErrorInfo['errorType'][] = [];
  private retries = 0;
  async acquireInitialRetryToken(): Promise<RetryToken> {
    return this.token();
  }
  async refreshRetryTokenForRetry(_token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    this.told.push(errorInfo.errorType);
    this.retries++;
    return this.token();
  }
  recordSuccess(): void {}
  private token(): RetryToken {
    const count = this.retries;
    return { getRetryCount: () => count, getRetryDelay: () => 0 };
  }
}

/** An error as the SDK hands it to the retry strategy. */
class SdkFailure extends Error {
  override cause: Error | undefined = undefined;
  constructor(
    override readonly name: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const timeout = new SdkFailure('TimeoutError', 'the request socket timed out after 8000 ms of inactivity');
const reset = new SdkFailure('Error', 'socket hang up', 'ECONNRESET');
const throttled = new SdkFailure('ThrottlingException', 'Rate exceeded');

test('a timeout reaches the inner strategy as THROTTLING, and the call stops after three timed-out attempts', async () => {
  const inner = new RecordingStrategy();
  const strategy = new TimeoutAsThrottlingRetryStrategy(inner);
  let token = await strategy.acquireInitialRetryToken('scope');

  for (let attempt = 1; attempt < MAX_TIMEOUT_ATTEMPTS; attempt++) {
    token = await strategy.refreshRetryTokenForRetry(token, { error: timeout, errorType: 'TRANSIENT' });
  }
  const last = strategy.refreshRetryTokenForRetry(token, { error: reset, errorType: 'TRANSIENT' });

  await expect(last).rejects.toThrow(`gave up after ${MAX_TIMEOUT_ATTEMPTS} timed-out attempts`);
  expect(inner.told).toEqual(Array(MAX_TIMEOUT_ATTEMPTS - 1).fill('THROTTLING'));
});

test('other errors pass through unchanged, without counting toward the timeout limit', async () => {
  const inner = new RecordingStrategy();
  const strategy = new TimeoutAsThrottlingRetryStrategy(inner);
  let token = await strategy.acquireInitialRetryToken('scope');

  for (let attempt = 0; attempt < 5; attempt++) token = await strategy.refreshRetryTokenForRetry(token, { error: throttled, errorType: 'THROTTLING' });
  token = await strategy.refreshRetryTokenForRetry(token, { error: new SdkFailure('InternalFailure', '500'), errorType: 'SERVER_ERROR' });
  token = await strategy.refreshRetryTokenForRetry(token, { error: timeout, errorType: 'TRANSIENT' });

  expect(inner.told).toEqual(['THROTTLING', 'THROTTLING', 'THROTTLING', 'THROTTLING', 'THROTTLING', 'SERVER_ERROR', 'THROTTLING']);
  expect(token.getRetryCount()).toBe(7);
});
