import { evaluate, type EvaluationResult } from '../../../lambda/checks/evaluate';
import { findingKey, type Finding } from '../../../lambda/findings/finding';
import type { ListedSnapshot, SnapshotTargetPolicy } from '../../../lambda/snapshot/types';
import { healthyOrg } from '../../support/snapshots';

const M = '111111111111';
const LOG_ARCHIVE = '222222222222';
const ADMIN = '333333333333';
const ORG = 'o-a1b2c3d4e5';
const ROOT = 'r-ab12';
const SECURITY_OU = 'ou-ab12-security';
const TRAIL = `arn:aws:cloudtrail:us-east-1:${M}:trail/org-trail`;
const BUCKET = 'org-trail-logs-222222222222';
const KEY = `arn:aws:kms:us-east-1:${M}:key/6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f`;
const BUCKET_SUBJECT = { accountId: LOG_ARCHIVE, region: null, resource: BUCKET };
const ADMIN_SUBJECT = { accountId: ADMIN, region: null, resource: TRAIL };

const FULL_ACCESS: SnapshotTargetPolicy = {
  Id: 'p-FullAWSAccess',
  Name: 'FullAWSAccess',
  Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
};
const RCP_FULL_ACCESS: SnapshotTargetPolicy = {
  Id: 'p-RCPFullAWSAccess',
  Name: 'RCPFullAWSAccess',
  Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
};

function policy(name: string, statements: object[]): SnapshotTargetPolicy {
  return { Id: `p-${name}`, Name: name, Content: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
}

/** Denies `actions` on everything, except for the named break-glass role. */
function protect(name: string, actions: string[]): SnapshotTargetPolicy {
  return policy(name, [
    {
      Sid: 'Protect',
      Effect: 'Deny',
      Action: actions,
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } },
    },
  ]);
}

const TRAIL_ACTIONS = ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:PutInsightSelectors'];
const BUCKET_ACTIONS = ['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutLifecycleConfiguration'];

/** The healthy organization with SCPs and RCPs enabled, the admin and log archive under the security OU, every guardrail in place. */
function guardedOrg(): ListedSnapshot {
  const snapshot = healthyOrg();
  snapshot.delegatedAdministrators = [{ Id: ADMIN }];
  snapshot.roots = [
    {
      Id: ROOT,
      PolicyTypes: [
        { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
        { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
      ],
    },
  ];
  snapshot.accountPaths = { [M]: [ROOT], [LOG_ARCHIVE]: [SECURITY_OU, ROOT], [ADMIN]: [SECURITY_OU, ROOT] };
  snapshot.targetPolicies = {
    [ROOT]: { SERVICE_CONTROL_POLICY: [FULL_ACCESS], RESOURCE_CONTROL_POLICY: [RCP_FULL_ACCESS] },
    [SECURITY_OU]: { SERVICE_CONTROL_POLICY: [protect('ProtectAuditLog', [...TRAIL_ACTIONS, ...BUCKET_ACTIONS])], RESOURCE_CONTROL_POLICY: [] },
    [LOG_ARCHIVE]: { SERVICE_CONTROL_POLICY: [], RESOURCE_CONTROL_POLICY: [] },
    [ADMIN]: { SERVICE_CONTROL_POLICY: [], RESOURCE_CONTROL_POLICY: [] },
  };
  return snapshot;
}

function grd(result: EvaluationResult, checkId: string): Finding[] {
  return result.findings.filter((finding) => finding.checkId === checkId);
}

function covered(result: EvaluationResult, checkId: string, subject: { accountId: string; region: string | null; resource: string }): boolean {
  return result.coverage.has(findingKey({ checkId, ...subject }));
}

describe('GRD checks need the organization policies', () => {
  it('skips GRD-001…GRD-003 (and covers nothing) when the snapshot holds no roots', () => {
    const result = evaluate(healthyOrg());
    expect(result.findings.filter((finding) => finding.checkId.startsWith('GRD-00') && finding.checkId !== 'GRD-004')).toEqual([]);
    expect([...result.coverage].some((key) => /^GRD-00[123]/.test(key))).toBe(false);
  });
});

describe('GRD-001 delegated administrator × org trail', () => {
  it('stays quiet when an SCP on the OU denies every action, even one that exempts a break-glass role', () => {
    const result = evaluate(guardedOrg());
    expect(grd(result, 'GRD-001')).toEqual([]);
    expect(covered(result, 'GRD-001', ADMIN_SUBJECT)).toBe(true);
  });

  it('fires naming the unprotected actions when the SCP leaves some out', () => {
    const snapshot = guardedOrg();
    snapshot.targetPolicies![SECURITY_OU] = { SERVICE_CONTROL_POLICY: [protect('Partial', ['cloudtrail:StopLogging', ...BUCKET_ACTIONS])], RESOURCE_CONTROL_POLICY: [] };
    const [finding] = grd(evaluate(snapshot), 'GRD-001');
    expect(finding).toMatchObject({ ...ADMIN_SUBJECT, severity: 'MEDIUM' });
    expect(finding.detail).toContain('cloudtrail:DeleteTrail, cloudtrail:UpdateTrail, cloudtrail:PutEventSelectors, cloudtrail:PutInsightSelectors');
    expect(finding.detail).not.toContain('StopLogging,');
    expect(finding.remediation).toContain(`aws organizations attach-policy --policy-id POLICY_ID --target-id ${ADMIN}`);
  });

  it('fires when a Deny exempts every role (it names the probe too): it does not surely apply', () => {
    const snapshot = guardedOrg();
    const loose = policy('Loose', [{ Effect: 'Deny', Action: TRAIL_ACTIONS, Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } }]);
    snapshot.targetPolicies![SECURITY_OU] = { SERVICE_CONTROL_POLICY: [loose], RESOURCE_CONTROL_POLICY: [] };
    expect(grd(evaluate(snapshot), 'GRD-001')).toHaveLength(1);
  });

  it('does not count a Deny with an unknown operator as protection, and says so', () => {
    const snapshot = guardedOrg();
    const odd = policy('Odd', [{ Effect: 'Deny', Action: TRAIL_ACTIONS, Resource: '*', Condition: { StringFuzzy: { 'aws:PrincipalTag/team': 'x' } } }]);
    snapshot.targetPolicies![SECURITY_OU] = { SERVICE_CONTROL_POLICY: [odd, protect('Buckets', BUCKET_ACTIONS)], RESOURCE_CONTROL_POLICY: [] };
    const [finding] = grd(evaluate(snapshot), 'GRD-001');
    expect(finding.detail).toContain('Odd (on ou-ab12-security)');
  });

  it('fires, saying so, when SERVICE_CONTROL_POLICY is not ENABLED on the root (PENDING_ENABLE is not)', () => {
    const snapshot = guardedOrg();
    snapshot.roots = [{ Id: ROOT, PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'PENDING_ENABLE' }] }];
    const [finding] = grd(evaluate(snapshot), 'GRD-001');
    expect(finding.detail).toContain('service control policies are not enabled');
  });
});

