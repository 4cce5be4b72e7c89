import { evaluate, type EvaluationResult } from '../../../lambda/checks/evaluate';
import type { Finding } from '../../../lambda/findings/finding';
import type { ListedSnapshot, SnapshotTrailStatus } from '../../../lambda/snapshot/types';
import { HOME, MANAGEMENT, ORG_ID, SLR, TRAIL, familyFindings, key, keysOf } from '../../support/healthy-org-names';
import { healthyOrg } from '../../support/snapshots';

const orgFindings = (result: EvaluationResult): Finding[] => familyFindings(result, 'ORG');

const orgKey = (checkId: string) => key(checkId, MANAGEMENT, null, ORG_ID);

function ownerStatus(snapshot: ListedSnapshot): SnapshotTrailStatus {
  return snapshot.accountData[MANAGEMENT].regionData![HOME].trailStatus![TRAIL] as SnapshotTrailStatus;
}

/**
 * Moves the org trail to another home region, everywhere the snapshot mentions it: its ARN, its
 * HomeRegion and the region every account read it in. Returns the trail's new ARN.
 */
function rehomeOrgTrail(snapshot: ListedSnapshot, region: string, multiRegion: boolean): string {
  const arn = TRAIL.replace(HOME, region);
  const moved = JSON.parse(JSON.stringify(snapshot.accountData).split(TRAIL).join(arn)) as ListedSnapshot['accountData'];
  for (const data of Object.values(moved)) {
    const regionData = data.regionData;
    if (!regionData?.[HOME]) continue;
    regionData[region] = regionData[HOME];
    delete regionData[HOME];
    for (const trail of regionData[region].trails ?? []) {
      if (trail.TrailARN !== arn) continue;
      trail.HomeRegion = region;
      trail.IsMultiRegionTrail = multiRegion;
    }
  }
  snapshot.accountData = moved;
  return arn;
}

function suspend(snapshot: ListedSnapshot, accountId: string): void {
  const account = snapshot.accounts.find((a) => a.Id === accountId)!;
  account.Status = 'SUSPENDED';
  account.State = 'SUSPENDED';
}

describe('ORG checks on the healthy organization', () => {
  it('raise nothing and cover the organization-wide checks', () => {
    const result = evaluate(healthyOrg());
    expect(orgFindings(result)).toEqual([]);
    for (const checkId of ['ORG-001', 'ORG-004', 'ORG-005', 'ORG-007', 'ORG-008']) expect(result.coverage).toContain(orgKey(checkId));
    expect(result.coverage).toContain(key('ORG-002', MANAGEMENT, HOME, TRAIL));
    expect(result.coverage).toContain(key('ORG-006', MANAGEMENT, null, SLR));
    for (const member of ['222222222222', '333333333333', '444444444444']) {
      expect(result.coverage).toContain(key('ORG-003', member, HOME, member));
      expect(result.coverage).toContain(key('ORG-009', member, HOME, TRAIL));
    }
  });
});

describe('ORG-001 no logging org trail', () => {
  it('fires when every org trail is stopped', () => {
    const snapshot = healthyOrg();
    ownerStatus(snapshot).IsLogging = false;
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([orgKey('ORG-001')]);
    expect(findings[0].severity).toBe('CRITICAL');
    expect(findings[0].detail).toContain(TRAIL);
    expect(findings[0].remediation).toContain(`aws cloudtrail start-logging --name ${TRAIL} --region ${HOME}`);
  });

  it('fires when the management account owns no org trail, naming the trails it has', () => {
    const snapshot = healthyOrg();
    const trail = snapshot.accountData[MANAGEMENT].regionData![HOME].trails![0];
    trail.IsOrganizationTrail = false;
    const result = evaluate(snapshot);
    expect(keysOf(orgFindings(result))).toEqual([orgKey('ORG-001')]);
    expect(orgFindings(result)[0].detail).toContain(`lists no organization trail; its other trails: ${TRAIL}`);
    expect(orgFindings(result)[0].remediation).toContain('aws cloudtrail create-trail --name org-trail');
    expect(orgFindings(result)[0].remediation).toContain('aws cloudtrail start-logging --name org-trail --region us-east-1');
    expect(result.findings.filter((f) => f.checkId.startsWith('DLV-'))).toEqual([]);
  });

  it('stays quiet when an org trail logs even though a non-organization trail is stopped', () => {
    const snapshot = healthyOrg();
    const local = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/local';
    const home = snapshot.accountData[MANAGEMENT].regionData![HOME];
    home.trails!.push({ Name: 'local', TrailARN: local, HomeRegion: HOME, IsOrganizationTrail: false, IsMultiRegionTrail: false });
    home.trailStatus![local] = { IsLogging: false };
    expect(orgFindings(evaluate(snapshot))).toEqual([]);
  });

  it('is not evaluated when the only org trail status could not be read', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[MANAGEMENT].regionData![HOME].trailStatus![TRAIL] = { error: { code: 'ThrottlingException' } };
    const result = evaluate(snapshot);
    expect(orgFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(orgKey('ORG-001'));
  });

  it('does not conclude "no org trail" when a management region could not be read', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[MANAGEMENT].regionData![HOME].trails![0].IsOrganizationTrail = false;
    snapshot.accountData[MANAGEMENT].regionData!['eu-west-1'] = { error: { code: 'AccessDeniedException' } };
    const result = evaluate(snapshot);
    expect(orgFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(orgKey('ORG-001'));
  });
});

