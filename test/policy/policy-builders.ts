/**
 * Builders for the policy evaluator's tests: one statement wrapped in a document, and a request
 * with defaults that the statement under test can override.
 */
import type { PolicyDocument, PolicyStatement } from '../../lambda/policy/evaluate-policy';
import type { PolicyRequest } from '../../lambda/policy/types';

export const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';
export const CLOUDTRAIL = { service: 'cloudtrail.amazonaws.com' } as const;

/** A document holding the given statements (2012-10-17). */
export function policyOf(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** An Allow of s3:PutObject on any object of `bucket`, to any principal, plus `extra`. */
export function allowStatement(extra: Partial<PolicyStatement> = {}): PolicyStatement {
  return { Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/*', ...extra };
}

export function requestOf(extra: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    principal: CLOUDTRAIL,
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::bucket/AWSLogs/111111111111/x',
    context: {},
    ...extra,
  };
}
