/**
 * The contract of the auditor's own IAM policy evaluator (lambda/policy/evaluate-policy.ts).
 *
 * It answers one question: would this policy document allow this request? It implements the
 * subset of IAM's evaluation logic that CloudTrail's delivery depends on (see docs/policy-evaluation.md).
 */

/** Who makes the request. */
export type RequestPrincipal =
  /** An AWS service principal, e.g. `cloudtrail.amazonaws.com`. */
  | { service: string }
  /**
   * An IAM principal by ARN (a user, or a role), with its account (a `"AWS": "ACCOUNT"` or `:root`
   * principal matches it). A role acts through a session: `sessionArn`
   * (`arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION`) when the session name is known.
   */
  | { arn: string; accountId: string; sessionArn?: string };

/** A value in the request context. Booleans are compared as the strings "true" / "false". */
export type ContextValue = string | boolean | readonly string[];

export interface PolicyRequest {
  /** Omitted for identity-based policies, which have no Principal element. */
  principal?: RequestPrincipal;
  /** e.g. `s3:PutObject` (matched case-insensitively). */
  action: string;
  /** e.g. `arn:aws:s3:::bucket/AWSLogs/o-123/111111111111/CloudTrail/us-east-1/x` (case-sensitive). */
  resource: string;
  /** Condition keys and their values; key names are matched case-insensitively. */
  context: Readonly<Record<string, ContextValue>>;
}

export type PolicyDecisionKind = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface PolicyDecision {
  decision: PolicyDecisionKind;
  /** The statements that decided it (their Sid, or `Statement[i]` when they have none). */
  statements: string[];
  /**
   * Condition operators the evaluator does not know, met in statements that otherwise matched:
   * an Allow with one does not count and a Deny with one does (the conservative reading).
   */
  unknownOperators: string[];
}

/** A policy document that could not be read (not JSON, no Statement …). */
export class PolicyParseError extends Error {
  override name = 'PolicyParseError';
}