describe('ORG-002 single-region org trail', () => {
  it('fires against the trail, with the update-trail command', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[MANAGEMENT].regionData![HOME].trails![0].IsMultiRegionTrail = false;
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('ORG-002', MANAGEMENT, HOME, TRAIL)]);
    expect(findings[0].remediation).toContain(`aws cloudtrail update-trail --name ${TRAIL} --is-multi-region-trail --region ${HOME}`);
  });
});

describe('ORG-003 opt-in home region not enabled', () => {
  function optInHomedOrg(): { snapshot: ListedSnapshot; arn: string } {
    const snapshot = healthyOrg();
    const arn = rehomeOrgTrail(snapshot, 'eu-south-2', true);
    const managementRegions = snapshot.accountData[MANAGEMENT].regions as { RegionName?: string; RegionOptStatus?: string }[];
    managementRegions.find((r) => r.RegionName === 'eu-south-2')!.RegionOptStatus = 'ENABLED';
    return { snapshot, arn };
  }

  it('fires for each member that has not enabled the region, from either region source', () => {
    const { snapshot, arn } = optInHomedOrg();
    const regions444 = snapshot.accountData['444444444444'].regions as { RegionName?: string; RegionOptStatus?: string }[];
    regions444.find((r) => r.RegionName === 'eu-south-2')!.RegionOptStatus = 'ENABLED';
    const result = evaluate(snapshot);
    const findings = orgFindings(result).filter((f) => f.checkId === 'ORG-003');
    expect(keysOf(findings)).toEqual([key('ORG-003', '222222222222', 'eu-south-2', '222222222222'), key('ORG-003', '333333333333', 'eu-south-2', '333333333333')]);
    expect(findings[0].detail).toContain('RegionOptStatus DISABLED (account:ListRegions)');
    expect(findings[1].detail).toContain('OptInStatus not-opted-in (ec2:DescribeRegions)');
    expect(findings[0].remediation).toContain('aws account enable-region --account-id 222222222222 --region-name eu-south-2');
    expect(findings[0].detail).toContain(arn);
    expect(result.coverage).toContain(key('ORG-003', '444444444444', 'eu-south-2', '444444444444'));
  });

  it('explains ORG-009: a member that has not enabled the home region is not also reported as uncovered', () => {
    const { snapshot, arn } = optInHomedOrg();
    const view = snapshot.accountData['222222222222'].regionData!['eu-south-2'];
    view.trails = [];
    const result = evaluate(snapshot);
    expect(keysOf(orgFindings(result)).filter((k) => k.includes('222222222222'))).toEqual([key('ORG-003', '222222222222', 'eu-south-2', '222222222222')]);
    expect(result.coverage).toContain(key('ORG-009', '222222222222', 'eu-south-2', arn));
  });

  it('is not evaluated for a member whose role could not be assumed, or a SUSPENDED one', () => {
    const { snapshot } = optInHomedOrg();
    snapshot.accountData['222222222222'] = { error: { code: 'AccessDenied' }, regions: snapshot.accountData['222222222222'].regions };
    suspend(snapshot, '333333333333');
    const result = evaluate(snapshot);
    const accountsWithOrg003 = orgFindings(result).filter((f) => f.checkId === 'ORG-003').map((f) => f.accountId);
    expect(accountsWithOrg003).toEqual(['444444444444']);
    expect(result.coverage).not.toContain(key('ORG-003', '222222222222', 'eu-south-2', '222222222222'));
    expect(result.coverage).not.toContain(key('ORG-003', '333333333333', 'eu-south-2', '333333333333'));
  });
});

