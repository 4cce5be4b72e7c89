import { BUCKET_CHECKS } from '../../../lambda/checks/bucket/bucket-checks';
import { evaluate, type EvaluationResult } from '../../../lambda/checks/evaluate';
import { findingKey, type Finding } from '../../../lambda/findings/finding';
import type { BucketData, ListedSnapshot, SnapshotAccount, SnapshotLifecycleRule, SnapshotTrail } from '../../../lambda/snapshot/types';
import { fixture, healthyOrg } from '../../support/snapshots';

const M = '111111111111';
const ORG = 'o-a1b2c3d4e5';
const BUCKET = 'org-trail-logs-222222222222';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${M}:trail/org-trail`;
const SUBJECT = { accountId: '222222222222', region: null, resource: BUCKET };
const S3_IDS = ['S3-001', 'S3-002', 'S3-003', 'S3-004', 'S3-005', 'S3-006', 'S3-007'];
const CLOUDTRAIL = { Service: 'cloudtrail.amazonaws.com' };

function ofCheck(result: EvaluationResult, checkId: string): Finding[] {
  return result.findings.filter((finding) => finding.checkId === checkId);
}

function s3Findings(result: EvaluationResult): Finding[] {
  return result.findings.filter((finding) => finding.checkId.startsWith('S3-'));
}

function covers(result: EvaluationResult, checkId: string): boolean {
  return result.coverage.has(findingKey({ checkId, ...SUBJECT }));
}

function bucket(snapshot: ListedSnapshot): BucketData {
  return snapshot.buckets![BUCKET];
}

function orgTrail(snapshot: ListedSnapshot): SnapshotTrail {
  return snapshot.accountData[M].regionData!['us-east-1'].trails![0];
}

function setRules(snapshot: ListedSnapshot, rules: SnapshotLifecycleRule[]): EvaluationResult {
  bucket(snapshot).lifecycleRules = rules;
  return evaluate(snapshot);
}

function bucketPolicy(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const ACL_CHECK = {
  Sid: 'AWSCloudTrailAclCheck',
  Effect: 'Allow',
  Principal: CLOUDTRAIL,
  Action: 's3:GetBucketAcl',
  Resource: `arn:aws:s3:::${BUCKET}`,
  Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
};

function writeStatement(resource: string, sid = 'AWSCloudTrailWrite'): object {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: CLOUDTRAIL,
    Action: 's3:PutObject',
    Resource: resource,
    Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
  };
}

function addMembers(snapshot: ListedSnapshot, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const account: SnapshotAccount = { Id: String(900000000000 + i), Status: 'ACTIVE', State: 'ACTIVE', JoinedTimestamp: '2024-01-01T00:00:00.000Z' };
    snapshot.accounts.push(account);
  }
}

describe('the S3 catalog', () => {
  it('registers S3-001 to S3-007 once each, with a title, a description and a remediation command', () => {
    expect(BUCKET_CHECKS.map((check) => check.id)).toEqual(S3_IDS);
    for (const check of BUCKET_CHECKS) {
      expect(check.family).toBe('S3');
      expect(check.description.length).toBeGreaterThan(30);
      expect(check.remediation).toMatch(/`aws s3api /);
    }
  });
});

describe('the fixtures', () => {
  it('raises no S3 finding on the healthy organization and covers every S3 check', () => {
    const result = evaluate(healthyOrg());
    expect(s3Findings(result)).toEqual([]);
    for (const checkId of S3_IDS) expect(covers(result, checkId)).toBe(true);
  });

  it('raises exactly S3-002 and S3-003 on the demo organization', () => {
    expect(s3Findings(evaluate(fixture('demo-org'))).map((finding) => finding.checkId)).toEqual(['S3-002', 'S3-003']);
  });
});

