import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import {
  dayFileStem,
  deliveryTimeOfKey,
  deliveryTimeText,
  seriesFolder,
  type DeliveryFileSeries,
} from '../cloudtrail-log-keys';
import type { Recorded } from '../snapshot/types';
import type { OrgTrailTarget } from './org-trail-target';
import { recorded } from './recorded-call';

/** One ListObjectsV2 chain (its pages followed to the end). */
export interface EvidenceQuery {
  Prefix: string;
  StartAfter?: string;
}

/** How one member-region's delivery evidence is looked for. */
export interface EvidencePlan {
  /** The files looked for: digests when the trail validates log files, else log files. */
  series: DeliveryFileSeries;
  /** The window's opening (whole minute): a file whose key time is at or after it is evidence. */
  opening: Date;
  /**
   * The window's listing: the whole region folder (every day folder under it), starting after the
   * name a file delivered at the opening would have. Day folders sort by date and names within one
   * by delivery time, so this one listing returns every file of the window, across midnight and
   * year ends, and nothing older.
   */
  window: EvidenceQuery;
  /**
   * When the window holds none: the opening's day folder (the files before the opening) and the day
   * before it, listed whole, for the newest delivery before the window (so that a finding can say
   * since when nothing arrived).
   */
  lookBack: EvidenceQuery[];
}

const DAY_MS = 86_400_000;

/** The listing plan of one member and region (see EvidencePlan); `opening` from evidenceWindowOpening. */
export function evidencePlan(options: {
  trail: OrgTrailTarget;
  organizationId: string;
  accountId: string;
  region: string;
  opening: Date;
}): EvidencePlan {
  const { trail, organizationId, accountId, region, opening } = options;
  const series: DeliveryFileSeries = {
    s3KeyPrefix: trail.keyPrefix,
    organizationId,
    accountId,
    region,
    files: trail.validatesLogFiles ? 'digests' : 'logs',
    trailName: trail.name,
    trailHomeRegion: trail.homeRegion,
  };
  const openingDay = dayFileStem(series, opening);
  return {
    series,
    opening,
    window: { Prefix: seriesFolder(series), StartAfter: openingDay + deliveryTimeText(opening, series.files) },
    lookBack: [{ Prefix: openingDay }, { Prefix: dayFileStem(series, new Date(opening.getTime() - DAY_MS)) }],
  };
}

/**
 * DLV-008's evidence for one member and region, judged by the delivery time in each key at the
 * key's precision: the newest delivery within the window (one ListObjectsV2 when it holds at most
 * 1,000 keys); else the newest before it from the look-back listings, which the check reports as
 * stale; else null. Or the listing's error.
 */
export async function findDeliveryEvidence(s3: S3Client, bucket: string, plan: EvidencePlan): Promise<Recorded<string | null>> {
  return recorded(async () => {
    const inWindow = await newestDelivery(s3, bucket, plan.series, plan.window);
    if (inWindow && inWindow >= plan.opening) return inWindow.toISOString();
    for (const query of plan.lookBack) {
      const before = await newestDelivery(s3, bucket, plan.series, query);
      if (before) return before.toISOString();
    }
    return null;
  });
}

/**
 * The newest delivery time among the series' keys a listing returns, every page followed. Keys
 * that are not the series' files (another trail's digests in the same folder, backfill digests,
 * other objects) are passed over.
 */
async function newestDelivery(s3: S3Client, Bucket: string, series: DeliveryFileSeries, query: EvidenceQuery): Promise<Date | undefined> {
  let newest: Date | undefined;
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, ...query, ContinuationToken }));
    for (const object of page.Contents ?? []) {
      const delivered = object.Key ? deliveryTimeOfKey(series, object.Key) : undefined;
      if (delivered && (!newest || delivered > newest)) newest = delivered;
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return newest;
}
