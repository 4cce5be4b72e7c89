import { conditionOperator, type ConditionOperator } from './condition-operators';
import type { ConditionClause } from './parse-policy';
import type { RequestContext } from './request-context';

/**
 * A statement's Condition element against a request context, with IAM's rules:
 * - the values listed for one key combine with OR (with AND for the negated `Not` operators:
 *   the request value must match none of them);
 * - keys within an operator, and operators, combine with AND;
 * - a key missing from the request makes a positive operator false and a negated one true;
 *   `...IfExists` holds when the key is missing; `Null: {key: "true"}` holds when it is missing;
 * - `ForAnyValue:` holds when at least one request value satisfies the operator (false when the key
 *   is missing, `IfExists` or not), `ForAllValues:` when every request value does (true when the key is missing);
 * - a multi-valued key used without a set prefix holds for a positive operator when any of its
 *   values matches, and for a negated one when none does.
 *
 * An operator the evaluator does not know, or a clause whose values cannot be read, leaves the
 * outcome undecided: the caller applies the conservative reading.
 */
export type ConditionOutcome =
  | { kind: 'holds' }
  | { kind: 'fails' }
  | { kind: 'undecided'; unknownOperators: string[] };

type SetQualifier = 'ForAllValues' | 'ForAnyValue';

interface OperatorName {
  qualifier: SetQualifier | undefined;
  base: string;
  ifExists: boolean;
}

function readOperatorName(raw: string): OperatorName {
  const prefixed = /^(ForAllValues|ForAnyValue):(.*)$/i.exec(raw);
  const qualifier = prefixed ? (prefixed[1].toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue') : undefined;
  const rest = prefixed ? prefixed[2] : raw;
  const ifExists = /IfExists$/i.test(rest);
  return { qualifier, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

/** `Null`: "true" asks that the key be missing, "false" that it be present. */
function nullHolds(values: readonly string[], requestValues: readonly string[] | undefined): boolean | undefined {
  const wanted = values.map((value) => value.toLowerCase());
  if (wanted.some((value) => value !== 'true' && value !== 'false')) return undefined;
  const missing = requestValues === undefined;
  return wanted.some((value) => (value === 'true') === missing);
}

function satisfies(operator: ConditionOperator, requestValue: string, policyValues: readonly string[]): boolean {
  const matched = policyValues.some((policyValue) => operator.matches(requestValue, policyValue));
  return operator.negated ? !matched : matched;
}

function clauseHolds(
  name: OperatorName,
  operator: ConditionOperator,
  policyValues: readonly string[],
  requestValues: readonly string[] | undefined,
): boolean {
  if (requestValues === undefined) {
    // ForAnyValue needs a value to satisfy it, with or without IfExists (IAM's documented rule).
    if (name.qualifier === 'ForAnyValue') return false;
    if (name.ifExists || name.qualifier === 'ForAllValues') return true;
    return operator.negated;
  }
  const each = (value: string): boolean => satisfies(operator, value, policyValues);
  if (name.qualifier === 'ForAllValues') return requestValues.every(each);
  if (name.qualifier === 'ForAnyValue') return requestValues.some(each);
  return operator.negated ? requestValues.every(each) : requestValues.some(each);
}

/** Whether one clause holds; undefined when the evaluator cannot tell. */
function evaluateClause(clause: ConditionClause, context: RequestContext): boolean | undefined {
  if (clause.values === undefined) return undefined;
  const name = readOperatorName(clause.operator);
  const requestValues = context.get(clause.key);
  if (name.base.toLowerCase() === 'null') {
    return name.qualifier || name.ifExists ? undefined : nullHolds(clause.values, requestValues);
  }
  const operator = conditionOperator(name.base);
  return operator ? clauseHolds(name, operator, clause.values, requestValues) : undefined;
}

function describeUndecided(clause: ConditionClause): string {
  return clause.values === undefined ? `${clause.operator} (unreadable values)` : clause.operator;
}

export function evaluateConditions(clauses: readonly ConditionClause[], context: RequestContext): ConditionOutcome {
  const unknownOperators: string[] = [];
  for (const clause of clauses) {
    const holds = evaluateClause(clause, context);
    if (holds === false) return { kind: 'fails' };
    if (holds === undefined && !unknownOperators.includes(describeUndecided(clause))) unknownOperators.push(describeUndecided(clause));
  }
  return unknownOperators.length > 0 ? { kind: 'undecided', unknownOperators } : { kind: 'holds' };
}
