/**
 * The delivery-evidence listing plan against a real S3 listing server (s3rver): key order,
 * StartAfter, Prefix and pagination are S3's, not ours. The keys are written here from CloudTrail's
 * documented naming, independently of lambda/cloudtrail-log-keys.ts.
 */
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { evidenceWindowOpening } from '../../lambda/cloudtrail-log-keys';
import { ApiCallCounter } from '../../lambda/collect/api-call-counter';
import { evidencePlan, findDeliveryEvidence } from '../../lambda/collect/delivery-evidence';
import type { OrgTrailTarget } from '../../lambda/collect/org-trail-target';
import { startS3rver, type RunningS3rver } from '../support/s3rver';

jest.setTimeout(60_000);

const ORG = 'o-a1b2c3d4e5';
const ACCOUNT = '222222222222';
const REGION = 'eu-west-1';

const DIGEST_TRAIL: OrgTrailTarget = {
  arn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
  name: 'org-trail',
  homeRegion: 'us-east-1',
  multiRegion: true,
  bucketName: 'unused',
  keyPrefix: undefined,
  validatesLogFiles: true,
};
const LOG_TRAIL: OrgTrailTarget = { ...DIGEST_TRAIL, validatesLogFiles: false };

let server: RunningS3rver;
let buckets = 0;

beforeAll(async () => {
  server = await startS3rver();
});
afterAll(async () => {
  await server.stop();
});

/** `2026-11-22T09:41:07Z` → { day: '2026/11/22', minute: '20261122T0941', second: '07' } */
function parts(iso: string) {
  const [date = '', time = ''] = iso.split('T');
  const [y, m, d] = date.split('-');
  const [hh, mm, ss = '00'] = time.replace('Z', '').split(':');
  return { day: `${y}/${m}/${d}`, minute: `${y}${m}${d}T${hh}${mm}`, second: ss.slice(0, 2) };
}

interface FileOptions {
  prefix?: string;
  account?: string;
  region?: string;
  trailName?: string;
  backfill?: boolean;
  unique?: string;
}

function digestKey(iso: string, o: FileOptions = {}): string {
  const { day, minute, second } = parts(iso);
  const account = o.account ?? ACCOUNT;
  const region = o.region ?? REGION;
  return (
    `${o.prefix ?? ''}AWSLogs/${ORG}/${account}/CloudTrail-Digest/${region}/${day}/` +
    `${account}_CloudTrail-Digest_${region}_${o.trailName ?? 'org-trail'}_us-east-1_${minute}${second}Z${o.backfill ? '_backfill' : ''}.json.gz`
  );
}

function logKey(iso: string, o: FileOptions = {}): string {
  const { day, minute } = parts(iso);
  const account = o.account ?? ACCOUNT;
  const region = o.region ?? REGION;
  return `${o.prefix ?? ''}AWSLogs/${ORG}/${account}/CloudTrail/${region}/${day}/${account}_CloudTrail_${region}_${minute}Z_${o.unique ?? 'Mu0KsOhtH1ar15ZZ'}.json.gz`;
}

async function bucketWith(keys: readonly string[]): Promise<string> {
  const bucket = `evidence-${++buckets}`;
  await server.createBucket(bucket);
  const s3 = server.client();
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(keys.slice(i, i + 50).map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: '{}' }))));
  }
  return bucket;
}

async function evidenceIn(bucket: string, trail: OrgTrailTarget, capturedAt: string, maxAgeMinutes = 180) {
  const s3 = server.client();
  const counter = new ApiCallCounter();
  s3.middlewareStack.use(counter.plugin);
  const opening = evidenceWindowOpening(new Date(capturedAt), maxAgeMinutes);
  const value = await findDeliveryEvidence(s3, bucket, evidencePlan({ trail, organizationId: ORG, accountId: ACCOUNT, region: REGION, opening }));
  return { value, listings: counter.byOperationName().ListObjectsV2 ?? 0 };
}

/** Hourly digests from `from`, `count` of them, at 41:07 past the hour. */
function hourlyDigests(from: string, count: number, o: FileOptions = {}): string[] {
  const start = Date.parse(from);
  return Array.from({ length: count }, (_, i) => digestKey(new Date(start + i * 3_600_000).toISOString(), o));
}

describe('healthy delivery: one listing, the newest delivery of the window', () => {
  test('digests of one day, judged to the second', async () => {
    const bucket = await bucketWith(hourlyDigests('2026-11-22T00:41:07Z', 10)); // … 09:41:07
    expect(await evidenceIn(bucket, DIGEST_TRAIL, '2026-11-22T10:00:00Z')).toEqual({ value: '2026-11-22T09:41:07.000Z', listings: 1 });
  });

  test('log files, judged to the minute', async () => {
    const keys = ['2026-11-22T06:55:00Z', '2026-11-22T08:05:00Z', '2026-11-22T09:50:00Z'].map((t, i) => logKey(t, { unique: `Unique${i}AAAAAAAAAA` }));
    const bucket = await bucketWith(keys);
    expect(await evidenceIn(bucket, LOG_TRAIL, '2026-11-22T10:00:30Z')).toEqual({ value: '2026-11-22T09:50:00.000Z', listings: 1 });
  });

  test('a window across midnight: today\'s first digest is the newest', async () => {
    const bucket = await bucketWith(hourlyDigests('2026-11-21T18:41:07Z', 6)); // 18:41:07 … 23:41:07 on the 21st
    const withToday = await bucketWith([...hourlyDigests('2026-11-21T18:41:07Z', 6), digestKey('2026-11-22T00:20:31Z')]);
    expect(await evidenceIn(withToday, DIGEST_TRAIL, '2026-11-22T00:30:00Z')).toEqual({ value: '2026-11-22T00:20:31.000Z', listings: 1 });
    // Before today's first digest: yesterday's newest, still one listing.
    expect(await evidenceIn(bucket, DIGEST_TRAIL, '2026-11-22T00:10:00Z')).toEqual({ value: '2026-11-21T23:41:07.000Z', listings: 1 });
  });

  test('a window across the year end', async () => {
    const bucket = await bucketWith([logKey('2026-12-31T22:10:00Z'), logKey('2026-12-31T23:59:00Z'), logKey('2027-01-01T00:55:00Z')]);
    expect(await evidenceIn(bucket, LOG_TRAIL, '2027-01-01T01:00:00Z')).toEqual({ value: '2027-01-01T00:55:00.000Z', listings: 1 });
    const lastYearOnly = await bucketWith([logKey('2026-12-31T22:10:00Z'), logKey('2026-12-31T23:59:00Z')]);
    expect(await evidenceIn(lastYearOnly, LOG_TRAIL, '2027-01-01T01:00:00Z')).toEqual({ value: '2026-12-31T23:59:00.000Z', listings: 1 });
  });
});

