import { evaluate } from '../../lambda/checks/evaluate';
import { findingKey } from '../../lambda/findings/finding';
import { fixture } from '../support/snapshots';

/** `CHECK ACCOUNT REGION` of each finding, sorted: what the acceptance criteria name. */
function placesOf(name: 'healthy-org' | 'demo-org'): string[] {
  return evaluate(fixture(name))
    .findings.map((finding) => `${finding.checkId} ${finding.accountId} ${finding.region ?? '-'}`)
    .sort();
}

describe('acceptance: the bundled example organizations', () => {
  it('healthy-org yields no finding at all', () => {
    expect(placesOf('healthy-org')).toEqual([]);
  });

  it('demo-org yields exactly its thirteen known faults', () => {
    const findings = placesOf('demo-org');
    const members = ['222222222222', '333333333333', '444444444444', '555555555555', '666666666666'];
    const orgDlvAud = findings.filter((place) => /^(ORG|DLV|AUD)-/.test(place));
    expect(orgDlvAud).toEqual(
      [
        'AUD-001 444444444444 -',
        'DLV-002 111111111111 us-east-1',
        'DLV-003 111111111111 us-east-1',
        'DLV-004 111111111111 us-east-1',
        ...members.map((member) => `DLV-008 ${member} us-east-1`),
      ].sort(),
    );
    expect(findings.filter((place) => /^(CFG|S3)-/.test(place)).map((place) => place.split(' ')[0]).sort()).toEqual(['CFG-006', 'CFG-013', 'S3-002', 'S3-003']);
    expect(findings).toHaveLength(13);
  });

  it('demo-org resolves nothing inside the account the auditor could not enter', () => {
    const { coverage } = evaluate(fixture('demo-org'));
    const inside = [...coverage].filter((key) => key.split('#')[1] === '444444444444').map((key) => key.split('#')[0]);
    expect(inside.sort()).toEqual(['AUD-001', 'DLV-008']);
    expect(coverage).toContain(findingKey({ checkId: 'DLV-008', accountId: '444444444444', region: 'us-east-1', resource: 'org-trail-logs-222222222222' }));
  });
});
