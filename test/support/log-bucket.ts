/**
 * An organization trail's log bucket as both simulations of AWS serve it: the in-process one
 * (simulated-org-answers.ts) and the HTTP one (aws-http/, whose ListObjectsV2 is the in-process
 * answer). One model, so that the two cannot come to check different things.
 *
 * The keys are those CloudTrail writes (AWS CloudTrail User Guide, "Finding your CloudTrail log
 * files" and "CloudTrail digest file structure"), written here from the documentation and not from
 * lambda/cloudtrail-log-keys.ts, so that a collector that gets the layout wrong finds nothing:
 *
 *   [P/]AWSLogs/O/A/CloudTrail/R/YYYY/MM/DD/A_CloudTrail_R_YYYYMMDDTHHmmZ_UNIQUE16.json.gz
 *   [P/]AWSLogs/O/A/CloudTrail-Digest/R/YYYY/MM/DD/A_CloudTrail-Digest_R_TRAIL_HOMEREGION_YYYYMMDDTHHmmssZ.json.gz
 *
 * For every org trail writing to the bucket and every member-region it records (recordedAccountRegions)
 * or the snapshot holds `deliveryEvidence` for, the folder holds what that evidence says:
 * - a time: a delivery then (a log file, and a digest when the trail validates log files), after
 *   log files five and ten minutes before it, so that listings see folders of several files;
 * - none recorded (a healthy member-region): the same, delivered five minutes before capturedAt,
 *   which keeps the evaluation of a collected snapshot equal to the original's;
 * - `null`: nothing (an empty folder);
 * - `{error}`: listing under either folder fails with that error.
 */
import { createHash } from 'node:crypto';
import type { ListObjectsV2Output, _Object } from '@aws-sdk/client-s3';
import type { ApiError, ListedSnapshot, SnapshotTrail } from '../../lambda/snapshot/types';
import { answerOf, isFailed } from '../../lambda/snapshot/types';
import { recordedAccountRegions } from './simulated-regions';

export interface LogBucketObject {
  Key: string;
  LastModified: Date;
  Size: number;
}

/** The members of a ListObjectsV2 answer that SDK clients read, in the SDK's own shapes. */
export type ListObjectsV2Page = Required<Pick<ListObjectsV2Output, 'Name' | 'Prefix' | 'KeyCount' | 'MaxKeys' | 'IsTruncated'>> &
  Pick<ListObjectsV2Output, 'StartAfter' | 'ContinuationToken' | 'NextContinuationToken'> & {
    Contents?: (LogBucketObject & Required<Pick<_Object, 'ETag' | 'StorageClass'>>)[];
  };

/** S3 returns at most this many keys per ListObjectsV2 page, whatever MaxKeys asks. */
const MAX_KEYS = 1000;
/** A healthy member-region's newest delivery, minutes before capturedAt. */
const HEALTHY_MINUTES_BEFORE_CAPTURE = 5;
/** The log files written before the newest delivery of each folder, minutes before it. */
const EARLIER_LOG_FILES_MINUTES = [10, 5] as const;

export class LogBucket {
  private readonly byKey = new Map<string, LogBucketObject>();
  /** The objects in key order; undefined after a put, until the next listing. */
  private sorted: LogBucketObject[] | undefined;
  /** Listing under one of these key prefixes fails with the recorded error. */
  private readonly failingPrefixes: { prefix: string; error: ApiError }[] = [];
  private readonly organizationId: string;
  private readonly trails: SnapshotTrail[];

  constructor(
    readonly name: string,
    snapshot: ListedSnapshot,
  ) {
    this.organizationId = answerOf(snapshot.organization)?.Id ?? 'o-unknown';
    this.trails = orgTrailsWritingTo(name, snapshot);
    const evidence = snapshot.buckets?.[name]?.deliveryEvidence ?? {};
    const healthy = new Date(Date.parse(snapshot.capturedAt) - HEALTHY_MINUTES_BEFORE_CAPTURE * 60_000);
    for (const trail of this.trails) {
      const memberRegions = recordedAccountRegions(snapshot, trail);
      for (const [accountId, regions] of Object.entries(evidence)) {
        memberRegions.set(accountId, [...new Set([...(memberRegions.get(accountId) ?? []), ...Object.keys(regions)])]);
      }
      for (const [accountId, regions] of memberRegions) {
        for (const region of regions) {
          const recorded = evidence[accountId]?.[region];
          if (recorded === null) continue;
          if (recorded !== undefined && isFailed(recorded)) {
            for (const kind of ['CloudTrail', 'CloudTrail-Digest'] as const) {
              this.failingPrefixes.push({ prefix: this.folder(trail, accountId, region, kind), error: recorded.error });
            }
            continue;
          }
          const newest = recorded === undefined ? healthy : new Date(recorded);
          for (const minutes of EARLIER_LOG_FILES_MINUTES) this.put(this.logFile(trail, accountId, region, new Date(newest.getTime() - minutes * 60_000)));
          this.deliverOf(trail, accountId, region, newest);
        }
      }
    }
    this.inKeyOrder(); // laid out now, so that no listing pays for it
  }

  /** CloudTrail delivers for the account and region at `at`, for every org trail writing here: a log file, and a digest when the trail validates log files. */
  deliver(accountId: string, region: string, at: Date): void {
    for (const trail of this.trails) this.deliverOf(trail, accountId, region, at);
  }

  /** Adds objects (a test's busy folders, other trails' files, backfill digests); an object of an existing key replaces it, as in S3. */
  put(...objects: LogBucketObject[]): void {
    for (const object of objects) this.byKey.set(object.Key, object);
    this.sorted = undefined;
  }

