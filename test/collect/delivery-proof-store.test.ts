import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { evaluate } from '../../lambda/checks/evaluate';
import { collectOrganization, formatCostReport } from '../../lambda/collect';
import { DeliveryProofStore } from '../../lambda/collect/delivery-proof-store';
import { DELIVERY_PROOFS_TABLE } from '../../lambda/collect/delivery-proof-table';
import { createDocumentClient } from '../../lambda/findings/audit-store';
import { createTables, dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { SimulatedOrganization } from '../support/simulated-org';
import { healthyOrg } from '../support/snapshots';

const BUCKET = 'org-trail-logs-222222222222';
const noWait = { maxAttempts: 3, baseDelayMs: 0, sleep: async () => undefined };

let dynalite: RunningDynalite;
let tableCount = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
});
afterAll(async () => {
  await dynalite.close();
});

/** A fresh table per test, and a store on it. */
async function freshStore(clock = () => new Date('2026-11-22T10:00:00Z')) {
  const client = createDocumentClient(dynaliteClient(dynalite.endpoint));
  const names = await createTables(client, [DELIVERY_PROOFS_TABLE], `t${++tableCount}-`);
  const tableName = names[DELIVERY_PROOFS_TABLE.logicalName] as string;
  return { client, tableName, store: new DeliveryProofStore(client, tableName, noWait, clock) };
}

test('proofs written are read back per bucket, account and region; accounts without an item have none', async () => {
  const { store, client, tableName } = await freshStore();
  const written = await store.record([
    { bucket: BUCKET, accountId: '333333333333', region: 'us-east-1', deliveredAt: '2026-11-22T09:55:00.000Z' },
    { bucket: BUCKET, accountId: '333333333333', region: 'eu-west-1', deliveredAt: '2026-11-22T09:41:07.000Z' },
    { bucket: BUCKET, accountId: '444444444444', region: 'us-east-1', deliveredAt: '2026-11-22T09:50:00.000Z' },
  ]);
  expect(written).toEqual({ itemsWritten: 2, regionsKeptNewer: 0 });

  const proofs = await store.read([
    { bucket: BUCKET, accountId: '333333333333' },
    { bucket: BUCKET, accountId: '444444444444' },
    { bucket: BUCKET, accountId: '555555555555' },
    { bucket: BUCKET, accountId: '333333333333' },
  ]);
  expect(proofs.proofOf(BUCKET, '333333333333', 'us-east-1')).toBe('2026-11-22T09:55:00.000Z');
  expect(proofs.proofOf(BUCKET, '333333333333', 'eu-west-1')).toBe('2026-11-22T09:41:07.000Z');
  expect(proofs.proofOf(BUCKET, '444444444444', 'us-east-1')).toBe('2026-11-22T09:50:00.000Z');
  expect(proofs.proofOf(BUCKET, '444444444444', 'eu-west-1')).toBeUndefined();
  expect(proofs.proofOf(BUCKET, '555555555555', 'us-east-1')).toBeUndefined();
  expect(proofs.proofOf('another-bucket', '333333333333', 'us-east-1')).toBeUndefined();

  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { proofId: `${BUCKET}#333333333333` } }));
  expect(Item).toEqual({
    proofId: `${BUCKET}#333333333333`,
    bucket: BUCKET,
    accountId: '333333333333',
    'region:us-east-1': '2026-11-22T09:55:00.000Z',
    'region:eu-west-1': '2026-11-22T09:41:07.000Z',
    expiresAt: Date.parse('2026-12-06T10:00:00Z') / 1000,
  });
});

test('a write never replaces a newer proof: overlapping runs keep the newest per region', async () => {
  const { store } = await freshStore();
  await store.record([
    { bucket: BUCKET, accountId: '333333333333', region: 'us-east-1', deliveredAt: '2026-11-22T09:55:00.000Z' },
    { bucket: BUCKET, accountId: '333333333333', region: 'eu-west-1', deliveredAt: '2026-11-22T08:00:00.000Z' },
  ]);
  // A slower run finishing later: older for us-east-1, newer for eu-west-1.
  const second = await store.record([
    { bucket: BUCKET, accountId: '333333333333', region: 'us-east-1', deliveredAt: '2026-11-22T09:00:00.000Z' },
    { bucket: BUCKET, accountId: '333333333333', region: 'eu-west-1', deliveredAt: '2026-11-22T09:30:00.000Z' },
  ]);
  expect(second).toEqual({ itemsWritten: 1, regionsKeptNewer: 1 });
  // The same proof again changes nothing either.
  expect(await store.record([{ bucket: BUCKET, accountId: '333333333333', region: 'us-east-1', deliveredAt: '2026-11-22T09:55:00.000Z' }])).toEqual({
    itemsWritten: 0,
    regionsKeptNewer: 1,
  });

  const proofs = await store.read([{ bucket: BUCKET, accountId: '333333333333' }]);
  expect(proofs.proofOf(BUCKET, '333333333333', 'us-east-1')).toBe('2026-11-22T09:55:00.000Z');
  expect(proofs.proofOf(BUCKET, '333333333333', 'eu-west-1')).toBe('2026-11-22T09:30:00.000Z');
});

