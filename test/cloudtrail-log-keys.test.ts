import { accountRegionFolder, keyPrefixFolder, logTreePrefix } from '../lambda/cloudtrail-log-keys';

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
