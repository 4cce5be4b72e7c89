import { collectOrganization } from '../../lambda/collect';
import { healthyOrg } from '../support/snapshots';
import { withMembers } from '../support/simulated-members';
import { SimulatedOrganization } from '../support/simulated-org';
import { DEFAULT_REGIONS } from '../support/simulated-regions';

const NOW = () => new Date('2026-11-22T10:00:00.000Z');

test('each member costs at most 4 calls plus one per evidence region', async () => {
  const original = withMembers(healthyOrg(), 12, '222222222222');
  const organization = new SimulatedOrganization(original);
  const { snapshot, stats } = await collectOrganization({ clients: organization.clientFactory(), logArchiveAccountId: '222222222222', now: NOW });

  const members = snapshot.accounts.map((a) => a.Id as string).filter((id) => id.startsWith('9000000'));
  expect(members).toHaveLength(12);
  for (const member of members) {
    const evidenceRegions = Object.keys(snapshot.buckets?.['org-trail-logs-222222222222']?.deliveryEvidence?.[member] ?? {});
    expect(evidenceRegions.sort()).toEqual([...DEFAULT_REGIONS].sort());
    const calls = organization.calls.filter(
      (call) =>
        call.callerAccountId === member ||
        (call.operation === 'AssumeRole' && String(call.input.RoleArn).includes(`::${member}:`)) ||
        (call.operation === 'ListObjectsV2' && String(call.input.Prefix).includes(`/${member}/`)),
    );
    expect(calls.length).toBeLessThanOrEqual(4 + evidenceRegions.length);
    expect(calls.map((c) => c.operation).filter((op) => op !== 'ListObjectsV2').sort()).toEqual([
      'AssumeRole',
      'DescribeRegions',
      'DescribeTrails',
      'GetTrailStatus',
    ]);
  }
  expect(stats.totalApiCalls).toBe(organization.calls.length);
});