test('reads more accounts than one BatchGetItem takes', async () => {
  const { store } = await freshStore();
  const accounts = Array.from({ length: 230 }, (_, i) => `9000000${String(i).padStart(5, '0')}`);
  await store.record(accounts.map((accountId) => ({ bucket: BUCKET, accountId, region: 'us-east-1', deliveredAt: '2026-11-22T09:55:00.000Z' })));
  const proofs = await store.read(accounts.map((accountId) => ({ bucket: BUCKET, accountId })));
  expect(proofs.size).toBe(230);
});

describe('hourly runs with the proof store', () => {
  const START = Date.parse('2026-11-22T10:00:00Z');
  const HOUR = 3_600_000;
  const STOPPED = '444444444444'; // delivers nothing after the first run

  /** Every member-region of the simulated org delivers a file five minutes before `runAt` (but STOPPED after the first hour). */
  function deliverBefore(organization: SimulatedOrganization, snapshotRegions: Map<string, string[]>, runAt: number) {
    for (const [accountId, regions] of snapshotRegions) {
      if (accountId === STOPPED && runAt > START) continue;
      for (const region of regions) organization.logBucket(BUCKET).deliver(accountId, region, new Date(runAt - 5 * 60_000));
    }
  }

  test('list each member-region once per evidence window, with the findings of a fresh listing every run', async () => {
    const { store } = await freshStore();
    const withStore = new SimulatedOrganization(healthyOrg());
    const fresh = new SimulatedOrganization(healthyOrg());
    const first = await collectOrganization({ clients: fresh.clientFactory(), logArchiveAccountId: '222222222222', now: () => new Date(START) });
    const memberRegions = new Map(
      Object.entries(first.snapshot.buckets?.[BUCKET]?.deliveryEvidence ?? {}).map(([accountId, regions]) => [accountId, Object.keys(regions)]),
    );
    const evidenceRegions = [...memberRegions.values()].reduce((sum, regions) => sum + regions.length, 0);
    expect(evidenceRegions).toBeGreaterThan(6);

    const listingsPerRun: number[] = [];
    const freshListingsPerRun: number[] = [];
    for (let run = 0; run < 7; run++) {
      const runAt = START + run * HOUR;
      deliverBefore(withStore, memberRegions, runAt);
      deliverBefore(fresh, memberRegions, runAt);

      const before = withStore.callsOf('ListObjectsV2').length;
      const priorEvidence = await store.read([...memberRegions.keys()].map((accountId) => ({ bucket: BUCKET, accountId })));
      const kept = await collectOrganization({ clients: withStore.clientFactory(), logArchiveAccountId: '222222222222', now: () => new Date(runAt), priorEvidence });
      await store.record(kept.deliveryProofs);
      listingsPerRun.push(withStore.callsOf('ListObjectsV2').length - before);

      const freshBefore = fresh.callsOf('ListObjectsV2').length;
      const listed = await collectOrganization({ clients: fresh.clientFactory(), logArchiveAccountId: '222222222222', now: () => new Date(runAt) });
      freshListingsPerRun.push(fresh.callsOf('ListObjectsV2').length - freshBefore);

      expect(evaluate(kept.snapshot).findings).toEqual(evaluate(listed.snapshot).findings);
      expect(kept.stats.evidenceFromPriorProofs + kept.deliveryProofs.length).toBeLessThanOrEqual(evidenceRegions);
      if (run === 1) {
        expect(kept.stats.evidenceFromPriorProofs).toBe(evidenceRegions);
        expect(formatCostReport(kept.stats)).toContain(`${evidenceRegions} member-region(s) not listed: an earlier run's proof of delivery still covers the window`);
      }
    }

    // The stopped member's regions are listed every run once its proof has expired (no recent file
    // proves anything); every other member-region once per 180-minute window: runs 0, 3 and 6.
    const stoppedRegions = memberRegions.get(STOPPED)?.length ?? 0;
    const healthyRegions = evidenceRegions - stoppedRegions;
    const lookBack = 1; // a stale member-region lists its window, then the day folder it stopped in
    expect(listingsPerRun).toEqual([
      evidenceRegions,
      0,
      0,
      healthyRegions + stoppedRegions * (1 + lookBack),
      stoppedRegions * (1 + lookBack),
      stoppedRegions * (1 + lookBack),
      healthyRegions + stoppedRegions * (1 + lookBack),
    ]);
    expect(freshListingsPerRun.slice(3)).toEqual([1, 2, 3, 4].map(() => healthyRegions + stoppedRegions * (1 + lookBack)));
    // The stopped member is reported by both, from run 3 on (its last file is then 185 minutes old).
    const stale = await collectOrganization({ clients: withStore.clientFactory(), logArchiveAccountId: '222222222222', now: () => new Date(START + 3 * HOUR) });
    expect(evaluate(stale.snapshot).findings.filter((f) => f.checkId === 'DLV-008').map((f) => f.accountId)).toEqual(
      Array.from({ length: stoppedRegions }, () => STOPPED),
    );
  });
});
