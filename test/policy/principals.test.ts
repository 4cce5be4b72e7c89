import { evaluatePolicy, type PolicyStatement, type PrincipalElement } from '../../lambda/policy/evaluate-policy';
import type { RequestPrincipal } from '../../lambda/policy/types';
import { allowStatement, CLOUDTRAIL, policyOf, requestOf } from './policy-builders';

const SLR = 'arn:aws:iam::111111111111:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail';
const ROLE: RequestPrincipal = { arn: SLR, accountId: '111111111111' };
const USER_ARN = 'arn:aws:iam::111111111111:user/alice';
const USER: RequestPrincipal = { arn: USER_ARN, accountId: '111111111111' };
const STRANGER: RequestPrincipal = { arn: 'arn:aws:iam::999999999999:role/x', accountId: '999999999999' };
const CONFIG: RequestPrincipal = { service: 'config.amazonaws.com' };
const GOV_USER: RequestPrincipal = { arn: 'arn:aws-us-gov:iam::111111111111:user/alice', accountId: '111111111111' };
const PROBE_ROLE = 'arn:aws:iam::111111111111:role/pipeline';
const PROBE_SESSION_ARN = 'arn:aws:sts::111111111111:assumed-role/pipeline/deploy';
const PROBE_SESSION: RequestPrincipal = { arn: PROBE_ROLE, accountId: '111111111111', sessionArn: PROBE_SESSION_ARN };

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
    // An account principal matches only in its own partition.
    { principal: { AWS: 'arn:aws-us-gov:iam::111111111111:root' }, requester: ROLE, expected: 'ImplicitDeny' },
    { principal: { AWS: 'arn:aws-us-gov:iam::111111111111:root' }, requester: GOV_USER, expected: 'Allow' },
    { principal: { AWS: 'arn:aws:iam::111111111111:root' }, requester: GOV_USER, expected: 'ImplicitDeny' },
    // A role ARN covers the role's sessions; the session ARN names that session only.
    { principal: { AWS: PROBE_ROLE }, requester: PROBE_SESSION, expected: 'Allow' },
    { principal: { AWS: PROBE_SESSION_ARN }, requester: PROBE_SESSION, expected: 'Allow' },
    { principal: { AWS: PROBE_SESSION_ARN }, requester: ROLE, expected: 'ImplicitDeny' },
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
    // AWS's NotPrincipal rules: exempt only when every identity the requester acts as is named.
    { notPrincipal: { AWS: '111111111111' }, requester: ROLE, expected: 'Allow' },
    { notPrincipal: { AWS: '111111111111' }, requester: USER, expected: 'Allow' },
    { notPrincipal: { AWS: ['111111111111', USER_ARN] }, requester: USER, expected: 'ImplicitDeny' },
    { notPrincipal: { AWS: USER_ARN }, requester: USER, expected: 'Allow' },
    { notPrincipal: { AWS: ['arn:aws:iam::111111111111:root', PROBE_SESSION_ARN] }, requester: PROBE_SESSION, expected: 'ImplicitDeny' },
    { notPrincipal: { AWS: ['arn:aws:iam::111111111111:root', PROBE_ROLE] }, requester: PROBE_SESSION, expected: 'Allow' },
    { notPrincipal: { AWS: ['arn:aws:iam::111111111111:root', SLR] }, requester: ROLE, expected: 'Allow' },
    { notPrincipal: { AWS: ['arn:aws-us-gov:iam::111111111111:root', PROBE_SESSION_ARN] }, requester: PROBE_SESSION, expected: 'Allow' },
    { notPrincipal: { AWS: SLR }, requester: CLOUDTRAIL, expected: 'Allow' },
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

  it('a NotPrincipal deny spares a session named exactly with its account, and nobody else', () => {
    const document = policyOf(allowStatement(), {
      Effect: 'Deny',
      NotPrincipal: { AWS: [PROBE_SESSION_ARN, '111111111111'] },
      Action: 's3:*',
      Resource: '*',
    });
    expect(evaluatePolicy(document, requestOf({ principal: PROBE_SESSION })).decision).toBe('Allow');
    expect(evaluatePolicy(document, requestOf({ principal: USER })).decision).toBe('ExplicitDeny');
  });

  it("a Deny whose NotPrincipal names only CloudTrail's service-linked role still applies to that role and to CloudTrail", () => {
    const document = policyOf(allowStatement(), { Effect: 'Deny', NotPrincipal: { AWS: SLR }, Action: 's3:*', Resource: '*' });
    expect(evaluatePolicy(document, requestOf({ principal: ROLE })).decision).toBe('ExplicitDeny');
    expect(evaluatePolicy(document, requestOf({ principal: CLOUDTRAIL })).decision).toBe('ExplicitDeny');
  });
});
