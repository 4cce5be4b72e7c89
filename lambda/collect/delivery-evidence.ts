import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { accountRegionFolder } from '../cloudtrail-log-keys';
import type { Recorded } from '../snapshot/types';
import type { OrgTrailTarget } from './org-trail-target';
import { recorded } from './recorded-call';

/** One ListObjectsV2 that looks for a file delivered after the window opened. */
export interface EvidenceQuery {
  Prefix: string;
  StartAfter?: string;
}

/** How one member-region's delivery evidence is looked for. */
export interface EvidencePlan {
  /** Queries for a file delivered within the window, newest day first (MaxKeys 1 each). */
  window: EvidenceQuery[];
  /**
   * When the window holds nothing: the day folders to list whole, newest first, for the newest
   * file delivered before the window (the window's days and the day before), so that a finding can
   * say since when delivery stopped.
   */
  lookBack: string[];
}

const DAY_MS = 86_400_000;

/**
 * Where CloudTrail writes an organization trail's files for one member and region, and how they are
 * named (AWS CloudTrail User Guide, "Finding your CloudTrail log files" and "Digest file structure"):
 *
 *   [prefix/]AWSLogs/O-ID/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz
 *   [prefix/]AWSLogs/O-ID/ACCOUNT/CloudTrail-Digest/REGION/YYYY/MM/DD/
 *       ACCOUNT_CloudTrail-Digest_REGION_TRAILNAME_HOMEREGION_YYYYMMDDTHHmmssZ.json.gz
 *
 * Within a day folder every name starts with the same stem and continues with the delivery time,
 * so names sort by time: the first key after "stem + the window's opening time" is a file
 * delivered since. The stem is used as the Prefix (narrower than the day folder: another trail's
 * digests in the same folder cannot be taken for this one's).
 */
export function evidencePlan(options: {
  trail: OrgTrailTarget;
  organizationId: string;
  accountId: string;
  region: string;
  windowStart: Date;
  now: Date;
}): EvidencePlan {
  const { trail, organizationId, accountId, region, windowStart, now } = options;
  const digest = trail.validatesLogFiles;
  const base = accountRegionFolder(trail.keyPrefix, organizationId, accountId, region, digest ? 'digests' : 'logs');
  const stem = (day: number) =>
    `${base}${datePath(new Date(day))}/${accountId}_${digest ? `CloudTrail-Digest_${region}_${trail.name}_${trail.homeRegion}` : `CloudTrail_${region}`}_`;
  const openingTime = compactTime(windowStart, digest);

  // Newest day first: in a healthy account the first query already finds a file.
  const window: EvidenceQuery[] = [];
  const lookBack: string[] = [];
  const firstDay = startOfUtcDay(windowStart);
  for (let day = startOfUtcDay(now); day >= firstDay; day -= DAY_MS) {
    const prefix = stem(day);
    window.push(day === firstDay ? { Prefix: prefix, StartAfter: prefix + openingTime } : { Prefix: prefix });
    lookBack.push(prefix);
  }
  lookBack.push(stem(firstDay - DAY_MS));
  return { window, lookBack };
}

/**
 * DLV-008's evidence for one member and region: the LastModified of a file delivered within the
 * window (one ListObjectsV2, MaxKeys 1, per day folder the window spans, newest first, stopping at
 * the first file). When there is none, the LastModified of the newest file before the window (a
 * stale time the check reports as such), or null when the look-back finds nothing either; or the
 * listing's error.
 */
export async function findDeliveryEvidence(s3: S3Client, bucket: string, plan: EvidencePlan): Promise<Recorded<string | null>> {
  return recorded(async () => {
    for (const query of plan.window) {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1, ...query }));
      const found = page.Contents?.[0];
      if (found) return (found.LastModified ?? new Date(0)).toISOString();
    }
    for (const Prefix of plan.lookBack) {
      const newest = await newestIn(s3, bucket, Prefix);
      if (newest) return newest.toISOString();
    }
    return null;
  });
}

/** The newest LastModified under a prefix (a day folder: at most a few hundred files). */
async function newestIn(s3: S3Client, Bucket: string, Prefix: string): Promise<Date | undefined> {
  let newest: Date | undefined;
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
    for (const object of page.Contents ?? []) {
      if (object.LastModified && (!newest || object.LastModified > newest)) newest = object.LastModified;
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return newest;
}

function startOfUtcDay(time: Date): number {
  return Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate());
}

function datePath(day: Date): string {
  return `${day.getUTCFullYear()}/${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}`;
}

/** YYYYMMDDTHHmmZ (log files) or YYYYMMDDTHHmmssZ (digest files), in UTC. */
export function compactTime(time: Date, withSeconds: boolean): string {
  const date = `${time.getUTCFullYear()}${pad(time.getUTCMonth() + 1)}${pad(time.getUTCDate())}`;
  const clock = `${pad(time.getUTCHours())}${pad(time.getUTCMinutes())}${withSeconds ? pad(time.getUTCSeconds()) : ''}`;
  return `${date}T${clock}Z`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
