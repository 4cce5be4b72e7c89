/**
 * Test snapshots: the bundled fixtures, deep-copied so a test can break one thing in a healthy
 * organization without touching the next test's copy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerOf, type ListedSnapshot, type Snapshot } from '../../lambda/snapshot/types';
import { BUCKET, HOME, MANAGEMENT, TRAIL } from './healthy-org-names';

const FIXTURES = join(__dirname, '..', 'fixtures');

export type FixtureName = 'healthy-org' | 'demo-org';

/** A fresh, mutable copy of test/fixtures/NAME.json. */
export function fixture(name: FixtureName): ListedSnapshot {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as ListedSnapshot;
}

/** A fresh copy of the healthy organization: no check fires on it. */
export function healthyOrg(): ListedSnapshot {
  return fixture('healthy-org');
}

/** Members of the healthy organization that brokenHealthyOrg breaks. */
export const STALE_MEMBER = '333333333333';
export const UNCOVERED_MEMBER = '444444444444';

/**
 * The healthy organization, broken: the org trail stopped, two members deliver nothing (DLV-008),
 * and the org trail does not reach one of them (ORG-009, read through that member's own role).
 */
export function brokenHealthyOrg(): ListedSnapshot {
  const snapshot = healthyOrg();
  const status = snapshot.accountData[MANAGEMENT]?.regionData?.[HOME]?.trailStatus?.[TRAIL] as { IsLogging?: boolean };
  status.IsLogging = false;
  const evidence = snapshot.buckets?.[BUCKET]?.deliveryEvidence as Record<string, Record<string, string | null>>;
  (evidence[STALE_MEMBER] as Record<string, string | null>)[HOME] = null;
  (evidence[UNCOVERED_MEMBER] as Record<string, string | null>)[HOME] = null;
  const uncovered = snapshot.accountData[UNCOVERED_MEMBER]?.regionData?.[HOME];
  if (!uncovered) throw new Error('fixture changed: no us-east-1 data for the member');
  uncovered.trails = [];
  uncovered.trailStatus = {};
  return snapshot;
}

/**
 * The snapshot as if captured at `capturedAt`: every delivery time (the bucket's evidence, the
 * trails' status times) moves with the clock, so what was fresh stays fresh. Changes and returns it.
 */
export function recapturedAt<T extends Snapshot>(snapshot: T, capturedAt: string): T {
  const ms = Date.parse(capturedAt) - Date.parse(snapshot.capturedAt);
  const shift = (iso: string) => new Date(Date.parse(iso) + ms).toISOString();
  snapshot.capturedAt = capturedAt;
  for (const bucket of Object.values(snapshot.buckets ?? {})) {
    for (const byRegion of Object.values(bucket.deliveryEvidence ?? {})) {
      for (const [region, time] of Object.entries(byRegion)) if (typeof time === 'string') byRegion[region] = shift(time);
    }
  }
  for (const account of Object.values(snapshot.accountData)) {
    for (const region of Object.values(answerOf(account.regionData) ?? {})) {
      for (const status of Object.values(answerOf(region.trailStatus) ?? {})) {
        const fields = status as Record<string, unknown>;
        for (const key of ['LatestDeliveryTime', 'LatestCloudWatchLogsDeliveryTime', 'LatestDigestDeliveryTime', 'LatestNotificationTime']) {
          if (typeof fields[key] === 'string') fields[key] = shift(fields[key] as string);
        }
      }
    }
  }
  return snapshot;
}
