/**
 * Deadlines for AWS calls that the code making them does not have to pass along: work runs inside
 * `withCallDeadline(signal, work)`, and every request the project's HTTP handler sends from inside
 * it (any client, any depth) is aborted when the signal fires, and refused once it has fired. The
 * collector runs the whole run under the run's deadline and each member account under its own
 * time budget, so one slow account or a nearing Lambda timeout stops in-flight calls instead of
 * waiting for them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setMaxListeners } from 'node:events';

/** A call stopped by a deadline: the run's (`DeadlineExceeded`) or an account's time budget. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceeded';
}

const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with `signal` as the deadline of every AWS call it makes (combined with any outer one). */
export function withCallDeadline<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const outer = scope.getStore();
  const combined = outer ? AbortSignal.any([outer, signal]) : signal;
  // Every request in flight under the deadline listens to it: no listener limit (and no leak warning).
  setMaxListeners(0, combined);
  return scope.run(combined, work);
}

/** The deadline of the calls made here, if any. */
export function currentCallDeadline(): AbortSignal | undefined {
  return scope.getStore();
}

/** The error a call stopped by `signal` fails with. */
export function deadlineErrorOf(signal: AbortSignal): DeadlineExceededError {
  const reason: unknown = signal.reason;
  if (reason instanceof DeadlineExceededError) return reason;
  return new DeadlineExceededError(reason instanceof Error ? reason.message : 'the call was stopped by a deadline');
}

/**
 * A signal that fires `afterMs` from now with a DeadlineExceededError saying `why`. The timer does
 * not keep the process alive; `cancel` stops it once the work is done.
 */
export function deadlineAfter(afterMs: number, why: string): { signal: AbortSignal; cancel: () => void } {
  const controller = new AbortController();
  const fire = () => controller.abort(new DeadlineExceededError(why));
  if (afterMs <= 0) {
    fire();
    return { signal: controller.signal, cancel: () => undefined };
  }
  const timer = setTimeout(fire, afterMs);
  timer.unref();
  return { signal: controller.signal, cancel: () => clearTimeout(timer) };
}