  /**
   * ListObjectsV2: the keys under Prefix, strictly after StartAfter (or, on a later page, after the
   * continuation token's key, the last one returned), in code-unit order (UTF-8 order for the ASCII
   * keys CloudTrail writes), at most MaxKeys (≤ 1,000); truncated exactly when more keys under the
   * prefix follow. Or the error recorded for the folder listed.
   */
  listObjectsV2(input: { Prefix?: unknown; StartAfter?: unknown; ContinuationToken?: unknown; MaxKeys?: unknown }): ListObjectsV2Page | { error: ApiError } {
    const prefix = input.Prefix === undefined ? '' : String(input.Prefix);
    const failing = this.failingPrefixes.find((entry) => prefix.startsWith(entry.prefix));
    if (failing) return { error: failing.error };
    const maxKeys = Math.min(input.MaxKeys === undefined ? MAX_KEYS : Number(input.MaxKeys), MAX_KEYS);
    const token = input.ContinuationToken === undefined ? undefined : String(input.ContinuationToken);
    const startAfter = input.StartAfter === undefined ? undefined : String(input.StartAfter);
    // The continuation token is opaque to the client; here it is the last key returned.
    const after = token !== undefined ? Buffer.from(token, 'base64url').toString('utf8') : startAfter;

    const objects = this.inKeyOrder();
    const from = after !== undefined && after > prefix ? after : prefix;
    let low = 0;
    let high = objects.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const key = (objects[middle] as LogBucketObject).Key;
      if (key < from || key === after) low = middle + 1;
      else high = middle;
    }
    const contents: LogBucketObject[] = [];
    let index = low;
    for (; index < objects.length && contents.length < maxKeys; index++) {
      const object = objects[index] as LogBucketObject;
      if (!object.Key.startsWith(prefix)) break;
      contents.push(object);
    }
    const next = objects[index];
    const truncated = next !== undefined && next.Key.startsWith(prefix);
    const last = contents[contents.length - 1];
    return {
      Name: this.name,
      Prefix: prefix,
      ...(startAfter !== undefined ? { StartAfter: startAfter } : {}),
      ...(token !== undefined ? { ContinuationToken: token } : {}),
      KeyCount: contents.length,
      MaxKeys: maxKeys,
      IsTruncated: truncated,
      ...(truncated && last ? { NextContinuationToken: Buffer.from(last.Key, 'utf8').toString('base64url') } : {}),
      ...(contents.length > 0
        ? { Contents: contents.map((object) => ({ ...object, ETag: `"${createHash('md5').update(object.Key).digest('hex')}"`, StorageClass: 'STANDARD' as const })) }
        : {}),
    };
  }

  private inKeyOrder(): LogBucketObject[] {
    return (this.sorted ??= [...this.byKey.values()].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0)));
  }

  private deliverOf(trail: SnapshotTrail, accountId: string, region: string, at: Date): void {
    this.put(this.logFile(trail, accountId, region, at));
    if (trail.LogFileValidationEnabled) this.put(this.digestFile(trail, accountId, region, at));
  }

  /** `[P/]AWSLogs/O/A/CloudTrail[-Digest]/R/` */
  private folder(trail: SnapshotTrail, accountId: string, region: string, kind: 'CloudTrail' | 'CloudTrail-Digest'): string {
    const prefix = trail.S3KeyPrefix ? `${trail.S3KeyPrefix}/` : '';
    return `${prefix}AWSLogs/${this.organizationId}/${accountId}/${kind}/${region}/`;
  }

  /** `A_CloudTrail_R_YYYYMMDDTHHmmZ_UNIQUE16.json.gz`, in the day folder of `at`. */
  private logFile(trail: SnapshotTrail, accountId: string, region: string, at: Date): LogBucketObject {
    const { day, minute } = timeParts(at);
    const name = `${accountId}_CloudTrail_${region}_${minute}Z_${uniqueString(accountId + region + at.toISOString())}.json.gz`;
    return { Key: `${this.folder(trail, accountId, region, 'CloudTrail')}${day}${name}`, LastModified: at, Size: 2048 };
  }

  /** `A_CloudTrail-Digest_R_TRAIL_HOMEREGION_YYYYMMDDTHHmmssZ.json.gz`, in the day folder of `at`. */
  private digestFile(trail: SnapshotTrail, accountId: string, region: string, at: Date): LogBucketObject {
    const { day, minute, second } = timeParts(at);
    const name = `${accountId}_CloudTrail-Digest_${region}_${trail.Name}_${trail.HomeRegion}_${minute}${second}Z.json.gz`;
    return { Key: `${this.folder(trail, accountId, region, 'CloudTrail-Digest')}${day}${name}`, LastModified: at, Size: 1024 };
  }
}

/** Every organization trail of the snapshot that delivers to the bucket (once each, however many regions list it). */
function orgTrailsWritingTo(bucketName: string, snapshot: ListedSnapshot): SnapshotTrail[] {
  const trails = new Map<string, SnapshotTrail>();
  for (const data of Object.values(snapshot.accountData ?? {})) {
    for (const region of Object.values(data.regionData ?? {})) {
      for (const trail of region.trails ?? []) {
        if (trail.IsOrganizationTrail && trail.S3BucketName === bucketName) trails.set(trail.TrailARN ?? trail.Name ?? '', trail);
      }
    }
  }
  return [...trails.values()];
}

/** `2026-11-22T09:29:07Z` → { day: '2026/11/22/', minute: '20261122T0929', second: '07' } */
function timeParts(at: Date): { day: string; minute: string; second: string } {
  const iso = at.toISOString();
  const [year, month, date] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  return { day: `${year}/${month}/${date}/`, minute: `${year}${month}${date}T${iso.slice(11, 13)}${iso.slice(14, 16)}`, second: iso.slice(17, 19) };
}

/** The 16 characters that make a log file name unique (deterministic here, so that runs repeat). */
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
