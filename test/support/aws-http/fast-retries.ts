import type { RetryStrategyV2 } from '@smithy/types';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { MAX_ATTEMPTS } from '../../../lambda/aws/client-settings';
import { TimeoutAsThrottlingRetryStrategy } from '../../../lambda/aws/timeout-retry-strategy';

/** The production retry rules (attempts, timeouts retried like throttles) with 1 ms delays, for tests. */
export function fastRetries(): RetryStrategyV2 {
  return new TimeoutAsThrottlingRetryStrategy(new ConfiguredRetryStrategy(MAX_ATTEMPTS, 1));
}
