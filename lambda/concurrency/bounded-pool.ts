/**
 * Runs `work` on every item of `items` with at most `concurrency` at a time, taking items as they
 * arrive. Before each item, `shouldStart` is asked: once it answers false no new item is started
 * (those already running finish) and every remaining item goes to `skipped`. Resolves when all
 * started work has finished; `work` is expected to record its own failures (a rejection is a bug
 * and rejects the pool once everything else has settled).
 */
export async function runBoundedPool<T>(options: {
  /** An array, or a stream of items that arrive while the pool runs (e.g. pages of accounts). */
  items: Iterable<T> | AsyncIterable<T>;
  concurrency: number;
  work: (item: T) => Promise<void>;
  shouldStart?: () => boolean;
  skipped?: (item: T) => void;
}): Promise<void> {
  const { items, work, shouldStart = () => true, skipped = () => undefined } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  // One shared iterator: an async generator queues the workers' concurrent next() calls.
  const iterator = (async function* () {
    yield* items;
  })();
  let stopped = false;
  const failures: unknown[] = [];

  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      if (stopped || !shouldStart()) {
        stopped = true;
        skipped(next.value);
        continue;
      }
      try {
        await work(next.value);
      } catch (error) {
        failures.push(error);
      }
    }
  };

  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failures.length > 0) throw failures[0];
}
