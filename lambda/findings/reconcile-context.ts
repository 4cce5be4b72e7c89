/** What the phases of one reconcile share: the store, the run's clock, its budget and its warnings. */
import type { AuditStore } from './audit-store';
import type { RunClock } from './finding-transition';
import { withItemRetries, type ItemRetryPolicy } from './item-retry';

export interface ReconcileContext {
  store: AuditStore;
  clock: RunClock;
  /** Item operations in flight at once. */
  concurrency: number;
  /** False once the run's budget is spent: no new item or message is started. */
  withinBudget: () => boolean;
  retry: ItemRetryPolicy;
  warn: (message: string) => void;
}

/** One item operation under the run's retry policy. */
export function retried<T>(context: ReconcileContext, operation: () => Promise<T>): Promise<T> {
  return withItemRetries(operation, context.retry);
}

/** Warns about the first few failures of a kind, then counts the rest in one line at the end. */
export class FailureLog {
  private count = 0;

  constructor(
    private readonly warn: (message: string) => void,
    private readonly what: string,
    private readonly shown = 5,
  ) {}

  add(detail: string): void {
    this.count += 1;
    if (this.count <= this.shown) this.warn(`${this.what}: ${detail}`);
  }

  get total(): number {
    return this.count;
  }

  summarize(): void {
    if (this.count > this.shown) this.warn(`${this.what}: ${this.count - this.shown} more not shown (${this.count} in all)`);
  }
}
