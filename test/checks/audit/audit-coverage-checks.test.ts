import { evaluate, type EvaluationResult } from '../../../lambda/checks/evaluate';
import type { Finding } from '../../../lambda/findings/finding';
import type { KmsKeyData, RoleData, ListedSnapshot } from '../../../lambda/snapshot/types';
import { BUCKET, HOME, KEY, LOG_GROUP, MANAGEMENT, ROLE, TOPIC, TRAIL, familyFindings, key, keysOf } from '../../support/healthy-org-names';
import { healthyOrg } from '../../support/snapshots';

const DENIED = { code: 'AccessDenied', message: 'not authorized' };

const audFindings = (result: EvaluationResult): Finding[] => familyFindings(result, 'AUD');

describe('AUD checks on the healthy organization', () => {
  it('raise nothing and cover every account, region and named resource', () => {
    const result = evaluate(healthyOrg());
    expect(audFindings(result)).toEqual([]);
    for (const account of [MANAGEMENT, '222222222222', '333333333333', '444444444444']) {
      expect(result.coverage).toContain(key('AUD-001', account, null, account));
      expect(result.coverage).toContain(key('AUD-002', account, HOME, account));
      expect(result.coverage).toContain(key('AUD-002', account, HOME, TRAIL));
    }
    expect(result.coverage).toContain(key('AUD-002', MANAGEMENT, null, 'organizations:DescribeOrganization'));
    expect(result.coverage).toContain(key('AUD-003', '222222222222', null, BUCKET));
    expect(result.coverage).toContain(key('AUD-003', MANAGEMENT, HOME, KEY));
    expect(result.coverage).toContain(key('AUD-003', MANAGEMENT, HOME, TOPIC));
    expect(result.coverage).toContain(key('AUD-003', MANAGEMENT, HOME, LOG_GROUP));
    expect(result.coverage).toContain(key('AUD-003', MANAGEMENT, null, ROLE));
  });
});

describe('AUD-001 account could not be entered', () => {
  it('fires for a member whose role could not be assumed, with the error code', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['333333333333'] = { error: { code: 'AccessDenied', message: 'is not authorized to perform: sts:AssumeRole' } };
    const result = evaluate(snapshot);
    const findings = audFindings(result);
    expect(keysOf(findings)).toEqual([key('AUD-001', '333333333333', null, '333333333333')]);
    expect(findings[0].detail).toContain('AccessDenied: is not authorized to perform: sts:AssumeRole');
    expect(findings[0].remediation).toContain('333333333333');
    // nothing read inside the account is evaluated, so nothing of it can be resolved
    expect([...result.coverage].filter((k) => k.includes('#333333333333#') && !k.startsWith('AUD-001') && !k.startsWith('DLV-008'))).toEqual([]);
  });

  it('stays quiet for a SUSPENDED account and for an account the snapshot holds nothing for', () => {
    const snapshot = healthyOrg();
    const suspended = snapshot.accounts.find((a) => a.Id === '333333333333')!;
    suspended.Status = 'SUSPENDED';
    suspended.State = 'SUSPENDED';
    snapshot.accountData['333333333333'] = { error: { code: 'AccessDenied' } };
    delete snapshot.accountData['444444444444'];
    const result = evaluate(snapshot);
    expect(audFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(key('AUD-001', '333333333333', null, '333333333333'));
    expect(result.coverage).not.toContain(key('AUD-001', '444444444444', null, '444444444444'));
  });
});

