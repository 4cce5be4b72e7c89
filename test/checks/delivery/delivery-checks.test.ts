import { evaluate, type EvaluationResult } from '../../../lambda/checks/evaluate';
import { findingKey, type Finding } from '../../../lambda/findings/finding';
import type { ListedSnapshot, SnapshotTrailStatus } from '../../../lambda/snapshot/types';
import { BUCKET, HOME, MANAGEMENT, TRAIL, familyFindings, key, keysOf } from '../../support/healthy-org-names';
import { healthyOrg } from '../../support/snapshots';

const dlvFindings = (result: EvaluationResult): Finding[] => familyFindings(result, 'DLV');

/** The owner's (management account's) status of the org trail in its home region. */
function ownerStatus(snapshot: ListedSnapshot): SnapshotTrailStatus {
  return snapshot.accountData[MANAGEMENT].regionData![HOME].trailStatus![TRAIL] as SnapshotTrailStatus;
}

function memberStatus(snapshot: ListedSnapshot, accountId: string): SnapshotTrailStatus {
  return snapshot.accountData[accountId].regionData![HOME].trailStatus![TRAIL] as SnapshotTrailStatus;
}

/** An ISO time `minutes` before the fixtures' capturedAt (2026-11-22T10:00:00Z). */
function minutesBeforeCapture(minutes: number): string {
  return new Date(Date.parse('2026-11-22T10:00:00.000Z') - minutes * 60_000).toISOString();
}

describe('DLV checks on the healthy organization', () => {
  it('raise nothing and cover every owner-view check of the org trail', () => {
    const result = evaluate(healthyOrg());
    expect(dlvFindings(result)).toEqual([]);
    for (const checkId of ['DLV-001', 'DLV-002', 'DLV-003', 'DLV-004', 'DLV-005', 'DLV-006', 'DLV-007']) {
      expect(result.coverage).toContain(key(checkId, MANAGEMENT, HOME, TRAIL));
    }
  });
});

describe('DLV-001 trail not logging', () => {
  it("fires on the owner's view, against the trail owner", () => {
    const snapshot = healthyOrg();
    ownerStatus(snapshot).IsLogging = false;
    ownerStatus(snapshot).StopLoggingTime = '2026-11-22T08:00:00.000Z';
    const [finding] = dlvFindings(evaluate(snapshot));
    expect(findingKey(finding)).toBe(key('DLV-001', MANAGEMENT, HOME, TRAIL));
    expect(finding.severity).toBe('CRITICAL');
    expect(finding.detail).toContain('2026-11-22T08:00:00.000Z');
    expect(finding.remediation).toContain(`aws cloudtrail start-logging --name ${TRAIL} --region ${HOME}`);
  });

  it('stays quiet for a trail that is not an organization trail', () => {
    const snapshot = healthyOrg();
    const local = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/local-trail';
    const home = snapshot.accountData[MANAGEMENT].regionData![HOME];
    home.trails!.push({ Name: 'local-trail', TrailARN: local, HomeRegion: HOME, IsOrganizationTrail: false, IsMultiRegionTrail: false, S3BucketName: 'local' });
    home.trailStatus![local] = { IsLogging: false, LatestDeliveryError: 'NoSuchBucket' };
    const result = evaluate(snapshot);
    expect(dlvFindings(result)).toEqual([]);
    expect([...result.coverage].filter((covered) => covered.includes(local))).toEqual([]);
  });

  it('is not evaluated when the owner could not read the status', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[MANAGEMENT].regionData![HOME].trailStatus![TRAIL] = { error: { code: 'AccessDeniedException' } };
    const result = evaluate(snapshot);
    expect(dlvFindings(result).filter((f) => f.accountId === MANAGEMENT)).toEqual([]);
    expect(result.coverage).not.toContain(key('DLV-001', MANAGEMENT, HOME, TRAIL));
    expect(result.coverage).not.toContain(key('DLV-006', MANAGEMENT, HOME, TRAIL));
  });
});

describe.each([
  ['DLV-002', 'LatestDeliveryError', 'NoSuchBucket', 'CRITICAL'],
  ['DLV-003', 'LatestCloudWatchLogsDeliveryError', 'AccessDeniedException', 'HIGH'],
  ['DLV-004', 'LatestNotificationError', 'AuthorizationError', 'MEDIUM'],
  ['DLV-005', 'LatestDigestDeliveryError', 'AccessDenied', 'HIGH'],
] as const)('%s (%s)', (checkId, field, error, severity) => {
  it("fires on the owner's view, naming the error", () => {
    const snapshot = healthyOrg();
    ownerStatus(snapshot)[field] = error;
    const findings = dlvFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key(checkId, MANAGEMENT, HOME, TRAIL)]);
    expect(findings[0].severity).toBe(severity);
    expect(findings[0].detail).toContain(error);
    expect(findings[0].remediation).toContain(error);
    expect(findings[0].remediation).not.toMatch(/\{[A-Za-z]+\}/);
  });

  it("fires against the member whose own view carries the error", () => {
    const snapshot = healthyOrg();
    memberStatus(snapshot, '333333333333')[field] = error;
    expect(keysOf(dlvFindings(evaluate(snapshot)))).toEqual([key(checkId, '333333333333', HOME, TRAIL)]);
  });

  it('stays quiet when a member view omits the field or leaves it empty, and counts that as evaluated', () => {
    const snapshot = healthyOrg();
    memberStatus(snapshot, '222222222222')[field] = '';
    expect(memberStatus(snapshot, '333333333333')[field]).toBeUndefined();
    const result = evaluate(snapshot);
    expect(dlvFindings(result)).toEqual([]);
    expect(result.coverage).toContain(key(checkId, '222222222222', HOME, TRAIL));
    expect(result.coverage).toContain(key(checkId, '333333333333', HOME, TRAIL));
  });
});

