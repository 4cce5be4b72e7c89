/**
 * An error as a service sends it: its wire code (which for awsQuery services may differ from the
 * SDK's exception name), message and HTTP status; and the errors fault injection raises, each
 * service's own (per the SDK's service models and the AWS API references).
 */
import type { AwsService } from './aws-request';

export class WireError extends Error {
  override readonly name = 'WireError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Exception names whose wire code differs (the models' `awsQueryError` trait): IAM's
 * NoSuchEntityException is sent as `NoSuchEntity`, SNS's NotFoundException as `NotFound`, …
 */
const QUERY_ERROR_CODES: Partial<Record<AwsService, Readonly<Record<string, string>>>> = {
  iam: { NoSuchEntityException: 'NoSuchEntity', ServiceFailureException: 'ServiceFailure' },
  sns: { NotFoundException: 'NotFound', AuthorizationErrorException: 'AuthorizationError', InternalErrorException: 'InternalError', ThrottledException: 'Throttled' },
};

/** An SDK exception thrown by the in-process answers, as the service would send it. */
export function wireErrorOf(service: AwsService, error: unknown): WireError {
  if (error instanceof WireError) return error;
  const failure = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = failure.name ?? 'InternalFailure';
  const code = QUERY_ERROR_CODES[service]?.[name] ?? name;
  return new WireError(code, failure.message ?? code, failure.$metadata?.httpStatusCode ?? 500);
}

/** What each service answers while it throttles the caller. */
export function throttlingError(service: AwsService): WireError {
  switch (service) {
    case 'organizations':
      return new WireError('TooManyRequestsException', "AWS Organizations can't complete your request because another request is already in progress.", 400);
    case 'sts':
    case 'iam':
      return new WireError('Throttling', 'Rate exceeded', 400);
    case 'ec2':
      return new WireError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 's3':
      return new WireError('SlowDown', 'Please reduce your request rate.', 503);
    case 'sns':
      return new WireError('Throttled', 'Rate exceeded', 400);
    case 'account':
      return new WireError('TooManyRequestsException', 'Rate exceeded', 429);
    default: // cloudtrail, kms, logs
      return new WireError('ThrottlingException', 'Rate exceeded', 400);
  }
}

/** A server-side failure: `InternalFailure` (500) or `ServiceUnavailable` (503); S3 and SNS name theirs. */
export function serverError(service: AwsService, kind: 'InternalFailure' | 'ServiceUnavailable'): WireError {
  if (kind === 'ServiceUnavailable') return new WireError('ServiceUnavailable', 'Service is unavailable. Please try again.', 503);
  if (service === 's3') return new WireError('InternalError', 'We encountered an internal error. Please try again.', 500);
  if (service === 'sns') return new WireError('InternalError', 'Internal error', 500);
  return new WireError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
}

export function expiredTokenError(service: AwsService): WireError {
  if (service === 'cloudtrail' || service === 'organizations' || service === 'kms' || service === 'logs' || service === 'account') {
    return new WireError('ExpiredTokenException', 'The security token included in the request is expired', 400);
  }
  return new WireError('ExpiredToken', 'The security token included in the request is expired', service === 's3' ? 400 : 403);
}

export function accessDeniedError(service: AwsService): WireError {
  switch (service) {
    case 'sts':
    case 'iam':
    case 's3':
      return new WireError('AccessDenied', 'Access Denied', 403);
    case 'ec2':
      return new WireError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
    case 'sns':
      return new WireError('AuthorizationError', 'User is not authorized to perform this action', 403);
    default:
      return new WireError('AccessDeniedException', 'User is not authorized to perform this action', 400);
  }
}
