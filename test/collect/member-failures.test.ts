import { evaluate } from '../../lambda/checks/evaluate';
import { collectOrganization } from '../../lambda/collect';
import { healthyOrg } from '../support/snapshots';
import { SimulatedOrganization } from '../support/simulated-org';

const NOW = () => new Date('2026-11-22T10:00:00.000Z');
const ORG_TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';

describe('a member that cannot be entered and a region that errors', () => {
  async function collectBroken() {
    const original = healthyOrg();
    original.accountData['333333333333'] = {
      error: { code: 'AccessDenied', message: 'User: arn:aws:sts::111111111111:assumed-role/audit is not authorized to perform: sts:AssumeRole' },
    };
    const home = original.accountData['444444444444']?.regionData?.['us-east-1'];
    if (!home) throw new Error('fixture changed: 444444444444 has no us-east-1 data');
    original.accountData['444444444444']!.regionData!['us-east-1'] = { error: { code: 'AccessDeniedException', message: 'not authorized to perform cloudtrail:DescribeTrails' } };
    const organization = new SimulatedOrganization(original);
    const result = await collectOrganization({ clients: organization.clientFactory(), logArchiveAccountId: '222222222222', now: NOW });
    return { organization, ...result };
  }

  test('the run completes and records both failures where the snapshot format puts them', async () => {
    const { snapshot, stats } = await collectBroken();

    expect(snapshot.accountData['333333333333']).toEqual({
      error: { code: 'AccessDenied', message: expect.stringContaining('sts:AssumeRole') },
    });
    expect(snapshot.accountData['444444444444']?.regionData?.['us-east-1']).toEqual({
      error: { code: 'AccessDeniedException', message: 'not authorized to perform cloudtrail:DescribeTrails' },
    });
    // The other member is collected in full.
    expect(snapshot.accountData['222222222222']?.regionData?.['us-east-1']?.trailStatus?.[ORG_TRAIL]).toMatchObject({ IsLogging: true });
    expect(stats).toMatchObject({ accountsTotal: 4, accountsAudited: 3, accountsFailed: 1, accountsNotStarted: 0, complete: true });
  });

  test('evaluation reports them as the audit coverage checks', async () => {
    const { snapshot } = await collectBroken();
    const findings = evaluate(snapshot).findings.map((f) => `${f.checkId} ${f.accountId} ${f.region ?? '-'}`);
    expect(findings).toEqual(expect.arrayContaining(['AUD-001 333333333333 -', 'AUD-002 444444444444 us-east-1']));
  });

  test('an account that refused the role is asked once, never again in the run', async () => {
    const { organization } = await collectBroken();
    const attempts = organization.callsOf('AssumeRole').filter((call) => String(call.input.RoleArn).includes('333333333333'));
    expect(attempts).toHaveLength(1);
  });
});
