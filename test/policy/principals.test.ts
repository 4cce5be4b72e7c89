import { evaluatePolicy, type PolicyStatement, type PrincipalElement } from '../../lambda/policy/evaluate-policy';
import type { RequestPrincipal } from '../../lambda/policy/types';
import { allowStatement, CLOUDTRAIL, policyOf, requestOf } from './policy-builders';

const SLR = 'arn:aws:iam::111111111111:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail';
const ROLE: RequestPrincipal = { arn: SLR, accountId: '111111111111' };
const USER: RequestPrincipal = { arn: 'arn:aws:iam::111111111111:user/alice', accountId: '111111111111' };
const STRANGER: RequestPrincipal = { arn: 'arn:aws:iam::999999999999:role/x', accountId: '999999999999' };
const CONFIG: RequestPrincipal = { service: 'config.amazonaws.com' };

function decide(statement: PolicyStatement, principal: RequestPrincipal | undefined): string {
  return evaluatePolicy(policyOf(statement), requestOf({ principal })).decision;
}

describe('evaluatePolicy: Principal', () => {
  it.each<{ principal: PrincipalElement; requester: RequestPrincipal | undefined; expected: string }>([
    { principal: '*', requester: CLOUDTRAIL, expected: 'Allow' },
    { principal: '*', requester: ROLE, expected: 'Allow' },
    { principal: '*', requester: undefined, expected: 'Allow' },
    { principal: { AWS: '*' }, requester: CLOUDTRAIL, expected: 'Allow' },
    { principal: { AWS: '*' }, requester: STRANGER, expected: 'Allow' },
    { principal: { AWS: ['arn:aws:iam::111111111111:root', '*'] }, requester: STRANGER, expected: 'Allow' },
    { principal: { Service: 'cloudtrail.amazonaws.com' }, requester: CLOUDTRAIL, expected: 'Allow' },
    { principal: { Service: 'CloudTrail.amazonaws.com' }, requester: CLOUDTRAIL, expected: 'Allow' },
    { principal: { Service: ['config.amazonaws.com', 'cloudtrail.amazonaws.com'] }, requester: CLOUDTRAIL, expected: 'Allow' },
    { principal: { Service: 'config.amazonaws.com' }, requester: CLOUDTRAIL, expected: 'ImplicitDeny' },
    { principal: { Service: 'cloudtrail.amazonaws.com' }, requester: ROLE, expected: 'ImplicitDeny' },
    { principal: { Service: 'cloudtrail.amazonaws.com' }, requester: undefined, expected: 'ImplicitDeny' },
    { principal: { AWS: '111111111111' }, requester: ROLE, expected: 'Allow' },
    { principal: { AWS: '111111111111' }, requester: USER, expected: 'Allow' },
    { principal: { AWS: '111111111111' }, requester: STRANGER, expected: 'ImplicitDeny' },
    { principal: { AWS: 'arn:aws:iam::111111111111:root' }, requester: ROLE, expected: 'Allow' },
    { principal: { AWS: 'arn:aws-us-gov:iam::111111111111:root' }, requester: ROLE, expected: 'Allow' },
    { principal: { AWS: 'arn:aws:iam::111111111111:root' }, requester: CLOUDTRAIL, expected: 'ImplicitDeny' },
    { principal: { AWS: 'arn:aws:iam::111111111111:root' }, requester: undefined, expected: 'ImplicitDeny' },
    { principal: { AWS: SLR }, requester: ROLE, expected: 'Allow' },
    { principal: { AWS: SLR }, requester: USER, expected: 'ImplicitDeny' },
    { principal: { AWS: 'arn:aws:iam::111111111111:role/AWSServiceRoleForCloudTrail' }, requester: ROLE, expected: 'ImplicitDeny' },
    { principal: { AWS: ['arn:aws:iam::999999999999:root', SLR] }, requester: ROLE, expected: 'Allow' },
    { principal: { Federated: 'cognito-identity.amazonaws.com' }, requester: CLOUDTRAIL, expected: 'ImplicitDeny' },
    { principal: { AWS: '111111111111', Service: 'cloudtrail.amazonaws.com' }, requester: CLOUDTRAIL, expected: 'Allow' },
    { principal: { AWS: '111111111111', Service: 'cloudtrail.amazonaws.com' }, requester: USER, expected: 'Allow' },
    { principal: { AWS: '111111111111', Service: 'cloudtrail.amazonaws.com' }, requester: CONFIG, expected: 'ImplicitDeny' },
  ])('Principal $principal, requester $requester → $expected', ({ principal, requester, expected }) => {
    expect(decide(allowStatement({ Principal: principal }), requester)).toBe(expected);
  });

  it.each<{ notPrincipal: PrincipalElement; requester: RequestPrincipal | undefined; expected: string }>([
    { notPrincipal: { Service: 'cloudtrail.amazonaws.com' }, requester: CLOUDTRAIL, expected: 'ImplicitDeny' },
    { notPrincipal: { Service: 'cloudtrail.amazonaws.com' }, requester: CONFIG, expected: 'Allow' },
    { notPrincipal: { AWS: '111111111111' }, requester: ROLE, expected: 'ImplicitDeny' },
    { notPrincipal: { AWS: '111111111111' }, requester: STRANGER, expected: 'Allow' },
    { notPrincipal: '*', requester: CLOUDTRAIL, expected: 'ImplicitDeny' },
    { notPrincipal: { AWS: '111111111111' }, requester: undefined, expected: 'ImplicitDeny' },
  ])('NotPrincipal $notPrincipal, requester $requester → $expected', ({ notPrincipal, requester, expected }) => {
    const { Principal: _ignored, ...rest } = allowStatement();
    expect(decide({ ...rest, NotPrincipal: notPrincipal }, requester)).toBe(expected);
  });

  it.each<{ requester: RequestPrincipal | undefined }>([{ requester: undefined }, { requester: CLOUDTRAIL }, { requester: STRANGER }])(
    'a statement without Principal (identity policy) applies to requester $requester',
    ({ requester }) => {
      const { Principal: _ignored, ...identityStatement } = allowStatement();
      expect(decide(identityStatement, requester)).toBe('Allow');
    },
  );

  it('a NotPrincipal deny spares only the listed principal', () => {
    const document = policyOf(allowStatement(), {
      Effect: 'Deny',
      NotPrincipal: { AWS: SLR },
      Action: 's3:*',
      Resource: '*',
    });
    expect(evaluatePolicy(document, requestOf({ principal: ROLE })).decision).toBe('Allow');
    expect(evaluatePolicy(document, requestOf({ principal: USER })).decision).toBe('ExplicitDeny');
  });
});
