/**
 * Builders for the policy evaluator's tests: one statement wrapped in a document, and a request
 * with defaults that the statement under test can override.
 */
import { evaluatePolicy, type ConditionValue, type OneOrMany, type PolicyDocument, type PolicyStatement } from '../../lambda/policy/evaluate-policy';
import type { ContextValue, PolicyDecision, PolicyRequest } from '../../lambda/policy/types';

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

/** One row of a condition table: `{operator: {KEY: policy}}` against a request carrying `request` (or not the key). */
export interface ConditionRow {
  operator: string;
  policy: OneOrMany<ConditionValue>;
  request: ContextValue | undefined;
  holds: boolean;
}

/** One test per row: the condition holds exactly when the row says (an Allow with it then allows). */
export function conditionTable(key: string, rows: ConditionRow[], inspect: (decision: PolicyDecision) => void = () => undefined): void {
  it.each(rows)('$operator $policy vs $request → $holds', ({ operator, policy, request, holds }) => {
    const statement = allowStatement({ Condition: { [operator]: { [key]: policy } } });
    const context: Record<string, ContextValue> = request === undefined ? {} : { [key]: request };
    const decision = evaluatePolicy(policyOf(statement), requestOf({ context }));
    inspect(decision);
    expect(decision.decision === 'Allow').toBe(holds);
  });
}
