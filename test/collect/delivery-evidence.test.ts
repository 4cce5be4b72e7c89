import { evidencePlan } from '../../lambda/collect/delivery-evidence';
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

const plan = (trail: OrgTrailTarget, windowStart: string, now: string) =>
  evidencePlan({ trail, organizationId: 'o-abc', accountId: '222222222222', region: 'eu-west-1', windowStart: new Date(windowStart), now: new Date(now) });

test('digests: one query in the day folder, starting after the digest name of the window opening', () => {
  expect(plan(TRAIL, '2026-11-22T07:00:00Z', '2026-11-22T10:00:00Z')).toEqual({
    window: [
      {
        Prefix: 'AWSLogs/o-abc/222222222222/CloudTrail-Digest/eu-west-1/2026/11/22/222222222222_CloudTrail-Digest_eu-west-1_org-trail_us-east-1_',
        StartAfter:
          'AWSLogs/o-abc/222222222222/CloudTrail-Digest/eu-west-1/2026/11/22/222222222222_CloudTrail-Digest_eu-west-1_org-trail_us-east-1_20261122T070000Z',
      },
    ],
    lookBack: [
      'AWSLogs/o-abc/222222222222/CloudTrail-Digest/eu-west-1/2026/11/22/222222222222_CloudTrail-Digest_eu-west-1_org-trail_us-east-1_',
      'AWSLogs/o-abc/222222222222/CloudTrail-Digest/eu-west-1/2026/11/21/222222222222_CloudTrail-Digest_eu-west-1_org-trail_us-east-1_',
    ],
  });
});

test('log files under a key prefix; a window that crosses midnight UTC asks today first, then yesterday after the opening', () => {
  const logs = { ...TRAIL, validatesLogFiles: false, keyPrefix: 'org' };
  expect(plan(logs, '2026-11-21T23:15:00Z', '2026-11-22T02:15:00Z').window).toEqual([
    { Prefix: 'org/AWSLogs/o-abc/222222222222/CloudTrail/eu-west-1/2026/11/22/222222222222_CloudTrail_eu-west-1_' },
    {
      Prefix: 'org/AWSLogs/o-abc/222222222222/CloudTrail/eu-west-1/2026/11/21/222222222222_CloudTrail_eu-west-1_',
      StartAfter: 'org/AWSLogs/o-abc/222222222222/CloudTrail/eu-west-1/2026/11/21/222222222222_CloudTrail_eu-west-1_20261121T2315Z',
    },
  ]);
});

test('a file named for the window opening sorts after StartAfter; one from a minute before does not', () => {
  const { window } = plan({ ...TRAIL, validatesLogFiles: false }, '2026-11-22T07:00:00Z', '2026-11-22T10:00:00Z');
  const query = window[0]!;
  const key = (time: string) => `${query.Prefix}${time}_Mu0KsOhtH1ar15ZZ.json.gz`;
  expect(key('20261122T0700Z') > query.StartAfter!).toBe(true);
  expect(key('20261122T0659Z') > query.StartAfter!).toBe(false);
});