describe('S3-001 bucket exists', () => {
  it('fires CRITICAL on NoSuchBucket and evaluates nothing else about the bucket', () => {
    const snapshot = healthyOrg();
    snapshot.buckets![BUCKET] = { error: { code: 'NoSuchBucket', message: 'The specified bucket does not exist' } };
    const result = evaluate(snapshot);
    const [finding] = ofCheck(result, 'S3-001');
    // no ownerAccountId recorded: the trail's owner
    expect(finding).toMatchObject({ accountId: M, region: null, resource: BUCKET, severity: 'CRITICAL' });
    expect(finding.remediation).toContain(`aws s3api create-bucket --bucket ${BUCKET}`);
    expect(s3Findings(result).map((f) => f.checkId)).toEqual(['S3-001']);
  });

  it('resolves an S3-001 raised against the trail owner once the bucket exists again', () => {
    const missing = healthyOrg();
    missing.buckets![BUCKET] = { error: { code: 'NoSuchBucket' } };
    const [finding] = ofCheck(evaluate(missing), 'S3-001');
    const healthy = evaluate(healthyOrg());
    expect(ofCheck(healthy, 'S3-001')).toEqual([]);
    expect(healthy.coverage.has(findingKey(finding))).toBe(true);
    expect(covers(healthy, 'S3-001')).toBe(true);
  });

  it('leaves a bucket that could not be read to AUD-003: no finding, no coverage', () => {
    const snapshot = healthyOrg();
    snapshot.buckets![BUCKET] = { ownerAccountId: '222222222222', error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(s3Findings(result)).toEqual([]);
    for (const checkId of S3_IDS) expect(covers(result, checkId)).toBe(false);
  });

  it('evaluates a bucket shared by two org trails once', () => {
    const snapshot = healthyOrg();
    const home = snapshot.accountData[M].regionData!['us-east-1'];
    home.trails!.push({ ...orgTrail(snapshot), Name: 'second', TrailARN: `arn:aws:cloudtrail:us-east-1:${M}:trail/second` });
    bucket(snapshot).versioning = { Status: 'Suspended', MFADelete: 'Disabled' };
    expect(ofCheck(evaluate(snapshot), 'S3-004')).toHaveLength(1);
  });
});

describe('S3-002 bucket policy', () => {
  it('fires when the policy allows only the management account path, naming every denied account', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policy = bucketPolicy([ACL_CHECK, writeStatement(`arn:aws:s3:::${BUCKET}/AWSLogs/${M}/*`)]);
    const [finding] = ofCheck(evaluate(snapshot), 'S3-002');
    expect(finding).toMatchObject({ ...SUBJECT, severity: 'CRITICAL' });
    expect(finding.detail).toContain('s3:PutObject');
    expect(finding.detail).toContain('4 of 4 audited accounts: 111111111111, 222222222222, 333333333333 and 444444444444');
    expect(finding.detail).not.toContain('s3:GetBucketAcl');
    expect(finding.remediation).toContain(`arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/*`);
  });

  it('stays quiet when the policy allows the organization path (and its Deny of insecure transport does not apply)', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policy = bucketPolicy([
      ACL_CHECK,
      writeStatement(`arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/*`),
      { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]);
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-002')).toEqual([]);
    expect(covers(result, 'S3-002')).toBe(true);
  });

  it('fires on a Deny that applies to one member, naming only that account and the statement', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policy = bucketPolicy([
      ACL_CHECK,
      writeStatement(`arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/*`),
      { Sid: 'NoWorkload333', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/333333333333/*` },
    ]);
    const [finding] = ofCheck(evaluate(snapshot), 'S3-002');
    expect(finding.detail).toContain('1 of 4 audited accounts: 333333333333 (denied by statement NoWorkload333)');
  });

  it('fires when CloudTrail may not read the bucket ACL', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policy = bucketPolicy([writeStatement(`arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/*`)]);
    const [finding] = ofCheck(evaluate(snapshot), 'S3-002');
    expect(finding.detail).toContain('s3:GetBucketAcl for org trail org-trail (no statement allows it)');
    expect(finding.detail).not.toContain('s3:PutObject');
  });

  it('fires when the bucket has no policy', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policy = null;
    expect(ofCheck(evaluate(snapshot), 'S3-002')[0].detail).toContain('no bucket policy');
  });

  it('writes under the trail\'s S3 key prefix', () => {
    const prefixed = healthyOrg();
    orgTrail(prefixed).S3KeyPrefix = 'ct';
    expect(ofCheck(evaluate(prefixed), 'S3-002')[0].detail).toContain('s3:PutObject under ct/AWSLogs/');

    const allowed = healthyOrg();
    orgTrail(allowed).S3KeyPrefix = 'ct';
    bucket(allowed).policy = bucketPolicy([ACL_CHECK, writeStatement(`arn:aws:s3:::${BUCKET}/ct/AWSLogs/${ORG}/*`)]);
    expect(ofCheck(evaluate(allowed), 'S3-002')).toEqual([]);
  });

  it('caps the list of accounts', () => {
    const snapshot = healthyOrg();
    addMembers(snapshot, 1196);
    bucket(snapshot).policy = bucketPolicy([ACL_CHECK, writeStatement(`arn:aws:s3:::${BUCKET}/AWSLogs/${M}/*`)]);
    const [finding] = ofCheck(evaluate(snapshot), 'S3-002');
    expect(finding.detail).toContain('1,200 of 1,200 audited accounts: 111111111111, 222222222222');
    expect(finding.detail).toContain('and 1,190 more');
  });

  it('says so when a statement uses a condition operator the auditor does not evaluate', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policy = bucketPolicy([
      ACL_CHECK,
      { ...writeStatement(`arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/*`), Condition: { StringMatchesSomehow: { 'aws:SourceArn': TRAIL_ARN } } },
    ]);
    const [finding] = ofCheck(evaluate(snapshot), 'S3-002');
    expect(finding.detail).toContain('StringMatchesSomehow');
  });

  it('is skipped when the policy could not be read', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policy = { error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-002')).toEqual([]);
    expect(covers(result, 'S3-002')).toBe(false);
  });
});

describe('S3-003 lifecycle', () => {
  /** The healthy organization with a bucket whose versioning is suspended and that has no Object Lock: expiry deletes the data. */
  function unversionedOrg(): ListedSnapshot {
    const snapshot = healthyOrg();
    bucket(snapshot).versioning = { Status: 'Suspended', MFADelete: 'Disabled' };
    bucket(snapshot).objectLock = null;
    return snapshot;
  }
  const expireAfter = (days: number, extra: Partial<SnapshotLifecycleRule> = {}): SnapshotLifecycleRule => ({
    ID: 'expire',
    Status: 'Enabled',
    Filter: { Prefix: 'AWSLogs/' },
    Expiration: { Days: days },
    ...extra,
  });

  it('fires for an enabled rule on the log prefix that expires current objects after 30 days', () => {
    const [finding] = ofCheck(setRules(unversionedOrg(), [expireAfter(30)]), 'S3-003');
    expect(finding).toMatchObject({ ...SUBJECT, severity: 'MEDIUM' });
    expect(finding.detail).toContain('after 30 days');
    expect(finding.detail).toContain('is kept 30 days');
    expect(finding.detail).toContain('"expire"');
    expect(finding.detail).toContain('365');
    expect(finding.remediation).toContain(`aws s3api get-bucket-lifecycle-configuration --bucket ${BUCKET}`);
  });

  it('fires for a whole-bucket rule, a legacy Prefix rule, an And prefix rule and a narrower prefix', () => {
    for (const rule of [
      expireAfter(30, { Filter: {} }),
      expireAfter(30, { Filter: undefined, Prefix: 'AWSLogs/' }),
      expireAfter(30, { Filter: { And: { Prefix: 'AWSLogs/', ObjectSizeGreaterThan: 0 } } }),
      expireAfter(30, { Filter: { Prefix: `AWSLogs/${ORG}/333333333333/` } }),
    ]) {
      expect(ofCheck(setRules(unversionedOrg(), [rule]), 'S3-003')).toHaveLength(1);
    }
  });

  it('fires for an Expiration.Date at or before capturedAt + minRetentionDays, not for a later one', () => {
    const dated = (date: string) => expireAfter(0, { Expiration: { Date: date } });
    const [finding] = ofCheck(setRules(unversionedOrg(), [dated('2027-01-01T00:00:00.000Z')]), 'S3-003');
    expect(finding.detail).toContain('on 2027-01-01');
    expect(ofCheck(setRules(unversionedOrg(), [dated('2025-01-01T00:00:00.000Z')]), 'S3-003')).toHaveLength(1);
    expect(ofCheck(setRules(unversionedOrg(), [dated('2027-11-22T10:00:00.000Z')]), 'S3-003')).toEqual([]);
    expect(ofCheck(setRules(unversionedOrg(), [dated('2027-11-22T09:59:00.000Z')]), 'S3-003')).toHaveLength(1);
  });

  describe('on a versioned bucket: the effective retention', () => {
    function versionedOrg(lock: BucketData['objectLock'] = null): ListedSnapshot {
      const snapshot = healthyOrg();
      bucket(snapshot).versioning = { Status: 'Enabled', MFADelete: 'Disabled' };
      bucket(snapshot).objectLock = lock;
      return snapshot;
    }
    const noncurrent = (days: number, newer?: number): Partial<SnapshotLifecycleRule> => ({
      NoncurrentVersionExpiration: { NoncurrentDays: days, ...(newer === undefined ? {} : { NewerNoncurrentVersions: newer }) },
    });

    it.each([
      { rules: [expireAfter(30)], fires: false, why: 'a current expiry alone only adds a delete marker' },
      { rules: [expireAfter(30, noncurrent(90))], fires: true, why: '30 + 90 = 120 days' },
      { rules: [expireAfter(300, noncurrent(65))], fires: false, why: '300 + 65 = 365 days' },
      { rules: [expireAfter(300, noncurrent(64))], fires: true, why: '300 + 64 = 364 days' },
      { rules: [expireAfter(30, noncurrent(1, 1))], fires: false, why: 'NewerNoncurrentVersions 1 keeps the only noncurrent version' },
      { rules: [expireAfter(30), { ID: 'old', Status: 'Enabled', Filter: {}, ...noncurrent(30) }], fires: true, why: 'the two smallest come from different rules' },
      { rules: [expireAfter(30), { ID: 'old', Status: 'Enabled', Filter: { Prefix: 'other/' }, ...noncurrent(30) }], fires: false, why: 'the noncurrent rule does not apply to the logs' },
    ])('$why → fires $fires', ({ rules, fires }) => {
      const result = setRules(versionedOrg(), rules as SnapshotLifecycleRule[]);
      expect(ofCheck(result, 'S3-003')).toHaveLength(fires ? 1 : 0);
      expect(covers(result, 'S3-003')).toBe(true);
    });

    it('names both rules and the effective retention', () => {
      const rules: SnapshotLifecycleRule[] = [expireAfter(30), { ID: 'old', Status: 'Enabled', Filter: {}, ...noncurrent(60) }];
      const [finding] = ofCheck(setRules(versionedOrg(), rules), 'S3-003');
      expect(finding.detail).toContain('is kept 90 days');
      expect(finding.detail).toContain('rule "expire"');
      expect(finding.detail).toContain('rule "old"');
    });

    it.each([
      { retention: { Mode: 'GOVERNANCE' as const, Days: 365 }, fires: false },
      { retention: { Mode: 'COMPLIANCE' as const, Years: 1 }, fires: false },
      { retention: { Mode: 'COMPLIANCE' as const, Days: 364 }, fires: true },
    ])('a default Object Lock retention $retention silences it when at least minRetentionDays → fires $fires', ({ retention, fires }) => {
      const snapshot = versionedOrg({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: retention } });
      expect(ofCheck(setRules(snapshot, [expireAfter(30, noncurrent(1))]), 'S3-003')).toHaveLength(fires ? 1 : 0);
    });
  });

  it('stays quiet for a rule that expires only non-current versions', () => {
    const rule: SnapshotLifecycleRule = { ID: 'old', Status: 'Enabled', Filter: { Prefix: 'AWSLogs/' }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } };
    const result = setRules(unversionedOrg(), [rule]);
    expect(ofCheck(result, 'S3-003')).toEqual([]);
    expect(covers(result, 'S3-003')).toBe(true);
  });

  it('stays quiet for a disabled rule, a rule on another prefix, a tag-filtered rule and a delete-marker rule', () => {
    const rules: SnapshotLifecycleRule[] = [
      expireAfter(30, { Status: 'Disabled' }),
      expireAfter(30, { Filter: { Prefix: 'access-logs/' } }),
      expireAfter(30, { Filter: { Tag: { Key: 'tier', Value: 'scratch' } } }),
      expireAfter(30, { Filter: { And: { Prefix: 'AWSLogs/', Tags: [{ Key: 'tier', Value: 'scratch' }] } } }),
      { ID: 'markers', Status: 'Enabled', Filter: { Prefix: 'AWSLogs/' }, Expiration: { ExpiredObjectDeleteMarker: true } },
    ];
    for (const rule of rules) {
      expect(ofCheck(setRules(unversionedOrg(), [rule]), 'S3-003')).toEqual([]);
    }
  });

  it('compares with the trail\'s key prefix', () => {
    const snapshot = unversionedOrg();
    orgTrail(snapshot).S3KeyPrefix = 'ct';
    expect(ofCheck(setRules(snapshot, [expireAfter(30)]), 'S3-003')).toEqual([]);
    expect(ofCheck(setRules(snapshot, [expireAfter(30, { Filter: { Prefix: 'ct/' } })]), 'S3-003')).toHaveLength(1);
  });

  it('uses the minRetentionDays setting', () => {
    const snapshot = unversionedOrg();
    bucket(snapshot).lifecycleRules = [expireAfter(30)];
    expect(ofCheck(evaluate(snapshot, { minRetentionDays: 30 }), 'S3-003')).toEqual([]);
    expect(ofCheck(evaluate(snapshot, { minRetentionDays: 31 }), 'S3-003')).toHaveLength(1);
  });

  it('stays quiet, having looked, for a bucket without lifecycle configuration', () => {
    const snapshot = unversionedOrg();
    bucket(snapshot).lifecycleRules = null;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-003')).toEqual([]);
    expect(covers(result, 'S3-003')).toBe(true);
  });
});

describe('S3-004 versioning', () => {
  it('fires when versioning is suspended or was never enabled', () => {
    const suspended = healthyOrg();
    bucket(suspended).versioning = { Status: 'Suspended', MFADelete: 'Disabled' };
    const [finding] = ofCheck(evaluate(suspended), 'S3-004');
    expect(finding).toMatchObject({ ...SUBJECT, severity: 'MEDIUM' });
    expect(finding.remediation).toContain(`aws s3api put-bucket-versioning --bucket ${BUCKET} --versioning-configuration Status=Enabled`);

    const never = healthyOrg();
    bucket(never).versioning = {};
    expect(ofCheck(evaluate(never), 'S3-004')[0].detail).toContain('never enabled');
  });

  it('is skipped when versioning was not collected', () => {
    const snapshot = healthyOrg();
    delete bucket(snapshot).versioning;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-004')).toEqual([]);
    expect(covers(result, 'S3-004')).toBe(false);
  });
});

describe('S3-005 access logging', () => {
  it('fires when server access logging is off', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).logging = null;
    const [finding] = ofCheck(evaluate(snapshot), 'S3-005');
    expect(finding).toMatchObject({ ...SUBJECT, severity: 'LOW' });
    expect(finding.remediation).toContain(`"TargetPrefix":"${BUCKET}/"`);
  });

  it('is skipped when logging could not be read', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).logging = { error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-005')).toEqual([]);
    expect(covers(result, 'S3-005')).toBe(false);
  });
});