describe('GRD-002 the bucket and key owners', () => {
  it('stays quiet for a log archive account protected by its OU; fires for the key the management account owns', () => {
    const result = evaluate(guardedOrg());
    expect(covered(result, 'GRD-002', BUCKET_SUBJECT)).toBe(true);
    const findings = grd(result, 'GRD-002');
    expect(findings.map((finding) => finding.resource)).toEqual([KEY]);
    expect(findings[0]).toMatchObject({ accountId: M, region: 'us-east-1' });
    expect(findings[0].detail).toContain('service control policies never bind');
    expect(findings[0].remediation).toContain('move the log bucket and key to a dedicated log archive account');
  });

  it('fires for the bucket owner when no SCP denies re-policying the bucket', () => {
    const snapshot = guardedOrg();
    snapshot.targetPolicies![SECURITY_OU] = { SERVICE_CONTROL_POLICY: [protect('TrailOnly', TRAIL_ACTIONS)], RESOURCE_CONTROL_POLICY: [] };
    const finding = grd(evaluate(snapshot), 'GRD-002').find((f) => f.resource === BUCKET);
    expect(finding).toMatchObject(BUCKET_SUBJECT);
    expect(finding?.detail).toContain('s3:DeleteBucket, s3:PutBucketPolicy, s3:DeleteBucketPolicy, s3:PutLifecycleConfiguration');
  });

  it('counts an SCP attached to the account itself or to the root', () => {
    const snapshot = guardedOrg();
    snapshot.targetPolicies![SECURITY_OU] = { SERVICE_CONTROL_POLICY: [], RESOURCE_CONTROL_POLICY: [] };
    snapshot.targetPolicies![LOG_ARCHIVE] = { SERVICE_CONTROL_POLICY: [protect('OnAccount', BUCKET_ACTIONS)], RESOURCE_CONTROL_POLICY: [] };
    snapshot.targetPolicies![ROOT] = { SERVICE_CONTROL_POLICY: [FULL_ACCESS, protect('OnRoot', TRAIL_ACTIONS)], RESOURCE_CONTROL_POLICY: [RCP_FULL_ACCESS] };
    const result = evaluate(snapshot);
    expect(grd(result, 'GRD-002').map((f) => f.resource)).toEqual([KEY]);
    expect(grd(result, 'GRD-001')).toEqual([]);
  });
});