describe('ORG-004 CloudTrail trusted access', () => {
  it('fires when cloudtrail.amazonaws.com is not an enabled service principal', () => {
    const snapshot = healthyOrg();
    snapshot.enabledServicePrincipals = [{ ServicePrincipal: 'account.amazonaws.com' }];
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([orgKey('ORG-004')]);
    expect(findings[0].detail).toContain('account.amazonaws.com');
    expect(findings[0].remediation).toContain('aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com');
  });

  it('is not evaluated when the trusted services could not be listed', () => {
    const snapshot = healthyOrg();
    snapshot.enabledServicePrincipals = { error: { code: 'AccessDeniedException' } };
    const result = evaluate(snapshot);
    expect(orgFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(orgKey('ORG-004'));
  });
});

describe("ORG-005 resource policy denies CloudTrail's service-linked role", () => {
  function withPolicy(statements: object[]): ListedSnapshot {
    const snapshot = healthyOrg();
    snapshot.resourcePolicy = { Content: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
    return snapshot;
  }

  it('fires on a Deny to everyone of an action the role needs, naming the statement and the action', () => {
    const snapshot = withPolicy([
      { Sid: 'AllowDelegatedRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'organizations:Describe*', Resource: '*' },
      { Sid: 'NoListing', Effect: 'Deny', Principal: '*', Action: 'organizations:ListAccounts', Resource: '*' },
    ]);
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([orgKey('ORG-005')]);
    expect(findings[0].detail).toContain('NoListing');
    expect(findings[0].detail).toContain('organizations:ListAccounts');
    expect(findings[0].detail).not.toContain('organizations:DescribeOrganization');
  });

  it('fires, saying so, when the policy cannot be parsed (the conservative reading); a readable Allow-only policy stays quiet', () => {
    const broken = healthyOrg();
    broken.resourcePolicy = { Content: '{"Version": "2012-10-17", "Statement": [' };
    const findings = orgFindings(evaluate(broken));
    expect(keysOf(findings)).toEqual([orgKey('ORG-005')]);
    expect(findings[0].detail).toContain('could not be evaluated');
    const readable = withPolicy([{ Sid: 'AllowRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'organizations:Describe*', Resource: '*' }]);
    expect(orgFindings(evaluate(readable))).toEqual([]);
  });

  it("fires on a Deny whose NotPrincipal names only CloudTrail's service-linked role: naming the role exempts none of its sessions", () => {
    const slr = `arn:aws:iam::${MANAGEMENT}:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail`;
    const snapshot = withPolicy([{ Sid: 'OnlyCloudTrail', Effect: 'Deny', NotPrincipal: { AWS: slr }, Action: 'organizations:*', Resource: '*' }]);
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([orgKey('ORG-005')]);
    expect(findings[0].detail).toContain('OnlyCloudTrail');
  });

  it('fires on a Deny that names the management account and matches the actions by wildcard', () => {
    const snapshot = withPolicy([{ Sid: 'LockDown', Effect: 'Deny', Principal: { AWS: MANAGEMENT }, Action: 'organizations:List*', Resource: '*' }]);
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([orgKey('ORG-005')]);
    expect(findings[0].detail).toContain('organizations:ListAWSServiceAccessForOrganization');
  });

  it('counts a Deny whose condition operator is unknown, and says so', () => {
    const snapshot = withPolicy([
      { Sid: 'Odd', Effect: 'Deny', Principal: '*', Action: 'organizations:DescribeOrganization', Resource: '*', Condition: { StringMatchesRegex: { 'aws:PrincipalArn': '.*' } } },
    ]);
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([orgKey('ORG-005')]);
    expect(findings[0].detail).toContain('StringMatchesRegex');
  });

  it('stays quiet for a Deny of another principal, of an unrelated action, or whose condition excludes the role', () => {
    const snapshot = withPolicy([
      { Sid: 'OtherRole', Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111111111111:role/SomeoneElse' }, Action: 'organizations:*', Resource: '*' },
      { Sid: 'OtherAccount', Effect: 'Deny', Principal: { AWS: '222222222222' }, Action: 'organizations:*', Resource: '*' },
      { Sid: 'Unrelated', Effect: 'Deny', Principal: '*', Action: 'organizations:LeaveOrganization', Resource: '*' },
      { Sid: 'OutsidersOnly', Effect: 'Deny', Principal: '*', Action: 'organizations:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG_ID } } },
    ]);
    const result = evaluate(snapshot);
    expect(orgFindings(result)).toEqual([]);
    expect(result.coverage).toContain(orgKey('ORG-005'));
  });

  it('is evaluated and quiet when the organization has no resource policy, and not evaluated when it could not be read', () => {
    const none = healthyOrg();
    none.resourcePolicy = null;
    expect(evaluate(none).coverage).toContain(orgKey('ORG-005'));
    const failed = healthyOrg();
    failed.resourcePolicy = { error: { code: 'AccessDeniedException' } };
    const result = evaluate(failed);
    expect(orgFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(orgKey('ORG-005'));
  });
});

describe("ORG-006 CloudTrail's service-linked role", () => {
  it('fires when the role does not exist in the management account', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[MANAGEMENT].cloudTrailServiceLinkedRole = null;
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('ORG-006', MANAGEMENT, null, SLR)]);
    expect(findings[0].remediation).toContain('aws iam create-service-linked-role --aws-service-name cloudtrail.amazonaws.com');
  });

  it('is not evaluated when the role could not be read', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[MANAGEMENT].cloudTrailServiceLinkedRole = { error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(orgFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(key('ORG-006', MANAGEMENT, null, SLR));
  });
});

describe('ORG-007 feature set', () => {
  it('fires when the organization has consolidated billing only', () => {
    const snapshot = healthyOrg();
    (snapshot.organization as { FeatureSet?: string }).FeatureSet = 'CONSOLIDATED_BILLING';
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([orgKey('ORG-007')]);
    expect(findings[0].detail).toContain('CONSOLIDATED_BILLING');
  });

  it('evaluates no organization-wide check when the organization could not be described', () => {
    const snapshot = healthyOrg();
    snapshot.organization = { error: { code: 'AccessDeniedException' } };
    const result = evaluate(snapshot);
    expect(orgFindings(result)).toEqual([]);
    expect([...result.coverage].filter((k) => /^ORG-00[14578]#/.test(k))).toEqual([]);
  });
});

describe('ORG-008 us-east-1 not recorded', () => {
  it('fires when the only logging org trail is single-region in another region', () => {
    const snapshot = healthyOrg();
    const arn = rehomeOrgTrail(snapshot, 'eu-west-1', false);
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('ORG-002', MANAGEMENT, 'eu-west-1', arn), orgKey('ORG-008')]);
    const org008 = findings.find((f) => f.checkId === 'ORG-008')!;
    expect(org008.detail).toContain('us-east-1');
    expect(org008.remediation).toContain(`aws cloudtrail update-trail --name ${arn} --is-multi-region-trail --region eu-west-1`);
  });

  it('stays quiet for a single-region org trail homed in us-east-1, and for a multi-region one elsewhere', () => {
    const inUsEast1 = healthyOrg();
    inUsEast1.accountData[MANAGEMENT].regionData![HOME].trails![0].IsMultiRegionTrail = false;
    expect(orgFindings(evaluate(inUsEast1)).map((f) => f.checkId)).toEqual(['ORG-002']);
    const multiRegionElsewhere = healthyOrg();
    rehomeOrgTrail(multiRegionElsewhere, 'eu-west-1', true);
    const result = evaluate(multiRegionElsewhere);
    expect(orgFindings(result)).toEqual([]);
    expect(result.coverage).toContain(orgKey('ORG-008'));
  });

  it('leaves an organization without any logging org trail to ORG-001', () => {
    const snapshot = healthyOrg();
    const arn = rehomeOrgTrail(snapshot, 'eu-west-1', false);
    (snapshot.accountData[MANAGEMENT].regionData!['eu-west-1'].trailStatus![arn] as SnapshotTrailStatus).IsLogging = false;
    expect(orgFindings(evaluate(snapshot)).map((f) => f.checkId)).toEqual(['ORG-001', 'ORG-002']);
  });
});

describe('ORG-009 member not covered', () => {
  function dropOrgTrailFromMemberView(snapshot: ListedSnapshot, accountId: string): void {
    const view = snapshot.accountData[accountId].regionData![HOME];
    view.trails = view.trails!.filter((trail) => trail.TrailARN !== TRAIL);
  }

  it("fires when the member's home-region DescribeTrails does not list the org trail", () => {
    const snapshot = healthyOrg();
    dropOrgTrailFromMemberView(snapshot, '333333333333');
    const findings = orgFindings(evaluate(snapshot));
    expect(keysOf(findings)).toEqual([key('ORG-009', '333333333333', HOME, TRAIL)]);
    expect(findings[0].detail).toContain('no trail');
  });

  it('stays quiet, uncovered, for a member inside its grace period', () => {
    const snapshot = healthyOrg();
    dropOrgTrailFromMemberView(snapshot, '333333333333');
    snapshot.accounts.find((a) => a.Id === '333333333333')!.JoinedTimestamp = '2026-11-21T12:00:00.000Z';
    const result = evaluate(snapshot);
    expect(orgFindings(result)).toEqual([]);
    expect(result.coverage).not.toContain(key('ORG-009', '333333333333', HOME, TRAIL));
  });

  it('stays quiet for a SUSPENDED member, one whose role could not be assumed, and one whose home region failed', () => {
    const snapshot = healthyOrg();
    dropOrgTrailFromMemberView(snapshot, '222222222222');
    suspend(snapshot, '222222222222');
    snapshot.accountData['333333333333'] = { error: { code: 'AccessDenied' } };
    snapshot.accountData['444444444444'].regionData![HOME] = { error: { code: 'ThrottlingException' } };
    const result = evaluate(snapshot);
    expect(orgFindings(result)).toEqual([]);
    for (const member of ['222222222222', '333333333333', '444444444444']) {
      expect(result.coverage).not.toContain(key('ORG-009', member, HOME, TRAIL));
    }
  });
});
