/**
 * CHECKS.md v2: a snapshot that recorded a failed call in place of a list is read as "could not be
 * read", never as data and never as a crash; and AUD-004 when the account list is incomplete.
 */
import { evaluate, type EvaluationResult } from '../../../lambda/checks/evaluate';
import { findingKey, type Finding } from '../../../lambda/findings/finding';
import type { Snapshot } from '../../../lambda/snapshot/types';
import { healthyOrg } from '../../support/snapshots';

const M = '111111111111';
const ORG = 'o-a1b2c3d4e5';
const TRAIL = `arn:aws:cloudtrail:us-east-1:${M}:trail/org-trail`;
const BUCKET = 'org-trail-logs-222222222222';
const FAILED = { error: { code: 'ThrottlingException', message: 'Rate exceeded' } };

function places(result: EvaluationResult): string[] {
  return result.findings.map((finding) => `${finding.checkId} ${finding.accountId} ${finding.region ?? '-'} ${finding.resource}`);
}

function only(result: EvaluationResult, checkId: string): Finding[] {
  return result.findings.filter((finding) => finding.checkId === checkId);
}

describe('lists recorded as {error}', () => {
  it('regionData {error}: AUD-002 for the account with region null, never a region named "error"', () => {
    const snapshot: Snapshot = healthyOrg();
    snapshot.accountData['333333333333'].regionData = FAILED;
    const result = evaluate(snapshot);
    expect(places(result)).toEqual(['AUD-002 333333333333 - 333333333333']);
    expect(only(result, 'AUD-002')[0].detail).toContain('ThrottlingException: Rate exceeded');
    expect([...result.coverage].some((key) => key.includes('#error#'))).toBe(false);
  });

  it("the management account's regionData {error}: AUD-002, and no ORG-001 concluded from it", () => {
    const snapshot: Snapshot = healthyOrg();
    snapshot.accountData[M].regionData = FAILED;
    const result = evaluate(snapshot);
    expect(places(result)).toEqual([`AUD-002 ${M} - ${M}`]);
    expect(result.coverage.has(findingKey({ checkId: 'ORG-001', accountId: M, region: null, resource: ORG }))).toBe(false);
  });

  it("a region's trails {error}: AUD-002 for that region; ORG-009 not evaluated there", () => {
    const snapshot: Snapshot = healthyOrg();
    const region = snapshot.accountData['333333333333'].regionData as Record<string, { trails?: unknown }>;
    region['us-east-1'].trails = FAILED;
    const result = evaluate(snapshot);
    expect(places(result)).toEqual(['AUD-002 333333333333 us-east-1 333333333333']);
    expect(only(result, 'AUD-002')[0].detail).toContain('cloudtrail:DescribeTrails');
    expect(result.coverage.has(findingKey({ checkId: 'ORG-009', accountId: '333333333333', region: 'us-east-1', resource: TRAIL }))).toBe(false);
  });

  it("the owner's trail status map {error}: AUD-002 for the owner in the home region, and no status-based check concludes", () => {
    const snapshot: Snapshot = healthyOrg();
    const regions = snapshot.accountData[M].regionData as Record<string, { trailStatus?: unknown }>;
    regions['us-east-1'].trailStatus = FAILED;
    const result = evaluate(snapshot);
    expect(places(result)).toEqual([`AUD-002 ${M} us-east-1 ${M}`]);
    for (const checkId of ['DLV-001', 'DLV-006', 'DLV-007']) {
      expect(result.coverage.has(findingKey({ checkId, accountId: M, region: 'us-east-1', resource: TRAIL }))).toBe(false);
    }
    expect(result.coverage.has(findingKey({ checkId: 'ORG-001', accountId: M, region: null, resource: ORG }))).toBe(false);
  });

  it('a status map that reads fine keeps the region quiet and covered', () => {
    const result = evaluate(healthyOrg());
    expect(result.coverage.has(findingKey({ checkId: 'AUD-002', accountId: M, region: 'us-east-1', resource: M }))).toBe(true);
  });
});

