import { compilePolicy, evaluatePolicy, PolicyParseError, type PolicyStatement } from '../../lambda/policy/evaluate-policy';
import { allowStatement, policyOf, requestOf } from './policy-builders';

const allow = allowStatement({ Sid: 'Allow' });
const otherAllow = allowStatement({ Sid: 'OtherAllow' });
const deny: PolicyStatement = { ...allowStatement({ Sid: 'Deny' }), Effect: 'Deny' };
const unrelatedDeny: PolicyStatement = { ...deny, Sid: 'UnrelatedDeny', Action: 's3:DeleteObject' };

describe('evaluatePolicy: decision precedence', () => {
  it.each([
    { name: 'no statements', statements: [], decision: 'ImplicitDeny', decidedBy: [] },
    { name: 'an allow', statements: [allow], decision: 'Allow', decidedBy: ['Allow'] },
    { name: 'two allows', statements: [allow, otherAllow], decision: 'Allow', decidedBy: ['Allow', 'OtherAllow'] },
    { name: 'a deny alone', statements: [deny], decision: 'ExplicitDeny', decidedBy: ['Deny'] },
    { name: 'deny after allow', statements: [allow, deny], decision: 'ExplicitDeny', decidedBy: ['Deny'] },
    { name: 'deny before allow', statements: [deny, allow], decision: 'ExplicitDeny', decidedBy: ['Deny'] },
    { name: 'a deny for another action', statements: [allow, unrelatedDeny], decision: 'Allow', decidedBy: ['Allow'] },
    { name: 'only a deny for another action', statements: [unrelatedDeny], decision: 'ImplicitDeny', decidedBy: [] },
  ])('$name → $decision', ({ statements, decision, decidedBy }) => {
    const result = evaluatePolicy(policyOf(...(statements as PolicyStatement[])), requestOf());
    expect(result).toEqual({ decision, statements: decidedBy, unknownOperators: [] });
  });

  it('labels statements without a Sid by their position', () => {
    const { Sid: _ignored, ...anonymous } = deny;
    const result = evaluatePolicy(policyOf(allow, anonymous as PolicyStatement), requestOf());
    expect(result.statements).toEqual(['Statement[1]']);
  });

  it('accepts a single Statement object, and JSON text', () => {
    const text = JSON.stringify({ Version: '2008-10-17', Statement: allow });
    expect(evaluatePolicy(text, requestOf()).decision).toBe('Allow');
  });

  it.each([
    { name: 'lower-case effect', statement: { ...allow, Effect: 'allow' } },
    { name: 'missing effect', statement: { ...allow, Effect: undefined } },
    { name: 'no Action', statement: { ...allow, Action: undefined } },
    { name: 'Action of an odd shape', statement: { ...allow, Action: { s3: 'PutObject' } } },
    { name: 'Resource of an odd shape', statement: { ...allow, Resource: 42 } },
    { name: 'Principal of an odd shape', statement: { ...allow, Principal: ['*'] } },
    { name: 'a statement that is not an object', statement: 'Allow everything' },
  ])('ignores a statement IAM would refuse: $name', ({ statement }) => {
    const document = { Statement: [statement] } as unknown as Parameters<typeof evaluatePolicy>[0];
    expect(evaluatePolicy(document, requestOf()).decision).toBe('ImplicitDeny');
  });
});

describe('compilePolicy', () => {
  it('reads the document once and answers each request as evaluatePolicy does', () => {
    const document = policyOf(allow, unrelatedDeny);
    const compiled = compilePolicy(JSON.stringify(document));
    for (const action of ['s3:PutObject', 's3:DeleteObject', 'sns:Publish']) {
      expect(compiled.evaluate(requestOf({ action }))).toEqual(evaluatePolicy(document, requestOf({ action })));
    }
    expect(compiled.evaluate(requestOf()).decision).toBe('Allow');
  });

  it('throws PolicyParseError up front for a document it cannot read', () => {
    expect(() => compilePolicy('{')).toThrow(PolicyParseError);
  });
});
