/**
 * Retries one DynamoDB operation on one item (or one batch) when the error is transient —
 * throttling that outlasted the SDK's own retries, a 5xx, a timeout or a dropped connection — with
 * exponential backoff and full jitter, for a bounded number of attempts and never past the run's
 * budget. What still fails is the caller's to count and leave for the next run: one bad item never
 * stops the others.
 */

/** Error names DynamoDB (and the SDK's HTTP layer) use for conditions worth trying again. */
const TRANSIENT_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

export interface ItemRetryPolicy {
  /** Attempts per operation, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** False once the run's budget is spent: no further attempt starts. */
  withinBudget: () => boolean;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_ITEM_RETRY: ItemRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 100,
  withinBudget: () => true,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** True for an error that another attempt may not see (throttling, 5xx, timeout, reset). */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT_ERROR_NAMES.has(error.name)) return true;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return true;
  const status = (error as Error & { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

/** Runs `operation`, retrying transient errors under `policy`; rethrows the last error. */
export async function withItemRetries<T>(operation: () => Promise<T>, policy: ItemRetryPolicy = DEFAULT_ITEM_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransientError(error) || attempt >= policy.maxAttempts || !policy.withinBudget()) throw error;
      await policy.sleep(Math.random() * Math.min(2_000, policy.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