describe('AUD-004 the account list', () => {
  it('accounts {error}: AUD-004; the management account is still audited, no member is', () => {
    const snapshot: Snapshot = healthyOrg();
    snapshot.accounts = FAILED;
    const result = evaluate(snapshot);
    expect(places(result)).toEqual([`AUD-004 ${M} - ${ORG}`]);
    expect(result.accountScope).toEqual({ auditedAccountIds: new Set([M]), listComplete: false });
    expect(result.coverage.has(findingKey({ checkId: 'AUD-001', accountId: M, region: null, resource: M }))).toBe(true);
    expect([...result.coverage].some((key) => key.includes('#333333333333#'))).toBe(false);
  });

  it('accountsIncomplete: AUD-004 names the error; S3-002 and CFG-006 resolve nothing but the ACL, key and topic questions do', () => {
    const snapshot = healthyOrg();
    snapshot.accounts = snapshot.accounts.filter((account) => account.Id !== '444444444444');
    snapshot.accountsIncomplete = FAILED.error;
    const result = evaluate(snapshot);
    expect(places(result)).toEqual([`AUD-004 ${M} - ${ORG}`]);
    expect(only(result, 'AUD-004')[0].detail).toContain('ThrottlingException');
    expect(result.accountScope.listComplete).toBe(false);
    expect(result.coverage.has(findingKey({ checkId: 'S3-002', accountId: '222222222222', region: null, resource: BUCKET }))).toBe(false);
    const role = `arn:aws:iam::${M}:role/CloudTrailCloudWatchLogsRole`;
    expect(result.coverage.has(findingKey({ checkId: 'CFG-006', accountId: M, region: null, resource: role }))).toBe(false);
    const key = `arn:aws:kms:us-east-1:${M}:key/6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f`;
    expect(result.coverage.has(findingKey({ checkId: 'CFG-004', accountId: M, region: 'us-east-1', resource: key }))).toBe(true);
  });

  it('accountsIncomplete: S3-002 still fires for a listed account the policy denies', () => {
    const snapshot = healthyOrg();
    snapshot.accountsIncomplete = FAILED.error;
    const bucket = snapshot.buckets![BUCKET];
    const policy = JSON.parse(bucket.policy as string) as { Statement: object[] };
    policy.Statement.push({ Sid: 'DenyOne', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/333333333333/*` });
    bucket.policy = JSON.stringify(policy);
    // CRITICAL before HIGH.
    expect(places(evaluate(snapshot))).toEqual([`S3-002 222222222222 - ${BUCKET}`, `AUD-004 ${M} - ${ORG}`]);
  });

  it('a whole list: AUD-004 quiet and covered, listComplete true', () => {
    const result = evaluate(healthyOrg());
    expect(only(result, 'AUD-004')).toEqual([]);
    expect(result.coverage.has(findingKey({ checkId: 'AUD-004', accountId: M, region: null, resource: ORG }))).toBe(true);
    expect(result.accountScope.listComplete).toBe(true);
  });
});

describe('names from the snapshot are data', () => {
  it.each(['__proto__', 'constructor', 'toString'])('a bucket named %s is looked up as its own entry', (name) => {
    const snapshot = healthyOrg();
    for (const region of Object.values(snapshot.accountData[M].regionData ?? {})) {
      for (const trail of region.trails ?? []) if (trail.S3BucketName === BUCKET) trail.S3BucketName = name;
    }
    // Not collected: nothing is said about the bucket, and nothing is read from Object.prototype.
    const result = evaluate(snapshot);
    expect(result.findings.filter((finding) => finding.checkId.startsWith('S3-'))).toEqual([]);
    expect([...result.coverage].some((key) => key.startsWith('S3-'))).toBe(false);
  });

  it('an account named constructor with no data is not collected, not a crash', () => {
    const snapshot = healthyOrg();
    snapshot.accounts.push({ Id: 'constructor', State: 'ACTIVE' });
    expect(() => evaluate(snapshot)).not.toThrow();
  });
});
