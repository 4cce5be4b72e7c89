import type { InitializeMiddleware, MetadataBearer, Pluggable } from '@smithy/types';

/**
 * Counts the API calls a run makes, by operation (e.g. `DescribeTrails`), and the retries the SDK's
 * retry strategy made on top of them. Installed on every client the run creates.
 */
export class ApiCallCounter {
  private readonly byOperation = new Map<string, number>();
  private retryCount = 0;

  readonly plugin: Pluggable<object, MetadataBearer> = {
    applyToStack: (stack) => {
      stack.add(this.middleware, { step: 'initialize', priority: 'high', name: 'orgTrailAuditorApiCallCounter' });
    },
  };

  private readonly middleware: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
    try {
      const result = await next(args);
      this.retryCount += Math.max(0, (result.output.$metadata.attempts ?? 1) - 1);
      return result;
    } catch (error) {
      const attempts = (error as { $metadata?: { attempts?: number } } | null)?.$metadata?.attempts ?? 1;
      this.retryCount += Math.max(0, attempts - 1);
      throw error;
    }
  };

  /** Calls so far, by operation, sorted by operation name. */
  byOperationName(): Record<string, number> {
    return Object.fromEntries([...this.byOperation].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  total(): number {
    let sum = 0;
    for (const count of this.byOperation.values()) sum += count;
    return sum;
  }

  /** Attempts beyond the first, made by the SDK's retry strategy (throttling, transient errors). */
  retries(): number {
    return this.retryCount;
  }
}
