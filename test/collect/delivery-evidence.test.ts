import { evidenceWindowOpening } from '../../lambda/cloudtrail-log-keys';
import { evidencePlan } from '../../lambda/collect/delivery-evidence';
import { newDeliveryProofs } from '../../lambda/collect/member-account-collector';
import type { OrgTrailTarget } from '../../lambda/collect/org-trail-target';

const TRAIL: OrgTrailTarget = {
  arn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
  name: 'org-trail',
  homeRegion: 'us-east-1',
  multiRegion: true,
  bucketName: 'logs',
  keyPrefix: undefined,
  validatesLogFiles: true,
};

const plan = (trail: OrgTrailTarget, capturedAt: string, maxAgeMinutes = 180) =>
  evidencePlan({
    trail,
    organizationId: 'o-abc',
    accountId: '222222222222',
    region: 'eu-west-1',
    opening: evidenceWindowOpening(new Date(capturedAt), maxAgeMinutes),
  });

const DIGESTS = 'AWSLogs/o-abc/222222222222/CloudTrail-Digest/eu-west-1/';
const DIGEST_STEM = '222222222222_CloudTrail-Digest_eu-west-1_org-trail_us-east-1_';

test('digests: one listing of the region folder from the name a digest delivered at the opening would have', () => {
  expect(plan(TRAIL, '2026-11-22T10:00:42Z')).toEqual({
    series: expect.objectContaining({ files: 'digests', accountId: '222222222222', region: 'eu-west-1' }),
    opening: new Date('2026-11-22T07:00:00Z'),
    window: { Prefix: DIGESTS, StartAfter: `${DIGESTS}2026/11/22/${DIGEST_STEM}20261122T070000Z` },
    lookBack: [{ Prefix: `${DIGESTS}2026/11/22/${DIGEST_STEM}` }, { Prefix: `${DIGESTS}2026/11/21/${DIGEST_STEM}` }],
  });
});

test('log files under a key prefix, the window opening the previous year: the listing starts in last year\'s folder', () => {
  const logs = { ...TRAIL, validatesLogFiles: false, keyPrefix: 'org' };
  const folder = 'org/AWSLogs/o-abc/222222222222/CloudTrail/eu-west-1/';
  const { window, lookBack } = plan(logs, '2027-01-01T01:15:30Z');
  expect(window).toEqual({ Prefix: folder, StartAfter: `${folder}2026/12/31/222222222222_CloudTrail_eu-west-1_20261231T2215Z` });
  expect(lookBack.map((q) => q.Prefix)).toEqual([
    `${folder}2026/12/31/222222222222_CloudTrail_eu-west-1_`,
    `${folder}2026/12/30/222222222222_CloudTrail_eu-west-1_`,
  ]);
});

test('a log file named in the opening minute sorts after StartAfter; one named a minute before does not', () => {
  const { window } = plan({ ...TRAIL, validatesLogFiles: false }, '2026-11-22T10:00:59Z');
  const key = (time: string) => `${window.Prefix}2026/11/22/222222222222_CloudTrail_eu-west-1_${time}_Mu0KsOhtH1ar15ZZ.json.gz`;
  expect(key('20261122T0700Z') > window.StartAfter!).toBe(true);
  expect(key('20261122T0659Z') > window.StartAfter!).toBe(false);
});

test('only deliveries a listing proved inside the window are kept as new proofs', () => {
  const opening = new Date('2026-11-22T07:00:00Z');
  const proofs = newDeliveryProofs(
    '222222222222',
    [
      { bucket: 'logs', region: 'us-east-1', evidence: '2026-11-22T09:41:07.000Z', source: 'listing' },
      { bucket: 'logs', region: 'us-east-2', evidence: '2026-11-22T07:00:00.000Z', source: 'listing' },
      { bucket: 'logs', region: 'us-west-2', evidence: '2026-11-22T06:59:00.000Z', source: 'listing' },
      { bucket: 'logs', region: 'eu-west-1', evidence: null, source: 'listing' },
      { bucket: 'logs', region: 'eu-west-2', evidence: { error: { code: 'AccessDenied' } }, source: 'listing' },
      { bucket: 'logs', region: 'eu-west-3', evidence: '2026-11-22T09:00:00.000Z', source: 'prior-proof' },
    ],
    opening,
  );
  expect(proofs).toEqual([
    { bucket: 'logs', accountId: '222222222222', region: 'us-east-1', deliveredAt: '2026-11-22T09:41:07.000Z' },
    { bucket: 'logs', accountId: '222222222222', region: 'us-east-2', deliveredAt: '2026-11-22T07:00:00.000Z' },
  ]);
});
