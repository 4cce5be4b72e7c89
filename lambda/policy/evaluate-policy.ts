import { evaluateConditions } from './condition-evaluation';
import { parsePolicy, type NormalisedStatement } from './parse-policy';
import type { PolicyDocument } from './policy-document';
import { principalMatches } from './principal-match';
import { RequestContext } from './request-context';
import { actionMatches, resourceMatches } from './scope-match';
import type { PolicyDecision, PolicyRequest } from './types';

export type { ConditionElement, ConditionValue, OneOrMany, PolicyDocument, PolicyEffect, PolicyStatement, PrincipalElement } from './policy-document';
export { PolicyParseError } from './types';
export type { ContextValue, PolicyDecision, PolicyDecisionKind, PolicyRequest, RequestPrincipal } from './types';
export { matchesWildcard } from './wildcard';

/** A policy document read once, to be asked many questions (e.g. one write per account for S3-002). */
export interface CompiledPolicy {
  evaluate(request: PolicyRequest): PolicyDecision;
}

/**
 * Would this policy document allow this request? IAM's evaluation within one policy:
 * an explicit Deny that applies wins; otherwise an Allow that applies allows; otherwise the
 * request is implicitly denied. A statement applies when its principal, action and resource
 * match and its conditions hold. A statement with a condition operator the evaluator does not
 * know is read conservatively: a Deny counts, an Allow does not, and the operator is reported.
 *
 * Throws PolicyParseError when the document is not JSON or has no Statement.
 */
export function evaluatePolicy(policy: string | PolicyDocument, request: PolicyRequest): PolicyDecision {
  return compilePolicy(policy).evaluate(request);
}

/** Reads a policy document once (throws PolicyParseError as evaluatePolicy does) for repeated questions. */
export function compilePolicy(policy: string | PolicyDocument): CompiledPolicy {
  const statements = parsePolicy(policy);
  return { evaluate: (request) => decide(statements, request) };
}

function decide(statements: readonly NormalisedStatement[], request: PolicyRequest): PolicyDecision {
  const context = new RequestContext(request.context);
  const allows: string[] = [];
  const denies: string[] = [];
  const unknownOperators: string[] = [];

  for (const statement of statements) {
    if (!inScope(statement, request)) continue;
    const outcome = evaluateConditions(statement.conditions, context);
    if (outcome.kind === 'fails') continue;
    if (outcome.kind === 'undecided') {
      for (const name of outcome.unknownOperators) if (!unknownOperators.includes(name)) unknownOperators.push(name);
      if (statement.effect === 'Allow') continue;
    }
    (statement.effect === 'Deny' ? denies : allows).push(statement.label);
  }

  if (denies.length > 0) return { decision: 'ExplicitDeny', statements: denies, unknownOperators };
  if (allows.length > 0) return { decision: 'Allow', statements: allows, unknownOperators };
  return { decision: 'ImplicitDeny', statements: [], unknownOperators };
}

function inScope(statement: NormalisedStatement, request: PolicyRequest): boolean {
  return (
    principalMatches(statement.principal, request.principal) &&
    actionMatches(statement.actions, request.action) &&
    resourceMatches(statement.resources, request.resource)
  );
}