describe('DLV-006 stale log delivery', () => {
  it('fires when the latest delivery is older than deliveryStaleMinutes', () => {
    const snapshot = healthyOrg();
    ownerStatus(snapshot).LatestDeliveryTime = minutesBeforeCapture(121);
    const findings = dlvFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('DLV-006', MANAGEMENT, HOME, TRAIL)]);
    expect(findings[0].detail).toContain('121 minutes');
    expect(findings[0].detail).toContain('120 minutes');
  });

  it('fires when the trail is logging but reports no delivery at all', () => {
    const snapshot = healthyOrg();
    delete ownerStatus(snapshot).LatestDeliveryTime;
    const findings = dlvFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('DLV-006', MANAGEMENT, HOME, TRAIL)]);
    expect(findings[0].remediation).toContain('never');
  });

  it('stays quiet exactly at the limit, and follows the setting', () => {
    const snapshot = healthyOrg();
    ownerStatus(snapshot).LatestDeliveryTime = minutesBeforeCapture(120);
    const atLimit = evaluate(snapshot);
    expect(dlvFindings(atLimit)).toEqual([]);
    expect(atLimit.coverage).toContain(key('DLV-006', MANAGEMENT, HOME, TRAIL));
    expect(keysOf(dlvFindings(evaluate(snapshot, { deliveryStaleMinutes: 119 })))).toEqual([key('DLV-006', MANAGEMENT, HOME, TRAIL)]);
  });

  it('leaves a stopped trail to DLV-001', () => {
    const snapshot = healthyOrg();
    ownerStatus(snapshot).IsLogging = false;
    ownerStatus(snapshot).LatestDeliveryTime = minutesBeforeCapture(5000);
    expect(keysOf(dlvFindings(evaluate(snapshot)))).toEqual([key('DLV-001', MANAGEMENT, HOME, TRAIL)]);
  });
});

describe('DLV-007 stale CloudWatch Logs delivery', () => {
  it('fires when the trail names a log group and its latest delivery there is stale', () => {
    const snapshot = healthyOrg();
    ownerStatus(snapshot).LatestCloudWatchLogsDeliveryTime = minutesBeforeCapture(300);
    const findings = dlvFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('DLV-007', MANAGEMENT, HOME, TRAIL)]);
    expect(findings[0].detail).toContain('300 minutes');
  });

  it('stays quiet for a trail without CloudWatch Logs', () => {
    const snapshot = healthyOrg();
    for (const accountId of Object.keys(snapshot.accountData)) {
      for (const trail of snapshot.accountData[accountId].regionData?.[HOME]?.trails ?? []) delete trail.CloudWatchLogsLogGroupArn;
    }
    delete ownerStatus(snapshot).LatestCloudWatchLogsDeliveryTime;
    const result = evaluate(snapshot);
    expect(dlvFindings(result)).toEqual([]);
    expect(result.coverage).toContain(key('DLV-007', MANAGEMENT, HOME, TRAIL));
  });
});

