import { evaluatePolicy, type PolicyStatement } from '../../lambda/policy/evaluate-policy';
import type { ContextValue } from '../../lambda/policy/types';
import { allowStatement, conditionTable, policyOf, requestOf, type ConditionRow } from './policy-builders';

const KEY = 'aws:TagKeys';

const table = (rows: ConditionRow[]) => conditionTable(KEY, rows);

describe('a key missing from the request', () => {
  table([
    { operator: 'StringEquals', policy: 'a', request: undefined, holds: false },
    { operator: 'StringLike', policy: '*', request: undefined, holds: false },
    { operator: 'StringEqualsIgnoreCase', policy: 'a', request: undefined, holds: false },
    { operator: 'ArnEquals', policy: 'arn:aws:s3:::b', request: undefined, holds: false },
    { operator: 'ArnLike', policy: 'arn:*', request: undefined, holds: false },
    { operator: 'Bool', policy: 'true', request: undefined, holds: false },
    { operator: 'NumericLessThan', policy: '1', request: undefined, holds: false },
    { operator: 'IpAddress', policy: '10.0.0.0/8', request: undefined, holds: false },
    // Negated operators hold when the key is missing.
    { operator: 'StringNotEquals', policy: 'a', request: undefined, holds: true },
    { operator: 'StringNotEqualsIgnoreCase', policy: 'a', request: undefined, holds: true },
    { operator: 'StringNotLike', policy: '*', request: undefined, holds: true },
    { operator: 'ArnNotEquals', policy: 'arn:aws:s3:::b', request: undefined, holds: true },
    { operator: 'ArnNotLike', policy: 'arn:*', request: undefined, holds: true },
    { operator: 'NumericNotEquals', policy: '1', request: undefined, holds: true },
    { operator: 'NotIpAddress', policy: '10.0.0.0/8', request: undefined, holds: true },
    // An empty list is no value at all.
    { operator: 'StringEquals', policy: 'a', request: [], holds: false },
    { operator: 'StringNotEquals', policy: 'a', request: [], holds: true },
  ]);
});

describe('...IfExists', () => {
  table([
    { operator: 'StringEqualsIfExists', policy: 'a', request: undefined, holds: true },
    { operator: 'StringEqualsIfExists', policy: 'a', request: 'a', holds: true },
    { operator: 'StringEqualsIfExists', policy: 'a', request: 'b', holds: false },
    { operator: 'StringNotEqualsIfExists', policy: 'a', request: undefined, holds: true },
    { operator: 'StringNotEqualsIfExists', policy: 'a', request: 'a', holds: false },
    { operator: 'ArnLikeIfExists', policy: 'arn:aws:s3:::*', request: undefined, holds: true },
    { operator: 'ArnLikeIfExists', policy: 'arn:aws:s3:::*', request: 'arn:aws:sns:us-east-1:1:t', holds: false },
    { operator: 'BoolIfExists', policy: 'false', request: undefined, holds: true },
    { operator: 'BoolIfExists', policy: 'false', request: true, holds: false },
    { operator: 'StringLikeIfExists', policy: 'a*', request: 'abc', holds: true },
    { operator: 'stringequalsifexists', policy: 'a', request: undefined, holds: true },
  ]);
});

describe('ForAnyValue: / ForAllValues:', () => {
  table([
    // ForAnyValue: at least one request value satisfies the operator; false with no values.
    { operator: 'ForAnyValue:StringEquals', policy: 'a', request: ['a', 'b'], holds: true },
    { operator: 'ForAnyValue:StringEquals', policy: ['x', 'b'], request: ['a', 'b'], holds: true },
    { operator: 'ForAnyValue:StringEquals', policy: 'x', request: ['a', 'b'], holds: false },
    { operator: 'ForAnyValue:StringEquals', policy: 'a', request: 'a', holds: true },
    { operator: 'ForAnyValue:StringEquals', policy: 'a', request: undefined, holds: false },
    { operator: 'ForAnyValue:StringEquals', policy: 'a', request: [], holds: false },
    { operator: 'ForAnyValue:StringLike', policy: 'b*', request: ['a', 'bc'], holds: true },
    { operator: 'ForAnyValue:StringNotEquals', policy: 'a', request: ['a', 'b'], holds: true },
    { operator: 'ForAnyValue:StringNotEquals', policy: ['a', 'b'], request: ['a', 'b'], holds: false },
    { operator: 'ForAnyValue:StringNotEquals', policy: 'a', request: undefined, holds: false },
    // IfExists does not rescue ForAnyValue: with no value, no value can satisfy it (IAM's ForAnyValue rule).
    { operator: 'ForAnyValue:StringEqualsIfExists', policy: 'a', request: undefined, holds: false },
    { operator: 'ForAnyValue:StringLikeIfExists', policy: '*', request: [], holds: false },
    { operator: 'ForAnyValue:StringEqualsIfExists', policy: 'a', request: ['b', 'a'], holds: true },
    { operator: 'ForAllValues:StringEqualsIfExists', policy: 'a', request: undefined, holds: true },
    // ForAllValues: every request value satisfies the operator; true with no values.
    { operator: 'ForAllValues:StringEquals', policy: ['a', 'b', 'c'], request: ['a', 'b'], holds: true },
    { operator: 'ForAllValues:StringEquals', policy: ['a'], request: ['a', 'b'], holds: false },
    { operator: 'ForAllValues:StringEquals', policy: 'a', request: 'a', holds: true },
    { operator: 'ForAllValues:StringEquals', policy: 'a', request: undefined, holds: true },
    { operator: 'ForAllValues:StringEquals', policy: 'a', request: [], holds: true },
    { operator: 'ForAllValues:StringLike', policy: 'key1*', request: ['key1:hr', 'key1:personnel'], holds: true },
    { operator: 'ForAllValues:StringNotLike', policy: 'key1*', request: ['key1:legal'], holds: false },
    { operator: 'ForAllValues:StringNotLike', policy: 'key1*', request: ['key2:audit'], holds: true },
    { operator: 'ForAllValues:StringNotLike', policy: 'key1*', request: ['key1:a', 'key2:audit'], holds: false },
    { operator: 'ForAllValues:StringNotLike', policy: 'key1*', request: undefined, holds: true },
    { operator: 'forallvalues:stringequals', policy: 'a', request: ['a'], holds: true },
  ]);
});

describe('a multi-valued key without a set qualifier', () => {
  table([
    { operator: 'StringEquals', policy: 'a', request: ['a', 'b'], holds: true },
    { operator: 'StringEquals', policy: 'x', request: ['a', 'b'], holds: false },
    { operator: 'StringNotEquals', policy: 'a', request: ['a', 'b'], holds: false },
    { operator: 'StringNotEquals', policy: 'x', request: ['a', 'b'], holds: true },
  ]);
});

describe('a Deny with ForAllValues reads the empty set as a match', () => {
  const deny: PolicyStatement = {
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: '*',
    Condition: { 'ForAllValues:StringNotLike': { [KEY]: 'key1*' } },
  };
  it.each([
    { request: ['key1:legal'], expected: 'Allow' },
    { request: ['key2:audit'], expected: 'ExplicitDeny' },
    { request: undefined, expected: 'ExplicitDeny' },
  ])('tags $request → $expected', ({ request, expected }) => {
    const context: Record<string, ContextValue> = request === undefined ? {} : { [KEY]: request };
    expect(evaluatePolicy(policyOf(allowStatement(), deny), requestOf({ context })).decision).toBe(expected);
  });
});
