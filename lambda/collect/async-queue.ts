/**
 * A queue that one producer fills while any number of consumers take from it, in order. Iterating
 * waits for the next item and ends once the producer has closed the queue and it is empty.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private head = 0;
  private closed = false;
  private readonly waiting: ((item: IteratorResult<T>) => void)[] = [];

  push(item: T): void {
    if (this.closed) throw new Error('push on a closed queue');
    const consumer = this.waiting.shift();
    if (consumer) consumer({ value: item, done: false });
    else this.items.push(item);
  }

  close(): void {
    this.closed = true;
    for (const consumer of this.waiting.splice(0)) consumer({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.items.length) {
      const value = this.items[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return { next: () => this.next() };
  }
}
