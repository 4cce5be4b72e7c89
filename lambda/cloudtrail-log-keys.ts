/**
 * Where CloudTrail writes in its bucket, the one definition the collector (which lists the keys)
 * and the checks (which ask policies about them and name them in findings) share:
 *
 *   P AWSLogs/ O / A / CloudTrail[-Digest] / R / YYYY/MM/DD / file
 *
 * with P the trail's S3KeyPrefix followed by `/` (empty without one), O the organization ID, A the
 * account and R the region.
 */

/** `P`: the trail's S3KeyPrefix followed by one `/`, or empty when it has none. */
export function keyPrefixFolder(s3KeyPrefix: string | undefined): string {
  const prefix = s3KeyPrefix?.replace(/\/+$/, '') ?? '';
  return prefix ? `${prefix}/` : '';
}

/** `PAWSLogs/`: the tree every log and digest file of the trail is written under. */
export function logTreePrefix(s3KeyPrefix: string | undefined): string {
  return `${keyPrefixFolder(s3KeyPrefix)}AWSLogs/`;
}

/** `PAWSLogs/O/A/CloudTrail/R/` (log files), or `.../CloudTrail-Digest/R/` (digest files). */
export function accountRegionFolder(
  s3KeyPrefix: string | undefined,
  organizationId: string,
  accountId: string,
  region: string,
  files: 'logs' | 'digests',
): string {
  const folder = files === 'digests' ? 'CloudTrail-Digest' : 'CloudTrail';
  return `${logTreePrefix(s3KeyPrefix)}${organizationId}/${accountId}/${folder}/${region}/`;
}

/**
 * The files of one account and region, as CloudTrail names them (AWS CloudTrail User Guide,
 * "Finding your CloudTrail log files" and "CloudTrail digest file structure"):
 *
 *   log file  DAY/A_CloudTrail_R_YYYYMMDDTHHmmZ_UNIQUE.json.gz                  (to the minute)
 *   digest    DAY/A_CloudTrail-Digest_R_TRAIL_HOME_YYYYMMDDTHHmmssZ.json.gz      (to the second)
 *   backfill  DAY/A_CloudTrail-Digest_R_TRAIL_HOME_YYYYMMDDTHHmmssZ_backfill.json.gz
 *
 * with DAY the `YYYY/MM/DD` folder. A digest's name carries its trail (name and home region); a log
 * file's does not. Within a day folder the names of one series share a stem and continue with the
 * delivery time, so they sort by it.
 */
export interface DeliveryFileSeries {
  s3KeyPrefix: string | undefined;
  organizationId: string;
  accountId: string;
  region: string;
  files: 'logs' | 'digests';
  /** The trail's name and home region: named by digests only. */
  trailName: string;
  trailHomeRegion: string;
}

/** `…/R/`: the folder under which every day folder of the series lies. */
export function seriesFolder(series: DeliveryFileSeries): string {
  return accountRegionFolder(series.s3KeyPrefix, series.organizationId, series.accountId, series.region, series.files);
}

/** What every file name of the series starts with, before the delivery time. */
export function seriesFileStem(series: DeliveryFileSeries): string {
  return series.files === 'digests'
    ? `${series.accountId}_CloudTrail-Digest_${series.region}_${series.trailName}_${series.trailHomeRegion}_`
    : `${series.accountId}_CloudTrail_${series.region}_`;
}

/** `…/R/YYYY/MM/DD/STEM`: the key prefix of the series' files in the day folder of `day` (UTC). */
export function dayFileStem(series: DeliveryFileSeries, day: Date): string {
  return `${seriesFolder(series)}${dayFolder(day)}/${seriesFileStem(series)}`;
}

/** The delivery time as the series writes it into a name: `YYYYMMDDTHHmmZ` (logs) or `YYYYMMDDTHHmmssZ` (digests). */
export function deliveryTimeText(time: Date, files: DeliveryFileSeries['files']): string {
  const iso = time.toISOString(); // 2026-11-22T09:41:07.123Z
  const date = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  const clock = `${iso.slice(11, 13)}${iso.slice(14, 16)}${files === 'digests' ? iso.slice(17, 19) : ''}`;
  return `${date}T${clock}Z`;
}

const FILE_TIME = {
  logs: /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]+\.json\.gz$/,
  digests: /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.json\.gz$/,
} as const;

/**
 * The delivery time of a key of the series, at the key's precision (minute for a log file, second
 * for a digest); undefined when the key is not one of the series' files: another account, region
 * or trail, a backfill digest (not evidence of a delivery at that time), or any other object.
 */
export function deliveryTimeOfKey(series: DeliveryFileSeries, key: string): Date | undefined {
  const folder = seriesFolder(series);
  if (!key.startsWith(folder)) return undefined;
  const rest = key.slice(folder.length); // YYYY/MM/DD/NAME
  const stem = seriesFileStem(series);
  const name = rest.slice(11);
  if (!/^\d{4}\/\d{2}\/\d{2}\//.test(rest) || !name.startsWith(stem)) return undefined;
  const match = FILE_TIME[series.files].exec(name.slice(stem.length));
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number?];
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second ?? 0));
  // Reject impossible dates (month 13, 25:00) rather than let Date roll them over.
  return deliveryTimeText(time, series.files) === name.slice(stem.length, stem.length + (series.files === 'digests' ? 16 : 14)) ? time : undefined;
}

/**
 * DLV-008's window opens at `capturedAt − maxAgeMinutes`, truncated to the whole minute: a log
 * file's name says only its minute, so a file named in the opening minute is inside the window.
 * A delivery time `d` is within the window when `d ≥` this opening.
 */
export function evidenceWindowOpening(capturedAt: Date, maxAgeMinutes: number): Date {
  const opening = capturedAt.getTime() - maxAgeMinutes * 60_000;
  return new Date(opening - (((opening % 60_000) + 60_000) % 60_000));
}

function dayFolder(day: Date): string {
  const iso = day.toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
}
