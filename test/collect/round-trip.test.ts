import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../lambda/checks/evaluate';
import { collectOrganization } from '../../lambda/collect';
import type { Snapshot } from '../../lambda/snapshot/types';
import { syntheticMemberId, syntheticOrganization } from '../../bench/synthetic-org';
import { guardrailOrg } from '../support/guardrail-organization';
import { withMembers } from '../support/simulated-members';
import { SimulatedOrganization } from '../support/simulated-org';
import { healthyOrg } from '../support/snapshots';

const FIXTURES = join(__dirname, '..', 'fixtures');
const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** Every bundled snapshot: the test fixtures (copies of the shared examples) and the project's examples. */
function bundledSnapshots(): [string, Snapshot][] {
  const files = [FIXTURES, EXAMPLES].flatMap((dir) => {
    try {
      return readdirSync(dir).filter((name) => name.endsWith('.json')).map((name) => join(dir, name));
    } catch {
      return [];
    }
  });
  return files.map((file) => [file.replace(`${join(__dirname, '..', '..')}/`, ''), JSON.parse(readFileSync(file, 'utf8')) as Snapshot]);
}

/** The log archive account, when a snapshot's bucket was read there rather than in the management account. */
function logArchiveOf(snapshot: Snapshot): string | undefined {
  return Object.values(snapshot.buckets ?? {})
    .map((bucket) => bucket.ownerAccountId)
    .find((owner) => owner && owner !== snapshot.auditorAccountId);
}

describe('collecting a simulated organization gives the same findings as its snapshot', () => {
  test.each(bundledSnapshots())('%s', async (_name, original) => {
    const organization = new SimulatedOrganization(original);
    const { snapshot, stats } = await collectOrganization({
      clients: organization.clientFactory(),
      logArchiveAccountId: logArchiveOf(original),
      now: () => new Date(original.capturedAt),
    });

    expect(stats.complete).toBe(true);
    expect(snapshot.capturedAt).toBe(original.capturedAt);
    expect(Object.keys(snapshot.accountData).sort()).toEqual(Object.keys(original.accountData).sort());
    expect(evaluate(asCollectedBy(original, snapshot)).findings).toEqual(evaluate(original).findings);
  });
});

/**
 * The collected snapshot less the v2 reads its original did not record (a v1 snapshot says
 * nothing of guardrails: the simulation answers them with a default organization, which the
 * original's findings cannot reflect). A snapshot that records them compares in full.
 */
function asCollectedBy(original: Snapshot, collected: Snapshot): Snapshot {
  const copy = structuredClone(collected);
  for (const key of ['roots', 'accountPaths', 'targetPolicies'] as const) if (!(key in original)) delete copy[key];
  for (const [name, bucket] of Object.entries(copy.buckets ?? {})) {
    if (!original.buckets?.[name] || !('requestPayment' in original.buckets[name])) delete bucket.requestPayment;
  }
  return copy;
}

test('a v1 snapshot collected again gains the v2 reads, answered by the default organization', async () => {
  const original = healthyOrg();
  const { snapshot } = await collectOrganization({
    clients: new SimulatedOrganization(original).clientFactory(),
    logArchiveAccountId: '222222222222',
    now: () => new Date(original.capturedAt),
  });
  expect(snapshot.roots).toEqual([expect.objectContaining({ Id: 'r-sim0' })]);
  expect(snapshot.accountPaths).toEqual({ '111111111111': ['r-sim0'], '222222222222': ['r-sim0'] });
  expect(Object.keys(snapshot.targetPolicies ?? {})).toEqual(['111111111111', '222222222222', 'r-sim0']);
  expect(snapshot.buckets?.['org-trail-logs-222222222222']?.requestPayment).toBe('BucketOwner');
});

test('a snapshot with every v2 addition round-trips: an incomplete account list, roots, paths, policies, request payment', async () => {
  const original = withMembers(guardrailOrg(), 36, '444444444444'); // 40 accounts: two full pages
  original.accountsIncomplete = { code: 'TooManyRequestsException', message: 'Rate exceeded' };
  const { snapshot, stats } = await collectOrganization({
    clients: new SimulatedOrganization(original).clientFactory(),
    logArchiveAccountId: '222222222222',
    now: () => new Date(original.capturedAt),
  });

  expect(stats.complete).toBe(false);
  for (const key of ['accounts', 'accountsIncomplete', 'roots', 'accountPaths', 'targetPolicies'] as const) expect(snapshot[key]).toEqual(original[key]);
  expect(snapshot.buckets?.['org-trail-logs-222222222222']?.requestPayment).toBe('BucketOwner');
  expect(evaluate(snapshot).findings).toEqual(evaluate(original).findings);
});

test('a synthetic organization with every kind of seeded fault round-trips too', async () => {
  const original = syntheticOrganization({
    members: 40,
    faults: { unreachableMembers: 3, uncoveredMembers: 2, unreadableMembers: 2, staleEvidence: 5 },
  });
  const organization = new SimulatedOrganization(original);
  const { snapshot } = await collectOrganization({
    clients: organization.clientFactory(),
    logArchiveAccountId: syntheticMemberId(1),
    now: () => new Date(original.capturedAt),
  });
  const expected = evaluate(original).findings;
  expect(expected.length).toBeGreaterThan(0);
  expect(evaluate(asCollectedBy(original, snapshot)).findings).toEqual(expected);
});
