import { compareFindings, findingKey, isAtLeast, parseFindingKey, type Finding } from '../lambda/findings/finding';

const finding = (overrides: Partial<Finding>): Finding => ({
  checkId: 'DLV-001',
  severity: 'CRITICAL',
  accountId: '111111111111',
  region: 'us-east-1',
  resource: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
  title: 't',
  detail: 'd',
  remediation: 'r',
  ...overrides,
});

describe('finding identity', () => {
  it('round-trips through its key, with a null region and a resource that holds #', () => {
    const identity = { checkId: 'ORG-001', accountId: '111111111111', region: null, resource: 'weird#name' };
    expect(findingKey(identity)).toBe('ORG-001#111111111111#-#weird#name');
    expect(parseFindingKey(findingKey(identity))).toEqual(identity);
  });

  it('rejects a string that is not a finding key, naming it', () => {
    expect(() => parseFindingKey('DLV-001')).toThrow('"DLV-001" is not a finding ID');
  });
});

describe('finding order', () => {
  it('sorts by severity, then check, account, region and resource', () => {
    const sorted = [
      finding({ severity: 'LOW', checkId: 'S3-005' }),
      finding({ checkId: 'DLV-002', accountId: '222222222222' }),
      finding({ checkId: 'DLV-002', accountId: '222222222222', region: null }),
      finding({ checkId: 'DLV-002', accountId: '111111111111', resource: 'b' }),
      finding({ checkId: 'DLV-002', accountId: '111111111111', resource: 'a' }),
      finding({ severity: 'HIGH', checkId: 'ORG-002' }),
    ].sort(compareFindings);
    expect(sorted.map((f) => [f.severity, f.checkId, f.accountId, f.region, f.resource])).toEqual([
      ['CRITICAL', 'DLV-002', '111111111111', 'us-east-1', 'a'],
      ['CRITICAL', 'DLV-002', '111111111111', 'us-east-1', 'b'],
      ['CRITICAL', 'DLV-002', '222222222222', null, 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'],
      ['CRITICAL', 'DLV-002', '222222222222', 'us-east-1', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'],
      ['HIGH', 'ORG-002', '111111111111', 'us-east-1', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'],
      ['LOW', 'S3-005', '111111111111', 'us-east-1', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail'],
    ]);
  });

  it('compares severities against a threshold', () => {
    expect(isAtLeast('CRITICAL', 'MEDIUM')).toBe(true);
    expect(isAtLeast('MEDIUM', 'MEDIUM')).toBe(true);
    expect(isAtLeast('LOW', 'MEDIUM')).toBe(false);
  });
});
