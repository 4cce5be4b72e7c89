import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { collectOrganization } from '../../lambda/collect';
import type { Snapshot } from '../../lambda/snapshot/types';
import { healthyOrg } from '../support/snapshots';
import { SimulatedOrganization } from '../support/simulated-org';

const NOW = () => new Date('2026-11-22T10:00:00.000Z');
const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';
const BUCKET = 'org-trail-logs-222222222222';

test('"not configured" errors (NoSuchBucketPolicy, InsightNotEnabledException, NoSuchEntity, NotFound…) are recorded as null', async () => {
  const original = healthyOrg();
  const bucket = original.buckets![BUCKET]!;
  Object.assign(bucket, { policy: null, policyStatus: null, publicAccessBlock: null, lifecycleRules: null, logging: null, objectLock: null });
  original.accountData['111111111111']!.regionData!['us-east-1']!.insightSelectors = { [TRAIL]: null };
  original.accountData['111111111111']!.cloudTrailServiceLinkedRole = null;
  for (const kind of ['kmsKeys', 'snsTopics', 'logGroups', 'roles'] as const) {
    for (const arn of Object.keys(original[kind] ?? {})) original[kind]![arn] = null;
  }
  const organization = new SimulatedOrganization(original);
  const { snapshot } = await collectOrganization({ clients: organization.clientFactory(), logArchiveAccountId: '222222222222', now: NOW });

  expect(snapshot.buckets?.[BUCKET]).toMatchObject({ policy: null, policyStatus: null, publicAccessBlock: null, lifecycleRules: null, logging: null, objectLock: null });
  expect(snapshot.accountData['111111111111']?.regionData?.['us-east-1']?.insightSelectors).toEqual({ [TRAIL]: null });
  expect(snapshot.accountData['111111111111']?.cloudTrailServiceLinkedRole).toBeNull();
  expect(snapshot.resourcePolicy).toBeNull();
  for (const kind of ['kmsKeys', 'snsTopics', 'logGroups', 'roles'] as const) {
    expect(Object.values(snapshot[kind] ?? {})).toEqual([null]);
  }
  expect(organization.callsOf('GetInsightSelectors')).toHaveLength(1);
});

test('a member that has not enabled a trail\'s home region is not asked there; the simulated AWS would refuse it', async () => {
  const original = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'demo-org.json'), 'utf8')) as Snapshot;
  const organization = new SimulatedOrganization(original);
  const clients = organization.clientFactory();
  const { snapshot } = await collectOrganization({ clients, logArchiveAccountId: '222222222222', now: () => new Date(original.capturedAt) });

  // 555555555555 has not opted in to eu-south-2, the home region of eu-residency-trail.
  expect(Object.keys(snapshot.accountData['555555555555']?.regionData ?? {})).toEqual(['us-east-1']);
  expect(organization.calls.filter((c) => c.callerAccountId === '555555555555' && c.region === 'eu-south-2')).toEqual([]);

  const member = await clients.assume('555555555555');
  await expect(member.cloudTrail('eu-south-2').send(new DescribeTrailsCommand({}))).rejects.toMatchObject({
    name: 'UnrecognizedClientException',
  });
});
