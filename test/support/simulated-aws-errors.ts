/**
 * Errors exactly as the AWS SDK for JavaScript v3 raises them: instances of the SDK's own exception
 * classes where the SDK models the error, else of the service's base exception with the `name`,
 * `$fault` and HTTP status that the SDK would give it. The collector's retry strategy and error
 * recording see the same objects they would see against AWS.
 */
import { AccountServiceException } from '@aws-sdk/client-account';
import {
  CloudTrailServiceException,
  InsightNotEnabledException,
  ThrottlingException as CloudTrailThrottlingException,
  TrailNotFoundException,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsServiceException } from '@aws-sdk/client-cloudwatch-logs';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { IAMServiceException, NoSuchEntityException } from '@aws-sdk/client-iam';
import { KMSServiceException, NotFoundException as KmsNotFoundException } from '@aws-sdk/client-kms';
import {
  OrganizationsServiceException,
  ResourcePolicyNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { NoSuchBucket, NotFound, S3ServiceException } from '@aws-sdk/client-s3';
import { NotFoundException as SnsNotFoundException, SNSServiceException } from '@aws-sdk/client-sns';
import { STSServiceException } from '@aws-sdk/client-sts';
import type { ApiError } from '../../lambda/snapshot/types';

/** The SDK client a simulated call came through, by its `clientName`. */
export type SimulatedService = 'STS' | 'Organizations' | 'Account' | 'EC2' | 'CloudTrail' | 'S3' | 'KMS' | 'SNS' | 'CloudWatchLogs' | 'IAM';

type ServiceExceptionClass = typeof STSServiceException;

const BASE_EXCEPTIONS: Record<SimulatedService, ServiceExceptionClass> = {
  STS: STSServiceException,
  Organizations: OrganizationsServiceException,
  Account: AccountServiceException,
  EC2: EC2ServiceException,
  CloudTrail: CloudTrailServiceException,
  S3: S3ServiceException,
  KMS: KMSServiceException,
  SNS: SNSServiceException,
  CloudWatchLogs: CloudWatchLogsServiceException,
  IAM: IAMServiceException,
};

function metadata(httpStatusCode: number) {
  return { httpStatusCode, requestId: 'simulated-request', attempts: 1, totalRetryDelay: 0 };
}

/** An error the SDK does not model: the service's base exception with the right name and status. */
export function serviceError(service: SimulatedService, name: string, message: string, httpStatusCode = 400): Error {
  const Base = BASE_EXCEPTIONS[service];
  return new Base({ name, message, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: metadata(httpStatusCode) });
}

/** The error a snapshot recorded, raised again by the service that would have raised it. */
export function recordedError(service: SimulatedService, error: ApiError): Error {
  const message = error.message ?? error.code;
  if (service === 'CloudTrail' && error.code === 'TrailNotFoundException') return trailNotFound(message);
  if (service === 'S3' && error.code === 'NoSuchBucket') return noSuchBucket(message);
  const status = /AccessDenied|Unauthorized|AuthFailure|Forbidden/.test(error.code) ? 403 : error.code.startsWith('NoSuch') ? 404 : 400;
  return serviceError(service, error.code, message, status);
}

export function accessDenied(service: SimulatedService, message: string): Error {
  const name = service === 'STS' || service === 'S3' || service === 'IAM' || service === 'EC2' ? 'AccessDenied' : 'AccessDeniedException';
  return serviceError(service, service === 'EC2' ? 'UnauthorizedOperation' : name, message, 403);
}

/** What each service answers while it throttles the caller. */
export function throttling(service: SimulatedService): Error {
  switch (service) {
    case 'CloudTrail':
      return new CloudTrailThrottlingException({ message: 'Rate exceeded', $metadata: metadata(400) });
    case 'Organizations':
      return new TooManyRequestsException({ message: 'AWS Organizations can\'t complete your request because another request is already in progress.', $metadata: metadata(400) });
    case 'STS':
      return serviceError('STS', 'Throttling', 'Rate exceeded', 400);
    case 'EC2':
      return serviceError('EC2', 'RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 'S3':
      return serviceError('S3', 'SlowDown', 'Please reduce your request rate.', 503);
    default:
      return serviceError(service, 'ThrottlingException', 'Rate exceeded', 400);
  }
}

/** A call in a region the account has not enabled: its credentials are not valid there. */
export function regionNotEnabled(service: SimulatedService): Error {
  return service === 'EC2'
    ? serviceError('EC2', 'AuthFailure', 'AWS was not able to validate the provided access credentials', 401)
    : serviceError(service, 'UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
}

export function trailNotFound(message: string): Error {
  return new TrailNotFoundException({ message, $metadata: metadata(400) });
}
export function insightNotEnabled(trailArn: string): Error {
  return new InsightNotEnabledException({ message: `Trail ${trailArn} does not have Insights enabled.`, $metadata: metadata(400) });
}
export function noSuchBucket(message: string): Error {
  return new NoSuchBucket({ message, $metadata: metadata(404) });
}
/** HeadBucket has no body: a missing bucket is a bare 404, which the SDK names NotFound. */
export function headBucketNotFound(): Error {
  return new NotFound({ message: 'Not Found', $metadata: metadata(404) });
}
/** HeadBucket refused: a bare 403. */
export function headBucketForbidden(): Error {
  return serviceError('S3', 'Forbidden', 'Forbidden', 403);
}
/** S3's "not configured" answers (NoSuchBucketPolicy, NoSuchLifecycleConfiguration, …). */
export function s3NotConfigured(code: string, message: string): Error {
  return serviceError('S3', code, message, 404);
}
export function noSuchEntity(message: string): Error {
  return new NoSuchEntityException({ message, $metadata: metadata(404) });
}
export function kmsNotFound(message: string): Error {
  return new KmsNotFoundException({ message, $metadata: metadata(400) });
}
export function snsNotFound(message: string): Error {
  return new SnsNotFoundException({ message, $metadata: metadata(404) });
}
export function resourcePolicyNotFound(): Error {
  return new ResourcePolicyNotFoundException({ message: 'You have not created a resource policy for your organization.', $metadata: metadata(400) });
}
