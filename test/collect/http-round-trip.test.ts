/**
 * The collector against the simulated AWS over HTTP: real SDK clients, the production HTTP
 * handler, signing, serializers and retries, pointed at a loopback server by endpoint
 * configuration. Collecting each bundled organization must give the findings its snapshot gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../lambda/checks/evaluate';
import { collectOrganization } from '../../lambda/collect';
import type { Snapshot } from '../../lambda/snapshot/types';
import { syntheticMemberId, syntheticOrganization } from '../../bench/synthetic-org';
import { fastRetries } from '../support/aws-http/fast-retries';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';

const FIXTURES = join(__dirname, '..', 'fixtures');

function fixtures(): [string, Snapshot][] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .map((name) => [name, JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Snapshot]);
}

function logArchiveOf(snapshot: Snapshot): string | undefined {
  return Object.values(snapshot.buckets ?? {})
    .map((bucket) => bucket.ownerAccountId)
    .find((owner) => owner && owner !== snapshot.auditorAccountId);
}

let server: SimulatedAwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('collecting over HTTP gives the findings of the snapshot', () => {
  test.each(fixtures())('%s', async (_name, original) => {
    server = await SimulatedAwsServer.start(original);

    const { snapshot, stats } = await collectOrganization({
      clients: server.clientFactory(),
      logArchiveAccountId: logArchiveOf(original),
      now: () => new Date(original.capturedAt),
    });

    expect(stats.complete).toBe(true);
    expect(Object.keys(snapshot.accountData).sort()).toEqual(Object.keys(original.accountData).sort());
    expect(evaluate(snapshot).findings).toEqual(evaluate(original).findings);
    // Every attempt went over the wire: the server saw at least the calls the collector counted.
    expect(server.totalCalls()).toBeGreaterThanOrEqual(stats.totalApiCalls);
  });
});

test('a synthetic organization with seeded faults round-trips over HTTP', async () => {
  const original = syntheticOrganization({
    members: 30,
    faults: { unreachableMembers: 2, uncoveredMembers: 2, unreadableMembers: 2, staleEvidence: 4 },
  });
  server = await SimulatedAwsServer.start(original, { recordCalls: false });

  const { snapshot } = await collectOrganization({
    // Recorded throttling is answered as throttling: retried to the end, quickly.
    clients: server.clientFactory({ retryStrategy: fastRetries }),
    logArchiveAccountId: syntheticMemberId(1),
    now: () => new Date(original.capturedAt),
  });

  const expected = evaluate(original).findings;
  expect(expected.length).toBeGreaterThan(0);
  expect(evaluate(snapshot).findings).toEqual(expected);
});