test('a busy folder of more than 1,000 files in the window: the pages are followed to the newest', async () => {
  // 1,100 log files between 07:00 and 09:59, several per minute, as a busy account-region writes them.
  const keys = Array.from({ length: 1100 }, (_, i) => {
    const at = new Date(Date.parse('2026-11-22T07:00:00Z') + Math.floor((i * 180) / 1100) * 60_000).toISOString();
    return logKey(at, { unique: `Busy${String(i).padStart(12, '0')}` });
  });
  const bucket = await bucketWith(keys);
  expect(await evidenceIn(bucket, LOG_TRAIL, '2026-11-22T10:00:00Z')).toEqual({ value: '2026-11-22T09:59:00.000Z', listings: 2 });
});

test('another trail\'s digests and backfill digests in the same folder are not evidence', async () => {
  const ours = digestKey('2026-11-22T06:41:07Z'); // before the window
  const others = [
    digestKey('2026-11-22T09:41:07Z', { trailName: 'other-trail' }),
    digestKey('2026-11-22T09:42:07Z', { trailName: 'org-trail_us-east-1_shadowed' }), // its name extends ours
    digestKey('2026-11-22T09:41:07Z', { backfill: true }),
    digestKey('2026-11-22T09:41:07Z', { account: '333333333333' }),
    digestKey('2026-11-22T09:41:07Z', { region: 'eu-west-2' }),
  ];
  const bucket = await bucketWith([ours, ...others]);
  // Nothing of ours in the window: the window listing, then the look-back finds our 06:41 digest.
  expect(await evidenceIn(bucket, DIGEST_TRAIL, '2026-11-22T10:00:00Z')).toEqual({ value: '2026-11-22T06:41:07.000Z', listings: 2 });

  const withOurs = await bucketWith([ours, ...others, digestKey('2026-11-22T08:41:07Z')]);
  expect(await evidenceIn(withOurs, DIGEST_TRAIL, '2026-11-22T10:00:00Z')).toEqual({ value: '2026-11-22T08:41:07.000Z', listings: 1 });
});

test('a trail key prefix with or without a trailing slash lists the same folder', async () => {
  const bucket = await bucketWith([logKey('2026-11-22T09:50:00Z', { prefix: 'org/logs/' }), logKey('2026-11-22T09:55:00Z')]);
  for (const keyPrefix of ['org/logs', 'org/logs/']) {
    expect(await evidenceIn(bucket, { ...LOG_TRAIL, keyPrefix }, '2026-11-22T10:00:00Z')).toEqual({ value: '2026-11-22T09:50:00.000Z', listings: 1 });
  }
  expect(await evidenceIn(bucket, LOG_TRAIL, '2026-11-22T10:00:00Z')).toEqual({ value: '2026-11-22T09:55:00.000Z', listings: 1 });
});

test('no file at all: the window and the two look-back day folders are listed, and null recorded', async () => {
  const bucket = await bucketWith([logKey('2026-11-19T09:50:00Z')]);
  expect(await evidenceIn(bucket, LOG_TRAIL, '2026-11-22T10:00:00Z')).toEqual({ value: null, listings: 3 });
});

test('the reproduction: a file named in the window\'s first minute, written seconds before the cutoff, is inside the window', async () => {
  // Write the file first, then place capturedAt so that its LastModified is 20 s before
  // capturedAt − 180 min while its name says the window's opening minute.
  const probe = await bucketWith([]);
  await server.client().send(new PutObjectCommand({ Bucket: probe, Key: 'probe', Body: '{}' }));
  const { LastModified } = await server.client().send(new HeadObjectCommand({ Bucket: probe, Key: 'probe' }));
  const written = (LastModified as Date).getTime();
  const capturedAt = new Date(written + 180 * 60_000 + 20_000);
  const opening = evidenceWindowOpening(capturedAt, 180);
  const key = logKey(opening.toISOString());
  const bucket = await bucketWith([key]);
  const { LastModified: fileWritten } = await server.client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  expect((fileWritten as Date).getTime()).toBeLessThan(capturedAt.getTime() - 180 * 60_000);

  expect(await evidenceIn(bucket, LOG_TRAIL, capturedAt.toISOString())).toEqual({ value: opening.toISOString(), listings: 1 });
});
