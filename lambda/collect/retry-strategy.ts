import type { RetryStrategyV2 } from '@smithy/types';
import { createRetryStrategy } from '../aws/client-settings';

/** The retry strategy of every client the collector creates (see lambda/aws/client-settings.ts). */
export function defaultRetryStrategy(): RetryStrategyV2 {
  return createRetryStrategy();
}
