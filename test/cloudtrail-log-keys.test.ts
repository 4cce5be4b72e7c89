import { accountRegionFolder, dayFileStem, deliveryTimeOfKey, deliveryTimeText, evidenceWindowOpening, keyPrefixFolder, logTreePrefix, type DeliveryFileSeries } from '../lambda/cloudtrail-log-keys';

describe('CloudTrail log keys', () => {
  it('puts the trail key prefix, with one slash, before AWSLogs/', () => {
    expect(keyPrefixFolder(undefined)).toBe('');
    expect(keyPrefixFolder('')).toBe('');
    expect(keyPrefixFolder('org/logs')).toBe('org/logs/');
    expect(keyPrefixFolder('org/logs//')).toBe('org/logs/');
    expect(logTreePrefix(undefined)).toBe('AWSLogs/');
    expect(logTreePrefix('org')).toBe('org/AWSLogs/');
  });

  it('names the folder of one account and region, for log files or digest files', () => {
    expect(accountRegionFolder(undefined, 'o-a1b2c3d4e5', '222222222222', 'us-east-1', 'logs')).toBe(
      'AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail/us-east-1/',
    );
    expect(accountRegionFolder('p', 'o-a1b2c3d4e5', '222222222222', 'eu-west-1', 'digests')).toBe(
      'p/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail-Digest/eu-west-1/',
    );
  });
});

describe('delivery time of a key, at the key\'s precision', () => {
  const series = {
    s3KeyPrefix: 'org',
    organizationId: 'o-a1b2c3d4e5',
    accountId: '222222222222',
    region: 'eu-west-1',
    trailName: 'org_trail',
    trailHomeRegion: 'us-east-1',
  } as const;
  const digests: DeliveryFileSeries = { ...series, files: 'digests' };
  const logs: DeliveryFileSeries = { ...series, files: 'logs' };
  const digestFolder = 'org/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail-Digest/eu-west-1/2026/11/22/';
  const logFolder = 'org/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail/eu-west-1/2026/11/22/';

  it.each([
    ['a digest, to the second', digests, `${digestFolder}222222222222_CloudTrail-Digest_eu-west-1_org_trail_us-east-1_20261122T094107Z.json.gz`, '2026-11-22T09:41:07.000Z'],
    ['a log file, to the minute', logs, `${logFolder}222222222222_CloudTrail_eu-west-1_20261122T0941Z_Mu0KsOhtH1ar15ZZ.json.gz`, '2026-11-22T09:41:00.000Z'],
  ])('reads %s', (_what, fileSeries, key, expected) => {
    expect(deliveryTimeOfKey(fileSeries, key)?.toISOString()).toBe(expected);
  });

  it.each([
    ['a backfill digest', digests, `${digestFolder}222222222222_CloudTrail-Digest_eu-west-1_org_trail_us-east-1_20261122T094107Z_backfill.json.gz`],
    ['another trail\'s digest (its name extends ours)', digests, `${digestFolder}222222222222_CloudTrail-Digest_eu-west-1_org_trail_us-east-1_x_us-east-1_20261122T094107Z.json.gz`],
    ['another trail\'s digest', digests, `${digestFolder}222222222222_CloudTrail-Digest_eu-west-1_other_us-east-1_20261122T094107Z.json.gz`],
    ['a digest read as a log file', logs, `${digestFolder}222222222222_CloudTrail-Digest_eu-west-1_org_trail_us-east-1_20261122T094107Z.json.gz`],
    ['another account\'s file', logs, `${logFolder}333333333333_CloudTrail_eu-west-1_20261122T0941Z_Mu0KsOhtH1ar15ZZ.json.gz`],
    ['another region\'s file', logs, `${logFolder}222222222222_CloudTrail_eu-west-2_20261122T0941Z_Mu0KsOhtH1ar15ZZ.json.gz`],
    ['an impossible time', logs, `${logFolder}222222222222_CloudTrail_eu-west-1_20261322T0941Z_Mu0KsOhtH1ar15ZZ.json.gz`],
    ['a file outside the day folders', logs, 'org/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail/eu-west-1/222222222222_CloudTrail_eu-west-1_20261122T0941Z_Mu0KsOhtH1ar15ZZ.json.gz'],
    ['a file without the key prefix', logs, `${logFolder.slice(4)}222222222222_CloudTrail_eu-west-1_20261122T0941Z_Mu0KsOhtH1ar15ZZ.json.gz`],
  ])('passes over %s', (_what, fileSeries, key) => {
    expect(deliveryTimeOfKey(fileSeries, key)).toBeUndefined();
  });

  it('names the day folder of a series and writes times at its precision', () => {
    expect(dayFileStem(digests, new Date('2026-12-31T23:59:59Z'))).toBe(
      'org/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail-Digest/eu-west-1/2026/12/31/222222222222_CloudTrail-Digest_eu-west-1_org_trail_us-east-1_',
    );
    expect(deliveryTimeText(new Date('2026-01-02T03:04:05.678Z'), 'digests')).toBe('20260102T030405Z');
    expect(deliveryTimeText(new Date('2026-01-02T03:04:05.678Z'), 'logs')).toBe('20260102T0304Z');
  });

  it('opens the evidence window on the whole minute', () => {
    expect(evidenceWindowOpening(new Date('2026-11-22T10:00:42.500Z'), 180).toISOString()).toBe('2026-11-22T07:00:00.000Z');
    expect(evidenceWindowOpening(new Date('2026-01-01T01:00:00.000Z'), 120).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });
});
