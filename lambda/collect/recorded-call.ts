import type { ApiError, Recorded } from '../snapshot/types';

/** The snapshot's record of a failed call: the SDK error's `name` and message. */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof Error) {
    const code = error.name && error.name !== 'Error' ? error.name : 'Error';
    return error.message ? { code, message: error.message } : { code };
  }
  return { code: 'Error', message: String(error) };
}

/** The HTTP status of an SDK error, when it carries one. */
export function httpStatusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return metadata?.httpStatusCode;
}

/** Runs a call; its answer, or the error that replaced it (never throws). */
export async function recorded<T>(call: () => Promise<T>): Promise<Recorded<T>> {
  try {
    return await call();
  } catch (error) {
    return { error: apiErrorOf(error) };
  }
}

/**
 * Runs a call whose "not configured" answer AWS returns as an error (NoSuchBucketPolicy,
 * InsightNotEnabledException, NoSuchEntity, …): those error names become `null`, any other error
 * is recorded.
 */
export async function recordedOrNull<T>(call: () => Promise<T | null>, notConfigured: readonly string[]): Promise<Recorded<T> | null> {
  try {
    return await call();
  } catch (error) {
    const recordedError = apiErrorOf(error);
    return notConfigured.includes(recordedError.code) ? null : { error: recordedError };
  }
}
