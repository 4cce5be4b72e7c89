import { buildAuditModel } from '../../lambda/checks/model';
import { fixture, healthyOrg } from '../support/snapshots';

describe('buildAuditModel', () => {
  it('finds the organization trail once, with its owner view from the home region', () => {
    const model = buildAuditModel(healthyOrg(), 24);
    expect(model.managementAccountId).toBe('111111111111');
    expect(model.organizationId).toBe('o-a1b2c3d4e5');
    expect(model.orgTrails.map((t) => [t.arn, t.homeRegion, t.ownerAccountId])).toEqual([
      ['arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail', 'us-east-1', '111111111111'],
    ]);
    expect(model.orgTrails[0].status).toMatchObject({ IsLogging: true });
  });

  it('does not take a member-owned or non-organization trail for an org trail', () => {
    const snapshot = healthyOrg();
    const regionData = snapshot.accountData['111111111111'].regionData!['us-east-1'];
    regionData.trails!.push(
      { Name: 'local', TrailARN: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/local', IsOrganizationTrail: false },
      { Name: 'foreign', TrailARN: 'arn:aws:cloudtrail:us-east-1:222222222222:trail/foreign', IsOrganizationTrail: true },
    );
    expect(buildAuditModel(snapshot, 24).orgTrails.map((t) => t.name)).toEqual(['org-trail']);
  });

  it('audits ACTIVE accounts only and keeps the management account out of the members', () => {
    const snapshot = healthyOrg();
    snapshot.accounts[2].State = 'SUSPENDED';
    snapshot.accounts[2].Status = 'SUSPENDED';
    const model = buildAuditModel(snapshot, 24);
    expect(model.auditedAccounts.map((a) => a.Id)).toEqual(['111111111111', '222222222222', '444444444444']);
    expect(model.members.map((a) => a.Id)).toEqual(['222222222222', '444444444444']);
  });

  it.each([
    { State: 'ACTIVE', Status: 'SUSPENDED', audited: true },
    { State: 'PENDING_ACTIVATION', Status: 'ACTIVE', audited: false },
    { State: 'SUSPENDED', Status: 'ACTIVE', audited: false },
    { State: 'PENDING_CLOSURE', Status: 'ACTIVE', audited: false },
    { State: 'CLOSED', Status: undefined, audited: false },
    { State: undefined, Status: 'ACTIVE', audited: true },
    { State: undefined, Status: 'PENDING_CLOSURE', audited: false },
  ] as const)('chooses members by State (Status only when State is absent): State $State, Status $Status → audited $audited', ({ State, Status, audited }) => {
    const snapshot = healthyOrg();
    const account = snapshot.accounts.find((a) => a.Id === '333333333333')!;
    delete account.State;
    delete account.Status;
    if (State) account.State = State;
    if (Status) account.Status = Status;
    const model = buildAuditModel(snapshot, 24);
    expect(model.members.some((a) => a.Id === '333333333333')).toBe(audited);
  });

  it.each([
    { paths: { '111111111111': ['ou-ab12-b', 'ou-ab12-a', 'r-ab12'] }, roots: undefined, expected: 'o-a1b2c3d4e5/r-ab12/ou-ab12-a/ou-ab12-b/' },
    { paths: undefined, roots: [{ Id: 'r-ab12' }], expected: 'o-a1b2c3d4e5/r-ab12/' },
    { paths: { '111111111111': { error: { code: 'AccessDenied' } } }, roots: [{ Id: 'r-ab12' }], expected: 'o-a1b2c3d4e5/r-ab12/' },
    { paths: undefined, roots: undefined, expected: undefined },
  ])('derives the organization path $expected (aws:SourceOrgPaths) from accountPaths, else the root', ({ paths, roots, expected }) => {
    const snapshot = healthyOrg();
    if (paths) snapshot.accountPaths = paths;
    if (roots) snapshot.roots = roots;
    expect(buildAuditModel(snapshot, 24).organizationPath('111111111111')).toBe(expected);
  });

  it('reads region opt-in from account:ListRegions or from ec2:DescribeRegions', () => {
    const model = buildAuditModel(fixture('demo-org'), 24);
    expect(model.regionOptIn('222222222222', 'us-east-1')).toBe('enabled');
    expect(model.regionOptIn('222222222222', 'eu-south-2')).toBe('not-enabled');
    expect(model.regionOptIn('333333333333', 'eu-south-2')).toBe('not-enabled');
    expect(model.regionOptIn('333333333333', 'eu-west-1')).toBe('enabled');
    expect(model.regionOptIn('444444444444', 'us-east-1')).toBe('unknown');
    expect(model.enabledRegions('333333333333')).toEqual(['eu-west-1', 'us-east-1', 'us-east-2', 'us-west-2']);
  });

  it('gives a newly joined account its grace period, counted from capturedAt', () => {
    const snapshot = healthyOrg();
    const model = buildAuditModel(snapshot, 24);
    const account = { ...snapshot.accounts[1], JoinedTimestamp: '2026-11-21T10:00:01.000Z' };
    expect(model.isWithinGrace(account)).toBe(true);
    expect(model.isWithinGrace({ ...account, JoinedTimestamp: '2026-11-21T10:00:00.000Z' })).toBe(false);
  });
});
