/**
 * The simulated log bucket both simulations of AWS list (test/support/log-bucket.ts): which files
 * a member-region's folders hold for its recorded, healthy, null and failed evidence, and
 * ListObjectsV2's semantics over them. The HTTP side of the same listing, through the real SDK, is
 * http-s3-and-org-reads.test.ts.
 */
import type { ApiError, ListedSnapshot } from '../../lambda/snapshot/types';
import { BUCKET, HOME, MANAGEMENT, ORG_ID, TRAIL } from '../support/healthy-org-names';
import { LogBucket, type ListObjectsV2Page } from '../support/log-bucket';
import { healthyOrg } from '../support/snapshots';

const MEMBER = '222222222222';
const logs = (account: string, region: string, prefix = '') => `${prefix}AWSLogs/${ORG_ID}/${account}/CloudTrail/${region}/`;
const digests = (account: string, region: string) => `AWSLogs/${ORG_ID}/${account}/CloudTrail-Digest/${region}/`;

function page(bucket: LogBucket, input: Parameters<LogBucket['listObjectsV2']>[0]): ListObjectsV2Page {
  const listed = bucket.listObjectsV2(input);
  if ('error' in listed) throw new Error(`listing failed: ${listed.error.code}`);
  return listed;
}

function keys(bucket: LogBucket, Prefix: string): string[] {
  return (page(bucket, { Prefix }).Contents ?? []).map((object) => object.Key);
}

/** Every org-trail copy of the snapshot (each member lists it) changed alike. */
function changeOrgTrail(snapshot: ListedSnapshot, change: { LogFileValidationEnabled?: boolean; S3KeyPrefix?: string }): void {
  for (const data of Object.values(snapshot.accountData)) {
    for (const region of Object.values(data.regionData ?? {})) {
      for (const trail of region.trails ?? []) if (trail.TrailARN === TRAIL) Object.assign(trail, change);
    }
  }
}

function evidenceOf(snapshot: ListedSnapshot): Record<string, Record<string, string | null | { error: ApiError }>> {
  return snapshot.buckets?.[BUCKET]?.deliveryEvidence as Record<string, Record<string, string | null | { error: ApiError }>>;
}

describe('what a member-region holds', () => {
  test('recorded evidence: log files at its time and 5 and 10 minutes before, and the digest at its time', () => {
    const bucket = new LogBucket(BUCKET, healthyOrg()); // 222222222222 us-east-1 delivered at 09:29

    expect(keys(bucket, logs(MEMBER, HOME))).toEqual(
      ['0919', '0924', '0929'].map((time) => expect.stringMatching(new RegExp(`^${logs(MEMBER, HOME)}2026/11/22/${MEMBER}_CloudTrail_${HOME}_20261122T${time}Z_[A-Za-z0-9]{16}\\.json\\.gz$`))),
    );
    expect(keys(bucket, digests(MEMBER, HOME))).toEqual([`${digests(MEMBER, HOME)}2026/11/22/${MEMBER}_CloudTrail-Digest_${HOME}_org-trail_${HOME}_20261122T092900Z.json.gz`]);
  });

  test('no evidence recorded (a healthy member-region): the newest delivery five minutes before capturedAt', () => {
    const bucket = new LogBucket(BUCKET, healthyOrg()); // captured at 10:00; eu-west-1 has no evidence

    expect(keys(bucket, logs(MEMBER, 'eu-west-1')).map((key) => key.split('_')[3])).toEqual(['20261122T0945Z', '20261122T0950Z', '20261122T0955Z']);
    expect(keys(bucket, digests(MEMBER, 'eu-west-1'))).toEqual([expect.stringMatching(/_20261122T095500Z\.json\.gz$/)]);
  });

  test('regions the trail does not record and the management account hold nothing', () => {
    const bucket = new LogBucket(BUCKET, healthyOrg());

    expect(keys(bucket, logs(MEMBER, 'eu-south-2'))).toEqual([]); // not enabled
    expect(keys(bucket, `AWSLogs/${ORG_ID}/${MANAGEMENT}/`)).toEqual([]);
  });

  test('null evidence is an empty folder; a recorded error fails listings under both folders', () => {
    const snapshot = healthyOrg();
    evidenceOf(snapshot)['333333333333'] = { [HOME]: null };
    evidenceOf(snapshot)['444444444444'] = { [HOME]: { error: { code: 'AccessDenied', message: 'Access Denied' } } };
    const bucket = new LogBucket(BUCKET, snapshot);

    expect(keys(bucket, logs('333333333333', HOME))).toEqual([]);
    expect(keys(bucket, digests('333333333333', HOME))).toEqual([]);
    for (const folder of [logs('444444444444', HOME), digests('444444444444', HOME), `${digests('444444444444', HOME)}2026/11/22/`]) {
      expect(bucket.listObjectsV2({ Prefix: folder })).toEqual({ error: { code: 'AccessDenied', message: 'Access Denied' } });
    }
    expect(keys(bucket, logs(MEMBER, HOME))).toHaveLength(3);
  });

  test('a trail that does not validate log files writes log files only, under its S3KeyPrefix', () => {
    const snapshot = healthyOrg();
    changeOrgTrail(snapshot, { LogFileValidationEnabled: false, S3KeyPrefix: 'ct' });
    const bucket = new LogBucket(BUCKET, snapshot);

    expect(keys(bucket, logs(MEMBER, HOME, 'ct/'))).toHaveLength(3);
    expect(keys(bucket, 'ct/AWSLogs/').filter((key) => key.includes('CloudTrail-Digest'))).toEqual([]);
    expect(keys(bucket, 'AWSLogs/')).toEqual([]);
  });

  test('deliver() adds the delivery of every org trail writing to the bucket: a log file, and a digest when it validates', () => {
    const bucket = new LogBucket(BUCKET, healthyOrg());
    bucket.deliver(MEMBER, HOME, new Date('2026-11-22T10:55:12Z'));

    expect(keys(bucket, logs(MEMBER, HOME)).pop()).toMatch(/_20261122T1055Z_[A-Za-z0-9]{16}\.json\.gz$/);
    expect(keys(bucket, digests(MEMBER, HOME)).pop()).toMatch(/_20261122T105512Z\.json\.gz$/);
  });
});

