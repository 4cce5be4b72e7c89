/**
 * Fault injection for the DynamoDB client the reconcile tests use against dynalite: a middleware
 * that, before a request is sent, asks the armed rule whether to fail it and with what error
 * (thrown before the SDK's own retries, as an error that outlasted them would arrive).
 */
import { ProvisionedThroughputExceededException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface AttemptedCall {
  /** e.g. PutItemCommand, UpdateItemCommand, BatchWriteItemCommand. */
  command: string;
  input: Record<string, unknown>;
}

/** Decides whether one call fails: an error to throw, or undefined to let it through. */
export type FaultRule = (call: AttemptedCall) => Error | undefined;

export class FaultInjector {
  private rule: FaultRule | undefined;
  readonly calls = new Map<string, number>();
  failed = 0;

  constructor(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const call: AttemptedCall = { command: context.commandName ?? 'unknown', input: args.input as Record<string, unknown> };
        this.calls.set(call.command, (this.calls.get(call.command) ?? 0) + 1);
        const fault = this.rule?.(call);
        if (fault) {
          this.failed += 1;
          throw fault;
        }
        return next(args);
      },
      { step: 'initialize', name: 'faultInjector' },
    );
  }

  arm(rule: FaultRule): void {
    this.rule = rule;
  }

  disarm(): void {
    this.rule = undefined;
  }

  /** Calls of one command since the last reset. */
  count(command: string): number {
    return this.calls.get(command) ?? 0;
  }

  reset(): void {
    this.calls.clear();
    this.failed = 0;
  }
}

/** ProvisionedThroughputExceededException, as DynamoDB sends it once the SDK has given up. */
export function throughputExceeded(): Error {
  return new ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded.',
    $metadata: { httpStatusCode: 400 },
  });
}

/** The key (findingId) a single-item call is about, if any. */
export function findingIdOf(call: AttemptedCall): string | undefined {
  const keyed = (call.input.Item ?? call.input.Key) as { findingId?: string | { S?: string } } | undefined;
  const id = keyed?.findingId;
  return typeof id === 'string' ? id : id?.S;
}
