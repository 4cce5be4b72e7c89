import { evaluatePolicy } from '../../lambda/policy/evaluate-policy';
import type { ContextValue } from '../../lambda/policy/types';
import { allowStatement, conditionTable, policyOf, requestOf, TRAIL_ARN, type ConditionRow } from './policy-builders';

const KEY = 'test:Key';

/** Every row here uses an operator the evaluator knows. */
const table = (rows: ConditionRow[]) =>
  conditionTable(KEY, rows, (decision) => expect(decision.unknownOperators).toEqual([]));

describe('condition operators', () => {
  describe('String', () => {
    table([
      { operator: 'StringEquals', policy: 'abc', request: 'abc', holds: true },
      { operator: 'StringEquals', policy: 'abc', request: 'ABC', holds: false },
      { operator: 'StringEquals', policy: 'a*', request: 'abc', holds: false },
      { operator: 'StringEquals', policy: ['x', 'abc'], request: 'abc', holds: true },
      { operator: 'StringEquals', policy: [], request: 'abc', holds: false },
      { operator: 'StringNotEquals', policy: 'abc', request: 'abc', holds: false },
      { operator: 'StringNotEquals', policy: 'abc', request: 'xyz', holds: true },
      // The values of a negated operator combine with AND: none may match.
      { operator: 'StringNotEquals', policy: ['abc', 'xyz'], request: 'xyz', holds: false },
      { operator: 'StringNotEquals', policy: ['abc', 'xyz'], request: 'def', holds: true },
      { operator: 'StringEqualsIgnoreCase', policy: 'Bucket-Owner-Full-Control', request: 'bucket-owner-full-control', holds: true },
      { operator: 'StringEqualsIgnoreCase', policy: 'abc', request: 'abd', holds: false },
      { operator: 'StringNotEqualsIgnoreCase', policy: 'ABC', request: 'abc', holds: false },
      { operator: 'StringNotEqualsIgnoreCase', policy: 'ABC', request: 'abd', holds: true },
      { operator: 'StringLike', policy: 'arn:aws:cloudtrail:*:111111111111:trail/*', request: TRAIL_ARN, holds: true },
      { operator: 'StringLike', policy: 'arn:aws:cloudtrail:*:222222222222:trail/*', request: TRAIL_ARN, holds: false },
      { operator: 'StringLike', policy: 'a?c', request: 'abc', holds: true },
      { operator: 'StringLike', policy: 'A*', request: 'abc', holds: false },
      { operator: 'StringLike', policy: ['x*', 'a*'], request: 'abc', holds: true },
      { operator: 'StringNotLike', policy: 'a*', request: 'abc', holds: false },
      { operator: 'StringNotLike', policy: 'x*', request: 'abc', holds: true },
      { operator: 'StringNotLike', policy: ['x*', 'a*'], request: 'abc', holds: false },
      { operator: 'stringequals', policy: 'abc', request: 'abc', holds: true },
    ]);
  });

  describe('ARN', () => {
    table([
      { operator: 'ArnEquals', policy: TRAIL_ARN, request: TRAIL_ARN, holds: true },
      { operator: 'ArnEquals', policy: TRAIL_ARN, request: `${TRAIL_ARN}2`, holds: false },
      { operator: 'ArnEquals', policy: 'arn:aws:cloudtrail:*:111111111111:trail/*', request: TRAIL_ARN, holds: true },
      { operator: 'ArnLike', policy: 'arn:aws:cloudtrail:*:111111111111:trail/*', request: TRAIL_ARN, holds: true },
      { operator: 'ArnLike', policy: 'arn:aws:cloudtrail:us-east-?:111111111111:trail/org-trail', request: TRAIL_ARN, holds: true },
      { operator: 'ArnLike', policy: 'arn:aws:CloudTrail:*:111111111111:trail/*', request: TRAIL_ARN, holds: false },
      // Each of the six components is matched on its own: one `*` cannot stand for the region and the account.
      { operator: 'ArnLike', policy: 'arn:aws:cloudtrail:*:trail/org-trail', request: TRAIL_ARN, holds: false },
      { operator: 'ArnLike', policy: 'arn:aws:logs:*:log-group:g:log-stream:s', request: 'arn:aws:logs:us-east-1:1:log-group:g:log-stream:s', holds: false },
      { operator: 'ArnLike', policy: 'arn:aws:logs:*:*:log-group:*', request: 'arn:aws:logs:us-east-1:1:log-group:g:log-stream:s', holds: true },
      { operator: 'ArnLike', policy: 'arn:aws:cloudtrail:*:111111111111:trail/*', request: 'not-an-arn', holds: false },
      { operator: 'ArnLike', policy: '*', request: TRAIL_ARN, holds: true },
      // The first component is a pattern like the others.
      { operator: 'ArnLike', policy: '?rn:aws-us-gov:cloudtrail:*:111111111111:trail/*', request: 'arn:aws-us-gov:cloudtrail:us-gov-west-1:111111111111:trail/t', holds: true },
      { operator: 'ArnLike', policy: '*:aws:cloudtrail:*:111111111111:trail/*', request: TRAIL_ARN, holds: true },
      { operator: 'ArnLike', policy: '?rn:aws-us-gov:cloudtrail:*:111111111111:trail/*', request: TRAIL_ARN, holds: false },
      { operator: 'ArnNotLike', policy: '?rn:aws-us-gov:cloudtrail:*:111111111111:trail/*', request: 'arn:aws-us-gov:cloudtrail:us-gov-west-1:111111111111:trail/t', holds: false },
      { operator: 'ArnNotLike', policy: '?rn:aws-us-gov:cloudtrail:*:111111111111:trail/*', request: TRAIL_ARN, holds: true },
      { operator: 'ArnLike', policy: '?rn:aws:cloudtrail:*:111111111111:trail/*', request: 'xrn:aws:cloudtrail:us-east-1:111111111111:trail/t', holds: false },
      { operator: 'ArnNotEquals', policy: TRAIL_ARN, request: TRAIL_ARN, holds: false },
      { operator: 'ArnNotEquals', policy: TRAIL_ARN, request: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/other', holds: true },
      { operator: 'ArnNotLike', policy: 'arn:aws:cloudtrail:*:111111111111:trail/*', request: TRAIL_ARN, holds: false },
      { operator: 'ArnNotLike', policy: 'arn:aws:cloudtrail:*:222222222222:trail/*', request: TRAIL_ARN, holds: true },
    ]);
  });

  describe('Bool', () => {
    table([
      { operator: 'Bool', policy: 'true', request: true, holds: true },
      { operator: 'Bool', policy: 'true', request: false, holds: false },
      { operator: 'Bool', policy: 'false', request: false, holds: true },
      { operator: 'Bool', policy: 'false', request: 'false', holds: true },
      { operator: 'Bool', policy: true, request: true, holds: true },
      { operator: 'Bool', policy: 'TRUE', request: 'true', holds: true },
      { operator: 'Bool', policy: 'false', request: undefined, holds: false },
    ]);
  });

  describe('Null', () => {
    table([
      { operator: 'Null', policy: 'true', request: undefined, holds: true },
      { operator: 'Null', policy: 'true', request: 'x', holds: false },
      { operator: 'Null', policy: 'false', request: 'x', holds: true },
      { operator: 'Null', policy: 'false', request: undefined, holds: false },
      { operator: 'Null', policy: false, request: 'x', holds: true },
      { operator: 'Null', policy: 'true', request: [], holds: true },
    ]);
  });

  describe('Numeric', () => {
    table([
      { operator: 'NumericEquals', policy: '10', request: '10', holds: true },
      { operator: 'NumericEquals', policy: 10, request: '10.0', holds: true },
      { operator: 'NumericNotEquals', policy: '10', request: '11', holds: true },
      { operator: 'NumericNotEquals', policy: '10', request: '10', holds: false },
      { operator: 'NumericLessThan', policy: '10', request: '9', holds: true },
      { operator: 'NumericLessThan', policy: '10', request: '10', holds: false },
      { operator: 'NumericLessThanEquals', policy: '10', request: '10', holds: true },
      { operator: 'NumericGreaterThan', policy: '10', request: '11', holds: true },
      { operator: 'NumericGreaterThan', policy: '10', request: 'eleven', holds: false },
      { operator: 'NumericGreaterThanEquals', policy: '10', request: '9', holds: false },
    ]);
  });

  describe('Date', () => {
    table([
      { operator: 'DateEquals', policy: '2024-01-01T00:00:00Z', request: '2024-01-01T00:00:00.000Z', holds: true },
      { operator: 'DateNotEquals', policy: '2024-01-01T00:00:00Z', request: '2024-01-02T00:00:00Z', holds: true },
      { operator: 'DateLessThan', policy: '2024-01-01T00:00:00Z', request: '2023-12-31T23:59:59Z', holds: true },
      { operator: 'DateLessThan', policy: '2024-01-01T00:00:00Z', request: '2024-01-01T00:00:00Z', holds: false },
      { operator: 'DateLessThanEquals', policy: '2024-01-01T00:00:00Z', request: '2024-01-01T00:00:00Z', holds: true },
      { operator: 'DateGreaterThan', policy: '2024-01-01T00:00:00Z', request: '1704067201', holds: true },
      { operator: 'DateGreaterThanEquals', policy: '2024-01-01T00:00:00Z', request: 'yesterday', holds: false },
    ]);
  });

  describe('IP address', () => {
    table([
      { operator: 'IpAddress', policy: '203.0.113.0/24', request: '203.0.113.7', holds: true },
      { operator: 'IpAddress', policy: '203.0.113.0/24', request: '203.0.114.7', holds: false },
      { operator: 'IpAddress', policy: '203.0.113.7', request: '203.0.113.7', holds: true },
      { operator: 'IpAddress', policy: '2001:db8::/32', request: '2001:db8::1', holds: true },
      { operator: 'IpAddress', policy: '2001:db8::/32', request: '203.0.113.7', holds: false },
      { operator: 'NotIpAddress', policy: ['10.0.0.0/8', '203.0.113.0/24'], request: '203.0.113.7', holds: false },
      { operator: 'NotIpAddress', policy: '10.0.0.0/8', request: '203.0.113.7', holds: true },
    ]);
  });

  describe('Binary', () => {
    table([
      { operator: 'BinaryEquals', policy: 'QmluYXJ5VmFsdWU=', request: 'QmluYXJ5VmFsdWU=', holds: true },
      { operator: 'BinaryEquals', policy: 'QmluYXJ5VmFsdWU=', request: 'T3RoZXI=', holds: false },
    ]);
  });
});

describe('condition combination', () => {
  it.each([
    { context: { 'aws:SourceArn': TRAIL_ARN, 'aws:SourceAccount': '111111111111' }, expected: 'Allow' },
    { context: { 'aws:SourceArn': TRAIL_ARN, 'aws:SourceAccount': '999999999999' }, expected: 'ImplicitDeny' },
    { context: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:999999999999:trail/x', 'aws:SourceAccount': '111111111111' }, expected: 'ImplicitDeny' },
    { context: { 'aws:SourceArn': TRAIL_ARN }, expected: 'ImplicitDeny' },
    { context: { 'AWS:SOURCEARN': TRAIL_ARN, 'aws:sourceaccount': '111111111111' }, expected: 'Allow' },
  ] as { context: Record<string, ContextValue>; expected: string }[])('keys AND across operators, key names without case: $context → $expected', ({ context, expected }) => {
    const statement = allowStatement({
      Condition: {
        StringEquals: { 'aws:SourceAccount': '111111111111' },
        ArnLike: { 'aws:sourcearn': 'arn:aws:cloudtrail:*:111111111111:trail/*' },
      },
    });
    expect(evaluatePolicy(policyOf(statement), requestOf({ context })).decision).toBe(expected);
  });

  it('keys within one operator combine with AND', () => {
    const statement = allowStatement({ Condition: { StringEquals: { 'test:A': 'a', 'test:B': 'b' } } });
    expect(evaluatePolicy(policyOf(statement), requestOf({ context: { 'test:A': 'a', 'test:B': 'b' } })).decision).toBe('Allow');
    expect(evaluatePolicy(policyOf(statement), requestOf({ context: { 'test:A': 'a', 'test:B': 'x' } })).decision).toBe('ImplicitDeny');
  });
});