describe('GRD-003 an RCP blocks delivery', () => {
  const rcpDenyOutsideOrg = (orgId: string) =>
    policy('DataPerimeter', [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*'],
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': orgId }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
      },
    ]);
  const rcpDenyAllServices = policy('NoServices', [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceOrgID': 'o-zzzzzzzzzz' } } }]);

  it('stays quiet for a data-perimeter RCP that lets AWS services through', () => {
    const snapshot = guardedOrg();
    snapshot.targetPolicies![SECURITY_OU] = { ...snapshot.targetPolicies![SECURITY_OU], RESOURCE_CONTROL_POLICY: [rcpDenyOutsideOrg(ORG)] };
    const result = evaluate(snapshot);
    expect(grd(result, 'GRD-003')).toEqual([]);
    expect(covered(result, 'GRD-003', BUCKET_SUBJECT)).toBe(true);
  });

  it("fires CRITICAL when an RCP on the bucket owner's path denies CloudTrail's write", () => {
    const snapshot = guardedOrg();
    snapshot.targetPolicies![SECURITY_OU] = { ...snapshot.targetPolicies![SECURITY_OU], RESOURCE_CONTROL_POLICY: [rcpDenyAllServices] };
    const [finding] = grd(evaluate(snapshot), 'GRD-003');
    expect(finding).toMatchObject({ ...BUCKET_SUBJECT, severity: 'CRITICAL' });
    expect(finding.detail).toContain('NoServices (on ou-ab12-security)');
  });

  it('is not evaluated when RCPs are not enabled on the root', () => {
    const snapshot = guardedOrg();
    snapshot.roots = [{ Id: ROOT, PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }];
    snapshot.targetPolicies![SECURITY_OU] = { ...snapshot.targetPolicies![SECURITY_OU], RESOURCE_CONTROL_POLICY: [rcpDenyAllServices] };
    const result = evaluate(snapshot);
    expect(grd(result, 'GRD-003')).toEqual([]);
    expect(covered(result, 'GRD-003', BUCKET_SUBJECT)).toBe(false);
  });
});

describe('GRD-004 destinations outside the organization', () => {
  it('fires for a log bucket owned by an account the organization does not hold, and GRD-002/003 stay out of it', () => {
    const snapshot = guardedOrg();
    snapshot.buckets![BUCKET].ownerAccountId = '999999999999';
    const result = evaluate(snapshot);
    const [finding] = grd(result, 'GRD-004');
    expect(finding).toMatchObject({ accountId: '999999999999', region: null, resource: BUCKET, severity: 'MEDIUM' });
    expect(finding.remediation).toContain(`aws cloudtrail update-trail --name ${TRAIL} --s3-bucket-name BUCKET`);
    expect(grd(result, 'GRD-002').map((f) => f.resource)).toEqual([KEY]);
    expect(grd(result, 'GRD-003')).toEqual([]);
  });

  it('stays quiet, having looked, for destinations inside the organization; not judged on an incomplete list', () => {
    const result = evaluate(healthyOrg());
    expect(grd(result, 'GRD-004')).toEqual([]);
    expect(covered(result, 'GRD-004', BUCKET_SUBJECT)).toBe(true);
    const partial = healthyOrg();
    partial.buckets![BUCKET].ownerAccountId = '999999999999';
    partial.accountsIncomplete = { code: 'TooManyRequestsException' };
    expect(grd(evaluate(partial), 'GRD-004')).toEqual([]);
  });
});

describe('AUD-005 the organization policies could not be read', () => {
  it('fires for the management account when ListRoots failed, and no GRD-001…003 is evaluated', () => {
    const snapshot = guardedOrg();
    snapshot.roots = { error: { code: 'AccessDeniedException', message: 'not authorized' } };
    const result = evaluate(snapshot);
    expect(result.findings.filter((f) => f.checkId === 'AUD-005')).toMatchObject([{ accountId: M, region: null, resource: M }]);
    expect([...result.coverage].some((key) => /^GRD-00[123]/.test(key))).toBe(false);
  });

  it('fires for the account whose DescribePolicy failed, and GRD-001 is not evaluated for it', () => {
    const snapshot = guardedOrg();
    snapshot.targetPolicies![ADMIN] = { SERVICE_CONTROL_POLICY: { error: { code: 'AccessDeniedException', message: 'no organizations:DescribePolicy' } }, RESOURCE_CONTROL_POLICY: [] };
    const result = evaluate(snapshot);
    const [finding] = result.findings.filter((f) => f.checkId === 'AUD-005');
    expect(finding).toMatchObject({ accountId: ADMIN, region: null, resource: ADMIN, severity: 'MEDIUM' });
    expect(finding.detail).toContain('no organizations:DescribePolicy');
    expect(covered(result, 'GRD-001', ADMIN_SUBJECT)).toBe(false);
    expect(covered(result, 'AUD-005', { accountId: LOG_ARCHIVE, region: null, resource: LOG_ARCHIVE })).toBe(true);
  });

  it('fires for an account whose path could not be read', () => {
    const snapshot = guardedOrg();
    snapshot.accountPaths![LOG_ARCHIVE] = { error: { code: 'TooManyRequestsException' } };
    const result = evaluate(snapshot);
    expect(result.findings.filter((f) => f.checkId === 'AUD-005').map((f) => f.accountId)).toEqual([LOG_ARCHIVE]);
    expect(covered(result, 'GRD-002', BUCKET_SUBJECT)).toBe(false);
  });
});