describe('AUD-002 part of an account could not be read', () => {
  it('fires for a region that failed, against that account and region', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['222222222222'].regionData![HOME] = { error: { code: 'ThrottlingException', message: 'Rate exceeded' } };
    const findings = audFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('AUD-002', '222222222222', HOME, '222222222222')]);
    expect(findings[0].detail).toContain('ThrottlingException: Rate exceeded');
  });

  it('stays quiet for a region the account has not enabled', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['222222222222'].regionData!['eu-south-2'] = { error: { code: 'UnrecognizedClientException' } };
    const result = evaluate(snapshot);
    expect(audFindings(result)).toEqual([]);
    expect(result.coverage).toContain(key('AUD-002', '222222222222', 'eu-south-2', '222222222222'));
  });

  it('fires when the region list failed and no other source answered it, not when one did', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['222222222222'].regions = { error: { code: 'AccessDeniedException' } };
    snapshot.accountData['444444444444'].regions = { error: { code: 'AccessDeniedException' } };
    snapshot.accountData['444444444444'].ec2Regions = [{ RegionName: HOME, OptInStatus: 'opt-in-not-required' }];
    const result = evaluate(snapshot);
    expect(keysOf(audFindings(result))).toEqual([key('AUD-002', '222222222222', null, 'account:ListRegions')]);
    expect(result.coverage).toContain(key('AUD-002', '444444444444', null, 'account:ListRegions'));
  });

  it("fires for the owner's unreadable trail status, which leaves the delivery checks unevaluated", () => {
    const snapshot = healthyOrg();
    snapshot.accountData[MANAGEMENT].regionData![HOME].trailStatus![TRAIL] = { error: { code: 'AccessDeniedException' } };
    snapshot.accountData[MANAGEMENT].regionData![HOME].eventSelectors![TRAIL] = { error: { code: 'ThrottlingException' } };
    const findings = audFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('AUD-002', MANAGEMENT, HOME, TRAIL)]);
    expect(findings[0].detail).toContain('cloudtrail:GetTrailStatus: AccessDeniedException');
    expect(findings[0].detail).toContain('cloudtrail:GetEventSelectors: ThrottlingException');
  });

  it('fires for organization-level reads that failed, against the management account', () => {
    const snapshot = healthyOrg();
    snapshot.organization = { error: { code: 'AWSOrganizationsNotInUseException' } };
    snapshot.resourcePolicy = { error: { code: 'AccessDeniedException' } };
    snapshot.accountData[MANAGEMENT].cloudTrailServiceLinkedRole = { error: { code: 'AccessDenied' } };
    expect(keysOf(audFindings(evaluate(snapshot)))).toEqual([
      key('AUD-002', MANAGEMENT, null, 'iam:GetRole'),
      key('AUD-002', MANAGEMENT, null, 'organizations:DescribeOrganization'),
      key('AUD-002', MANAGEMENT, null, 'organizations:DescribeResourcePolicy'),
    ]);
  });

  it('is not evaluated inside an account that could not be entered', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['222222222222'] = { error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(audFindings(result).map((f) => f.checkId)).toEqual(['AUD-001']);
    expect(result.coverage).not.toContain(key('AUD-002', '222222222222', HOME, '222222222222'));
  });
});

describe('AUD-003 named resource could not be read', () => {
  it('fires for an unreadable KMS key, against the account and region in its ARN', () => {
    const snapshot = healthyOrg();
    snapshot.kmsKeys![KEY] = { error: DENIED };
    const findings = audFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('AUD-003', MANAGEMENT, HOME, KEY)]);
    expect(findings[0].severity).toBe('LOW');
    expect(findings[0].remediation).toContain(`aws kms get-key-policy --key-id ${KEY} --policy-name default`);
  });

  it('fires for an unreadable part of a resource: the key policy, the role policies', () => {
    const snapshot = healthyOrg();
    (snapshot.kmsKeys![KEY] as KmsKeyData).policy = { error: DENIED };
    (snapshot.roles![ROLE] as RoleData).policies = { error: DENIED };
    const findings = audFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('AUD-003', MANAGEMENT, null, ROLE), key('AUD-003', MANAGEMENT, HOME, KEY)]);
    expect(findings[0].detail).toContain('role policies: AccessDenied');
    expect(findings[1].detail).toContain('kms:GetKeyPolicy: AccessDenied');
  });

  it('fires for an unreadable bucket against the account it was read from, and for the topic and log group', () => {
    const snapshot = healthyOrg();
    snapshot.buckets![BUCKET] = { error: DENIED, ownerAccountId: '222222222222' };
    snapshot.snsTopics![TOPIC] = { error: { code: 'AuthorizationError' } };
    snapshot.logGroups![LOG_GROUP] = { error: { code: 'AccessDeniedException' } };
    expect(keysOf(audFindings(evaluate(snapshot)))).toEqual([
      key('AUD-003', MANAGEMENT, HOME, LOG_GROUP),
      key('AUD-003', MANAGEMENT, HOME, TOPIC),
      key('AUD-003', '222222222222', null, BUCKET),
    ]);
  });

  it("fires for a bucket whose policy or delivery-evidence listing could not be read", () => {
    const snapshot = healthyOrg();
    const bucket = snapshot.buckets![BUCKET];
    bucket.policy = { error: DENIED };
    bucket.deliveryEvidence!['333333333333'][HOME] = { error: DENIED };
    const findings = audFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('AUD-003', '222222222222', null, BUCKET)]);
    expect(findings[0].detail).toContain('s3:GetBucketPolicy: AccessDenied');
    expect(findings[0].detail).toContain('delivery evidence of 333333333333 in us-east-1');
  });

  it('leaves a bucket that does not exist to S3-001 and a missing topic to its own check', () => {
    const snapshot = healthyOrg();
    snapshot.buckets![BUCKET] = { error: { code: 'NoSuchBucket' }, ownerAccountId: '222222222222' };
    snapshot.snsTopics![TOPIC] = null;
    const result = evaluate(snapshot);
    expect(audFindings(result)).toEqual([]);
    expect(result.coverage).toContain(key('AUD-003', '222222222222', null, BUCKET));
    expect(result.coverage).toContain(key('AUD-003', MANAGEMENT, HOME, TOPIC));
  });

  it('is not evaluated for a resource that was not collected', () => {
    const snapshot: ListedSnapshot = healthyOrg();
    delete snapshot.kmsKeys;
    const result = evaluate(snapshot);
    expect(audFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(key('AUD-003', MANAGEMENT, HOME, KEY));
  });
});
