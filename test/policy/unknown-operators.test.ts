import { evaluatePolicy, type ConditionElement, type PolicyStatement } from '../../lambda/policy/evaluate-policy';
import { allowStatement, policyOf, requestOf } from './policy-builders';

const deny = (Condition: ConditionElement): PolicyStatement => ({ ...allowStatement({ Sid: 'Deny', Condition }), Effect: 'Deny' });
const allow = (Condition: ConditionElement): PolicyStatement => allowStatement({ Sid: 'Allow', Condition });
const plainAllow = allowStatement({ Sid: 'PlainAllow' });
const context = { 'aws:SourceAccount': '111111111111' };

describe('condition operators the evaluator does not know', () => {
  it.each([
    {
      name: 'an Allow with an unknown operator does not count',
      statements: [allow({ StringMatchesRegex: { 'aws:SourceAccount': '^1+$' } })],
      decision: 'ImplicitDeny',
      statements_: [],
      unknown: ['StringMatchesRegex'],
    },
    {
      name: 'other Allows still count',
      statements: [allow({ StringMatchesRegex: { 'aws:SourceAccount': '^1+$' } }), plainAllow],
      decision: 'Allow',
      statements_: ['PlainAllow'],
      unknown: ['StringMatchesRegex'],
    },
    {
      name: 'a Deny with an unknown operator counts',
      statements: [plainAllow, deny({ StringMatchesRegex: { 'aws:SourceAccount': '^2+$' } })],
      decision: 'ExplicitDeny',
      statements_: ['Deny'],
      unknown: ['StringMatchesRegex'],
    },
    {
      name: 'a known condition that fails settles the statement, unknown or not',
      statements: [plainAllow, deny({ StringEquals: { 'aws:SourceAccount': '999999999999' }, StringMatchesRegex: { k: 'v' } })],
      decision: 'Allow',
      statements_: ['PlainAllow'],
      unknown: [],
    },
    {
      name: 'a Deny whose action does not match is not consulted',
      statements: [plainAllow, { ...deny({ StringMatchesRegex: { k: 'v' } }), Action: 'sns:Publish' }],
      decision: 'Allow',
      statements_: ['PlainAllow'],
      unknown: [],
    },
    {
      name: 'Null cannot take IfExists or a set qualifier',
      statements: [allow({ NullIfExists: { k: 'true' }, 'ForAnyValue:Null': { k: 'true' } })],
      decision: 'ImplicitDeny',
      statements_: [],
      unknown: ['NullIfExists', 'ForAnyValue:Null'],
    },
    {
      name: 'Null with a value that is neither true nor false',
      statements: [allow({ Null: { k: 'maybe' } })],
      decision: 'ImplicitDeny',
      statements_: [],
      unknown: ['Null'],
    },
    {
      name: 'a condition value that cannot be read',
      statements: [allow({ StringEquals: { 'aws:SourceAccount': { nested: 'x' } } } as unknown as ConditionElement)],
      decision: 'ImplicitDeny',
      statements_: [],
      unknown: ['StringEquals (unreadable values)'],
    },
    {
      name: 'an operator block that is not an object, in a Deny',
      statements: [plainAllow, deny({ StringEquals: 'x' } as unknown as ConditionElement)],
      decision: 'ExplicitDeny',
      statements_: ['Deny'],
      unknown: ['StringEquals (unreadable values)'],
    },
    {
      name: 'each unknown operator is reported once',
      statements: [allow({ Foo: { a: '1', b: '2' } }), deny({ Foo: { c: '3' } })],
      decision: 'ExplicitDeny',
      statements_: ['Deny'],
      unknown: ['Foo'],
    },
  ])('$name', ({ statements, decision, statements_, unknown }) => {
    const result = evaluatePolicy(policyOf(...statements), requestOf({ context }));
    expect(result).toEqual({ decision, statements: statements_, unknownOperators: unknown });
  });
});