describe('ListObjectsV2', () => {
  const FOLDER = logs(MEMBER, HOME);

  test('StartAfter is exclusive; a continuation picks up after the last key returned; truncated only while keys under the prefix follow', () => {
    const bucket = new LogBucket(BUCKET, healthyOrg());
    const whole = keys(bucket, FOLDER);

    expect((page(bucket, { Prefix: FOLDER, StartAfter: whole[0] }).Contents ?? []).map((o) => o.Key)).toEqual(whole.slice(1));
    const first = page(bucket, { Prefix: FOLDER, MaxKeys: 2 });
    expect(first).toMatchObject({ KeyCount: 2, MaxKeys: 2, IsTruncated: true, NextContinuationToken: expect.any(String) });
    const second = page(bucket, { Prefix: FOLDER, MaxKeys: 2, ContinuationToken: first.NextContinuationToken });
    expect(second).toMatchObject({ KeyCount: 1, IsTruncated: false, ContinuationToken: first.NextContinuationToken });
    expect(second.NextContinuationToken).toBeUndefined();
    expect([...(first.Contents ?? []), ...(second.Contents ?? [])].map((o) => o.Key)).toEqual(whole);
    // The folder's last key: keys of other folders follow, but none under the prefix.
    expect(page(bucket, { Prefix: FOLDER, MaxKeys: 3 })).toMatchObject({ KeyCount: 3, IsTruncated: false });
    expect(page(bucket, { Prefix: FOLDER, StartAfter: whole[2] })).toMatchObject({ KeyCount: 0, IsTruncated: false });
    expect(page(bucket, { Prefix: FOLDER, StartAfter: whole[2] }).Contents).toBeUndefined();
  });

  test('at most 1,000 keys a page, whatever MaxKeys asks', () => {
    const bucket = new LogBucket(BUCKET, healthyOrg());
    const busy = `${FOLDER}2026/11/21/`;
    bucket.put(...Array.from({ length: 1100 }, (_, i) => ({ Key: `${busy}busy-${String(i).padStart(4, '0')}.json.gz`, LastModified: new Date(0), Size: 1 })));

    const first = page(bucket, { Prefix: busy, MaxKeys: 5000 });
    expect(first).toMatchObject({ KeyCount: 1000, MaxKeys: 1000, IsTruncated: true });
    const second = page(bucket, { Prefix: busy, ContinuationToken: first.NextContinuationToken });
    expect(second).toMatchObject({ KeyCount: 100, IsTruncated: false });
    expect(second.Contents?.[0]?.Key).toBe(`${busy}busy-1000.json.gz`);
  });
});
