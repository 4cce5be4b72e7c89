import { collectOrganization } from '../../lambda/collect';
import { healthyOrg } from '../support/snapshots';
import { withMembers } from '../support/simulated-members';
import { SimulatedOrganization } from '../support/simulated-org';

const NOW = () => new Date('2026-11-22T10:00:00.000Z');

function organization() {
  return new SimulatedOrganization(withMembers(healthyOrg(), 25, '222222222222'));
}

test('throttling bursts on every kind of call are retried by the SDK and lose nothing', async () => {
  const calm = organization();
  const expected = await collectOrganization({ clients: calm.clientFactory(), logArchiveAccountId: '222222222222', now: NOW });

  const stormy = organization();
  for (const operation of ['ListAccounts', 'AssumeRole', 'DescribeRegions', 'DescribeTrails', 'GetTrailStatus', 'ListObjectsV2', 'HeadBucket', 'GetBucketPolicy']) {
    stormy.throttle({ operation, times: 6 });
  }
  const throttled = await collectOrganization({ clients: stormy.clientFactory(), logArchiveAccountId: '222222222222', now: NOW });

  expect(throttled.snapshot).toEqual(expected.snapshot);
  expect(throttled.stats.retries).toBe(8 * 6);
  expect(throttled.stats.totalApiCalls).toBe(expected.stats.totalApiCalls);
});

test('a call still throttled after every attempt is recorded as its error, and the run goes on', async () => {
  const stormy = organization();
  stormy.throttle({ operation: 'DescribeTrails', times: 10, callerAccountId: '900000000003' });
  const { snapshot, stats } = await collectOrganization({ clients: stormy.clientFactory(), logArchiveAccountId: '222222222222', now: NOW });

  expect(snapshot.accountData['900000000003']?.regionData?.['us-east-1']).toEqual({ error: { code: 'ThrottlingException', message: 'Rate exceeded' } });
  expect(snapshot.accountData['900000000004']?.regionData?.['us-east-1']?.trails).toHaveLength(1);
  expect(stats.complete).toBe(true);
});