describe('DLV-008 delivery evidence', () => {
  function evidence(snapshot: ListedSnapshot) {
    return snapshot.buckets![BUCKET].deliveryEvidence!;
  }

  it('fires for a member-region whose newest file is older than evidenceMaxAgeMinutes', () => {
    const snapshot = healthyOrg();
    evidence(snapshot)['222222222222'][HOME] = minutesBeforeCapture(181);
    const findings = dlvFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('DLV-008', '222222222222', HOME, BUCKET)]);
    expect(findings[0].detail).toContain('181 minutes');
    expect(findings[0].detail).toContain(`s3://${BUCKET}/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail-Digest/${HOME}/`);
  });

  it('fires for a member-region with no file at all, in each region the evidence lists', () => {
    const snapshot = healthyOrg();
    evidence(snapshot)['333333333333']['eu-west-1'] = null;
    const findings = dlvFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('DLV-008', '333333333333', 'eu-west-1', BUCKET)]);
    expect(findings[0].detail).toContain('holds no file');
  });

  it('looks under CloudTrail/ rather than CloudTrail-Digest/ when the trail does not validate log files', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[MANAGEMENT].regionData![HOME].trails![0].LogFileValidationEnabled = false;
    evidence(snapshot)['222222222222'][HOME] = null;
    const finding = evaluate(snapshot).findings.find((f) => f.checkId === 'DLV-008');
    expect(finding?.detail).toContain('/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail/us-east-1/');
  });

  it('stays quiet exactly at the limit and covers the member-region', () => {
    const snapshot = healthyOrg();
    evidence(snapshot)['222222222222'][HOME] = minutesBeforeCapture(180);
    const result = evaluate(snapshot);
    expect(dlvFindings(result)).toEqual([]);
    expect(result.coverage).toContain(key('DLV-008', '222222222222', HOME, BUCKET));
  });

  describe("the window (CHECKS.md v2): from capturedAt − evidenceMaxAgeMinutes truncated to the minute, at the key's precision", () => {
    // capturedAt 10:00:30 and 180 minutes: the window starts at 07:00:30, truncated to 07:00:00.
    it.each([
      { delivered: '2026-11-22T07:00:00.000Z', fires: false, why: 'a log file named in the window\'s first minute is inside it' },
      { delivered: '2026-11-22T07:00:10.000Z', fires: false, why: 'a digest written seconds into that minute is inside it' },
      { delivered: '2026-11-22T06:59:59.000Z', fires: true, why: 'a digest a second before that minute is outside it' },
      { delivered: '2026-11-22T06:59:00.000Z', fires: true, why: 'a log file named in the minute before is outside it' },
      { delivered: '2026-11-22T09:00:00+02:00', fires: false, why: 'a time with an offset is compared as an instant' },
    ])('$delivered → fires $fires ($why)', ({ delivered, fires }) => {
      const snapshot = healthyOrg();
      snapshot.capturedAt = '2026-11-22T10:00:30.000Z';
      evidence(snapshot)['222222222222'][HOME] = delivered;
      const result = evaluate(snapshot);
      expect(keysOf(dlvFindings(result))).toEqual(fires ? [key('DLV-008', '222222222222', HOME, BUCKET)] : []);
      expect(result.coverage).toContain(key('DLV-008', '222222222222', HOME, BUCKET));
    });
  });

  it('stays quiet for a member still inside its grace period, without covering it', () => {
    const snapshot = healthyOrg();
    snapshot.accounts.find((a) => a.Id === '444444444444')!.JoinedTimestamp = '2026-11-22T00:00:00.000Z';
    evidence(snapshot)['444444444444'][HOME] = null;
    const result = evaluate(snapshot);
    expect(dlvFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(key('DLV-008', '444444444444', HOME, BUCKET));
    expect(keysOf(dlvFindings(evaluate(snapshot, { newAccountGraceHours: 6 })))).toEqual([key('DLV-008', '444444444444', HOME, BUCKET)]);
  });

  it('stays quiet for a SUSPENDED account and for the management account', () => {
    const snapshot = healthyOrg();
    const suspended = snapshot.accounts.find((a) => a.Id === '444444444444')!;
    suspended.Status = 'SUSPENDED';
    suspended.State = 'SUSPENDED';
    evidence(snapshot)['444444444444'][HOME] = null;
    evidence(snapshot)[MANAGEMENT] = { [HOME]: null };
    const result = evaluate(snapshot);
    expect(dlvFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(key('DLV-008', '444444444444', HOME, BUCKET));
    expect(result.coverage).not.toContain(key('DLV-008', MANAGEMENT, HOME, BUCKET));
  });

  it('is not evaluated where the evidence listing failed', () => {
    const snapshot = healthyOrg();
    evidence(snapshot)['222222222222'][HOME] = { error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(dlvFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(key('DLV-008', '222222222222', HOME, BUCKET));
  });

  it('is evaluated even for a member whose audit role could not be assumed', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['444444444444'] = { error: { code: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole' } };
    evidence(snapshot)['444444444444'][HOME] = minutesBeforeCapture(1000);
    expect(keysOf(dlvFindings(evaluate(snapshot)))).toEqual([key('DLV-008', '444444444444', HOME, BUCKET)]);
  });

  it('does not resolve an unreachable member: fresh evidence counts only for an account the run entered', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['444444444444'] = { error: { code: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole' } };
    const unreachable = evaluate(snapshot);
    expect(dlvFindings(unreachable)).toEqual([]);
    expect(unreachable.coverage).not.toContain(key('DLV-008', '444444444444', HOME, BUCKET));

    delete snapshot.accountData['444444444444']; // not reached at all (a run that stopped early)
    expect(evaluate(snapshot).coverage).not.toContain(key('DLV-008', '444444444444', HOME, BUCKET));
    expect(evaluate(healthyOrg()).coverage).toContain(key('DLV-008', '444444444444', HOME, BUCKET));
  });
});
