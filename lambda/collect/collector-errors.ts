import { apiErrorOf } from './recorded-call';

/**
 * The run cannot start: there are no AWS credentials, or AWS rejects them. The message is one line,
 * meant for the person running the audit.
 */
export class CollectorCredentialsError extends Error {
  override readonly name = 'CollectorCredentialsError';
}

/** Error names that mean "no credentials could be found" rather than "AWS said no". */
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'ProviderError', 'TokenProviderError']);

/** Turns the failure of the run's first call (sts:GetCallerIdentity) into a one-line error. */
export function callerIdentityFailure(error: unknown): Error {
  const { code, message } = apiErrorOf(error);
  const detail = (message ?? code).split('\n')[0];
  if (NO_CREDENTIALS.has(code)) return new CollectorCredentialsError(`no AWS credentials found: ${detail}`);
  if (/InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch|UnrecognizedClient|AccessDenied|InvalidAccessKeyId/.test(code)) {
    return new CollectorCredentialsError(`AWS rejected the credentials (${code}): ${detail}`);
  }
  return new Error(`could not reach AWS STS to identify the caller (${code}): ${detail}`);
}
