/**
 * The objects a simulated organization's log buckets hold: one CloudTrail file per member and region
 * at each time the snapshot's delivery evidence names, under the key CloudTrail itself would use
 * (AWS CloudTrail User Guide: log file and digest file names). Written from the documentation, not
 * from the collector's code, so that a collector that gets the layout wrong finds nothing.
 *
 * A snapshot only holds evidence for the account-regions its author recorded. For every other
 * account-region an org trail records (a member's home region of the trail, and its enabled
 * regions for a multi-region trail) the bucket holds a file delivered five minutes before
 * capturedAt: what a healthy organization shows, and what keeps evaluation of a collected
 * snapshot equal to the original's.
 */
import type { ApiError, ListedSnapshot, SnapshotTrail } from '../../lambda/snapshot/types';
import { answerOf, isFailed } from '../../lambda/snapshot/types';
import { recordedAccountRegions } from './simulated-regions';

export interface SimulatedObject {
  Key: string;
  LastModified: Date;
  Size: number;
}

export class SimulatedBucketObjects {
  private readonly objects: SimulatedObject[] = [];
  /** Listing under one of these key prefixes fails with the recorded error. */
  private readonly failingPrefixes: { prefix: string; error: ApiError }[] = [];

  private readonly organizationId: string;
  private readonly trail: SnapshotTrail | undefined;

  constructor(bucketName: string, snapshot: ListedSnapshot) {
    const organizationId = answerOf(snapshot.organization)?.Id ?? 'o-unknown';
    const trail = orgTrailWritingTo(bucketName, snapshot);
    this.organizationId = organizationId;
    this.trail = trail;
    const evidence = snapshot.buckets?.[bucketName]?.deliveryEvidence ?? {};
    const healthy = new Date(Date.parse(snapshot.capturedAt) - 5 * 60_000);
    for (const [accountId, regions] of recordedAccountRegions(snapshot, trail)) {
      for (const region of regions) {
        if (!(evidence[accountId] && region in evidence[accountId])) {
          this.objects.push(fileDeliveredAt(trail, accountFolder(trail, organizationId, accountId, region), accountId, region, healthy));
        }
      }
    }
    for (const [accountId, regions] of Object.entries(evidence)) {
      for (const [region, delivered] of Object.entries(regions)) {
        const folder = accountFolder(trail, organizationId, accountId, region);
        if (isFailed(delivered)) this.failingPrefixes.push({ prefix: folder, error: delivered.error });
        else if (typeof delivered === 'string') this.objects.push(fileDeliveredAt(trail, folder, accountId, region, new Date(delivered)));
      }
    }
    this.objects.sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
  }

  /**
   * ListObjectsV2 semantics: keys under Prefix, strictly after StartAfter (or, on a later page, after
   * the continuation token's key), in UTF-8 order, at most MaxKeys, and whether more follow.
   */
  list(prefix: string, after: string | undefined, maxKeys: number): { objects: SimulatedObject[]; truncated: boolean } | { error: ApiError } {
    const failing = this.failingPrefixes.find((entry) => prefix.startsWith(entry.prefix));
    if (failing) return { error: failing.error };
    const from = after && after > prefix ? after : prefix;
    let low = 0;
    let high = this.objects.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const key = (this.objects[middle] as SimulatedObject).Key;
      if (key < from || (after !== undefined && key === after)) low = middle + 1;
      else high = middle;
    }
    const objects: SimulatedObject[] = [];
    let index = low;
    for (; index < this.objects.length && objects.length < maxKeys; index++) {
      const object = this.objects[index] as SimulatedObject;
      if (!object.Key.startsWith(prefix)) break;
      objects.push(object);
    }
    const next = this.objects[index];
    return { objects, truncated: objects.length === maxKeys && next !== undefined && next.Key.startsWith(prefix) };
  }

  /** CloudTrail delivers a file of the org trail for the account and region at `at` (LastModified and key time). */
  deliver(accountId: string, region: string, at: Date): void {
    this.put(fileDeliveredAt(this.trail, accountFolder(this.trail, this.organizationId, accountId, region), accountId, region, at));
  }

  /** Adds objects (tests of busy folders, other trails' files, backfill digests). */
  put(...objects: SimulatedObject[]): void {
    this.objects.push(...objects);
    this.objects.sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
  }
}

function orgTrailWritingTo(bucketName: string, snapshot: ListedSnapshot): SnapshotTrail | undefined {
  for (const data of Object.values(snapshot.accountData ?? {})) {
    for (const region of Object.values(data.regionData ?? {})) {
      const trail = region.trails?.find((t) => t.IsOrganizationTrail && t.S3BucketName === bucketName);
      if (trail) return trail;
    }
  }
  return undefined;
}

/** `[prefix/]AWSLogs/O-ID/ACCOUNT/CloudTrail[-Digest]/REGION/` */
function accountFolder(trail: SnapshotTrail | undefined, organizationId: string, accountId: string, region: string): string {
  const prefix = trail?.S3KeyPrefix ? `${trail.S3KeyPrefix}/` : '';
  const kind = trail?.LogFileValidationEnabled ? 'CloudTrail-Digest' : 'CloudTrail';
  return `${prefix}AWSLogs/${organizationId}/${accountId}/${kind}/${region}/`;
}

/**
 * Log file: ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE16.json.gz
 * Digest:   ACCOUNT_CloudTrail-Digest_REGION_TRAILNAME_HOMEREGION_YYYYMMDDTHHmmssZ.json.gz
 */
function fileDeliveredAt(trail: SnapshotTrail | undefined, folder: string, accountId: string, region: string, at: Date): SimulatedObject {
  const iso = at.toISOString(); // 2026-11-22T09:29:00.000Z
  const day = `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}`;
  const name = trail?.LogFileValidationEnabled
    ? `${accountId}_CloudTrail-Digest_${region}_${trail.Name}_${trail.HomeRegion}_${stamp}${iso.slice(17, 19)}Z.json.gz`
    : `${accountId}_CloudTrail_${region}_${stamp}Z_${uniqueString(accountId + region + iso)}.json.gz`;
  return { Key: `${folder}${day}/${name}`, LastModified: at, Size: 1024 };
}

/** The 16 characters that make a log file name unique (deterministic here, so runs repeat). */
function uniqueString(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let hash = 2166136261;
  let out = '';
  for (let i = 0; i < 16; i++) {
    for (const char of seed + i) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    out += alphabet[hash % alphabet.length];
  }
  return out;
}
