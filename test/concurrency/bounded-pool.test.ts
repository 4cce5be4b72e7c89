import { runBoundedPool } from '../../lambda/concurrency/bounded-pool';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runBoundedPool', () => {
  it('runs every item of an array with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await runBoundedPool({
      items: [1, 2, 3, 4, 5, 6, 7],
      concurrency: 3,
      work: async (item) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await tick();
        inFlight -= 1;
        done.push(item);
      },
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('takes items from a stream as they arrive', async () => {
    async function* pages() {
      yield 'a';
      await tick();
      yield 'b';
    }
    const done: string[] = [];
    await runBoundedPool({ items: pages(), concurrency: 4, work: async (item) => void done.push(item) });
    expect(done.sort()).toEqual(['a', 'b']);
  });

  it('starts nothing new once shouldStart says no, and hands the rest to skipped', async () => {
    const started: number[] = [];
    const skipped: number[] = [];
    await runBoundedPool({
      items: [1, 2, 3, 4],
      concurrency: 1,
      shouldStart: () => started.length < 2,
      work: async (item) => void started.push(item),
      skipped: (item) => skipped.push(item),
    });
    expect(started).toEqual([1, 2]);
    expect(skipped).toEqual([3, 4]);
  });

  it('finishes the other items, then rejects with the first failure', async () => {
    const done: number[] = [];
    const run = runBoundedPool({
      items: [1, 2, 3],
      concurrency: 2,
      work: async (item) => {
        if (item === 1) throw new Error('item 1 failed');
        await tick();
        done.push(item);
      },
    });
    await expect(run).rejects.toThrow('item 1 failed');
    expect(done.sort()).toEqual([2, 3]);
  });
});
