import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { HttpHandlerOptions, RequestHandler } from '@smithy/types';
import { currentCallDeadline, deadlineErrorOf } from './call-deadline';

/**
 * Wraps the HTTP handler every client shares so that requests honour the deadline of the code that
 * sends them (see call-deadline.ts): a request is refused once its deadline has passed, and an
 * in-flight one is aborted when it passes; either fails with DeadlineExceeded, which the retry
 * strategy does not retry.
 */
export class DeadlineRequestHandler implements RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  constructor(private readonly inner: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>) {}

  readonly metadata = { handlerProtocol: 'http/1.1' };

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const deadline = currentCallDeadline();
    if (!deadline) return this.inner.handle(request, options);
    if (deadline.aborted) throw deadlineErrorOf(deadline);
    const abortSignal = options.abortSignal ? AbortSignal.any([deadline, options.abortSignal as AbortSignal]) : deadline;
    try {
      return await this.inner.handle(request, { ...options, abortSignal });
    } catch (error) {
      if (deadline.aborted) throw deadlineErrorOf(deadline);
      throw error;
    }
  }

  destroy(): void {
    this.inner.destroy?.();
  }
}
