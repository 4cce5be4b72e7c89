/**
 * What an organization trail's log bucket holds, as the simulated S3 lists it: for every member
 * and region the trail records, log files (and digest files when the trail validates them) named
 * as CloudTrail names them (lambda/cloudtrail-log-keys.ts for the folders; the AWS CloudTrail User
 * Guide for the file names):
 *
 *   …/CloudTrail/R/YYYY/MM/DD/A_CloudTrail_R_YYYYMMDDTHHmmZ_<16 chars>.json.gz
 *   …/CloudTrail-Digest/R/YYYY/MM/DD/A_CloudTrail-Digest_R_TRAIL_HOMEREGION_YYYYMMDDTHHmmssZ.json.gz
 *
 * The newest delivery of each account-region is the snapshot's `deliveryEvidence` time (five
 * minutes before capturedAt where the snapshot recorded none: a healthy organization), with the
 * two log files delivered five and ten minutes before it, so that listings see folders of several
 * files. `null` evidence is an empty folder; recorded errors make listings under the folder fail.
 */
import { accountRegionFolder } from '../../../lambda/cloudtrail-log-keys';
import type { ApiError, Snapshot, SnapshotTrail } from '../../../lambda/snapshot/types';
import { answerOf, isFailed } from '../../../lambda/snapshot/types';
import { recordedAccountRegions } from '../simulated-regions';

export interface LogBucketObject {
  Key: string;
  LastModified: Date;
  Size: number;
}

/** Log files written before the newest one in each folder, minutes before it. */
const EARLIER_DELIVERIES_MINUTES = [5, 10] as const;

export class LogBucketObjects {
  private readonly objects: LogBucketObject[] = [];
  private readonly failingPrefixes: { prefix: string; error: ApiError }[] = [];

  constructor(bucketName: string, snapshot: Snapshot) {
    const organizationId = answerOf(snapshot.organization)?.Id ?? 'o-unknown';
    const evidence = snapshot.buckets?.[bucketName]?.deliveryEvidence ?? {};
    const healthy = new Date(Date.parse(snapshot.capturedAt) - 5 * 60_000);
    for (const trail of orgTrailsWritingTo(bucketName, snapshot)) {
      for (const [accountId, regions] of recordedAccountRegions(snapshot, trail)) {
        for (const region of regions) {
          const recorded = evidence[accountId]?.[region];
          const folders = (['logs', 'digests'] as const).map((kind) => accountRegionFolder(trail.S3KeyPrefix, organizationId, accountId, region, kind));
          if (recorded !== undefined && isFailed(recorded)) {
            for (const prefix of folders) this.failingPrefixes.push({ prefix, error: recorded.error });
            continue;
          }
          if (recorded === null) continue;
          const delivered = recorded === undefined ? healthy : new Date(recorded);
          for (const minutes of [0, ...EARLIER_DELIVERIES_MINUTES]) {
            this.objects.push(logFile(folders[0] as string, accountId, region, new Date(delivered.getTime() - minutes * 60_000)));
          }
          if (trail.LogFileValidationEnabled) this.objects.push(digestFile(folders[1] as string, trail, accountId, region, delivered));
        }
      }
    }
    this.objects.sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
  }

  get size(): number {
    return this.objects.length;
  }

  /** ListObjectsV2 semantics: keys under Prefix, strictly after StartAfter, in UTF-8 (here: code unit) order, at most maxKeys. */
  list(prefix: string, startAfter: string | undefined, maxKeys: number): LogBucketObject[] | { error: ApiError } {
    const failing = this.failingPrefixes.find((entry) => prefix.startsWith(entry.prefix));
    if (failing) return { error: failing.error };
    const from = startAfter !== undefined && startAfter >= prefix ? startAfter : prefix;
    let low = 0;
    let high = this.objects.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const key = (this.objects[middle] as LogBucketObject).Key;
      if (key < from || key === startAfter) low = middle + 1;
      else high = middle;
    }
    const found: LogBucketObject[] = [];
    for (let i = low; i < this.objects.length && found.length < maxKeys; i++) {
      const object = this.objects[i] as LogBucketObject;
      if (!object.Key.startsWith(prefix)) break;
      found.push(object);
    }
    return found;
  }
}

/** Every organization trail of the snapshot that delivers to the bucket (once each). */
function orgTrailsWritingTo(bucketName: string, snapshot: Snapshot): SnapshotTrail[] {
  const trails = new Map<string, SnapshotTrail>();
  for (const data of Object.values(snapshot.accountData ?? {})) {
    for (const region of Object.values(data.regionData ?? {})) {
      const listed = region.trails && !isFailed(region.trails) ? region.trails : [];
      for (const trail of listed) {
        if (trail.IsOrganizationTrail && trail.S3BucketName === bucketName && trail.TrailARN) trails.set(trail.TrailARN, trail);
      }
    }
  }
  return [...trails.values()];
}

function dayFolder(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/`;
}

/** `YYYYMMDDTHHmm` (log files) or `YYYYMMDDTHHmmss` (digests). */
function compactTime(at: Date, withSeconds: boolean): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${withSeconds ? iso.slice(17, 19) : ''}`;
}

function logFile(folder: string, accountId: string, region: string, at: Date): LogBucketObject {
  const name = `${accountId}_CloudTrail_${region}_${compactTime(at, false)}Z_${uniqueString(`${accountId}${region}${at.toISOString()}`)}.json.gz`;
  return { Key: `${folder}${dayFolder(at)}${name}`, LastModified: at, Size: 2048 };
}

function digestFile(folder: string, trail: SnapshotTrail, accountId: string, region: string, at: Date): LogBucketObject {
  const name = `${accountId}_CloudTrail-Digest_${region}_${trail.Name}_${trail.HomeRegion}_${compactTime(at, true)}Z.json.gz`;
  return { Key: `${folder}${dayFolder(at)}${name}`, LastModified: at, Size: 1024 };
}

/** The 16 characters that make a log file name unique (deterministic, so runs repeat). */
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
