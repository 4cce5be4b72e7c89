import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../lambda/checks/evaluate';
import { collectOrganization } from '../../lambda/collect';
import type { Snapshot } from '../../lambda/snapshot/types';
import { syntheticMemberId, syntheticOrganization } from '../../bench/synthetic-org';
import { SimulatedOrganization } from '../support/simulated-org';

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
    expect(evaluate(snapshot).findings).toEqual(evaluate(original).findings);
  });
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
  expect(evaluate(snapshot).findings).toEqual(expected);
});