describe('S3-006 public access', () => {
  it('fires CRITICAL when the bucket policy makes the bucket public', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policyStatus = { IsPublic: true };
    expect(ofCheck(evaluate(snapshot), 'S3-006')).toMatchObject([{ ...SUBJECT, severity: 'CRITICAL' }]);
  });

  it('fires HIGH when one Block Public Access setting is off, or there is no configuration', () => {
    const oneOff = healthyOrg();
    bucket(oneOff).publicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true };
    const [finding] = ofCheck(evaluate(oneOff), 'S3-006');
    expect(finding.severity).toBe('HIGH');
    expect(finding.detail).toContain('BlockPublicPolicy');
    expect(finding.remediation).toContain('aws s3api put-public-access-block');

    const absent = healthyOrg();
    bucket(absent).publicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true };
    expect(ofCheck(evaluate(absent), 'S3-006')[0].detail).toContain('RestrictPublicBuckets');

    const none = healthyOrg();
    bucket(none).publicAccessBlock = null;
    expect(ofCheck(evaluate(none), 'S3-006')).toMatchObject([{ severity: 'HIGH' }]);
  });

  it('stays quiet with no bucket policy (not public) and Block Public Access fully on', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).policyStatus = null;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-006')).toEqual([]);
    expect(covers(result, 'S3-006')).toBe(true);
  });
});

