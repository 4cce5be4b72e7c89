/** AWS errors in one line a person can act on. */

/** Errors that are the caller's setup, like a missing flag: exit 2. */
export function isCallerSetupError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'CredentialsProviderError' || /^Region is missing/.test(error.message));
}

/** A network failure (DNS, refused, timed out) in one line, or undefined for any other error. */
export function describeNetworkError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { code?: string }).code;
  if (code === 'ENOTFOUND' || /getaddrinfo ENOTFOUND/.test(error.message)) {
    const host = (error as Error & { hostname?: string }).hostname ?? /ENOTFOUND (\S+)/.exec(error.message)?.[1] ?? 'the AWS endpoint';
    return `cannot reach ${host} (its DNS name does not resolve): check the network, --region, and any AWS_ENDPOINT_URL* setting`;
  }
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || error.name === 'TimeoutError') {
    return `cannot reach AWS (${code ?? error.name}: ${firstLine(error.message)}): check the network and any AWS_ENDPOINT_URL* setting`;
  }
  return undefined;
}

export function describeAwsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const network = describeNetworkError(error);
  if (network) return network;
  if (/^Region is missing/.test(error.message)) return 'no AWS region: pass --region, set AWS_REGION, or give the profile a region';
  switch (error.name) {
    case 'CredentialsProviderError':
      return `no AWS credentials (${firstLine(error.message)}); pass --profile NAME or configure the default credentials`;
    case 'ResourceNotFoundException':
      return `table not found (${firstLine(error.message)}); check --table/--runs-table, --stack and --region`;
    case 'AccessDeniedException':
    case 'AccessDenied':
      return `access denied: ${firstLine(error.message)}`;
    default:
      return `${error.name}: ${firstLine(error.message)}`;
  }
}

function firstLine(message: string): string {
  return message.split(/\r?\n/, 1)[0];
}