describe('S3-007 deletion protection', () => {
  it('fires when there is neither Object Lock nor MFA delete', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).objectLock = null;
    const [finding] = ofCheck(evaluate(snapshot), 'S3-007');
    expect(finding).toMatchObject({ ...SUBJECT, severity: 'LOW' });
    expect(finding.remediation).toContain('"Days":365');
  });

  it('stays quiet when MFA delete protects the versions', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).objectLock = null;
    bucket(snapshot).versioning = { Status: 'Enabled', MFADelete: 'Enabled' };
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-007')).toEqual([]);
    expect(covers(result, 'S3-007')).toBe(true);
  });

  it('is skipped when Object Lock could not be read and MFA delete is off', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).objectLock = { error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-007')).toEqual([]);
    expect(covers(result, 'S3-007')).toBe(false);
  });
});

describe('S3-008 Requester Pays', () => {
  it('fires HIGH when the bucket makes requesters pay, with the command that undoes it', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).requestPayment = 'Requester';
    const [finding] = ofCheck(evaluate(snapshot), 'S3-008');
    expect(finding).toMatchObject({ ...SUBJECT, severity: 'HIGH' });
    expect(finding.remediation).toContain(`aws s3api put-bucket-request-payment --bucket ${BUCKET} --request-payment-configuration Payer=BucketOwner`);
  });

  it('stays quiet, having looked, when the bucket owner pays', () => {
    const snapshot = healthyOrg();
    bucket(snapshot).requestPayment = 'BucketOwner';
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-008')).toEqual([]);
    expect(covers(result, 'S3-008')).toBe(true);
  });

  it('is skipped when the payer was not collected or could not be read', () => {
    const snapshot = healthyOrg();
    expect(covers(evaluate(snapshot), 'S3-008')).toBe(false);
    bucket(snapshot).requestPayment = { error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'S3-008')).toEqual([]);
    expect(covers(result, 'S3-008')).toBe(false);
  });
});
