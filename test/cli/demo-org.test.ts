/**
 * examples/demo-org.json, the organization `npm run demo` audits, and the findings the rules of the
 * check catalog give it. Each fault is there with its root cause and its symptom:
 *   - org-trail's bucket policy lets only the management account write (S3-002) → the owner's
 *     status shows AccessDenied (DLV-002) and no member has recent files in the bucket (DLV-008);
 *   - the CloudWatch Logs role lacks the members' streams (CFG-006) → DLV-003;
 *   - the SNS topic policy names the account root, not CloudTrail (CFG-013) → DLV-004;
 *   - a lifecycle rule expires logs after 30 days (S3-003);
 *   - eu-residency-trail (home eu-south-2, an opt-in region) was stopped 50 minutes ago (DLV-001),
 *     before any evidence went stale; it has no CloudWatch Logs (CFG-005) nor Insights (CFG-010);
 *   - 555555555555 never enabled eu-south-2 (ORG-003) → no files from it there (DLV-008);
 *   - 444444444444 cannot be entered (AUD-001: nothing else is evaluated there);
 *   - 777777777777 joined 2 hours ago and is not covered yet: within the grace period, no finding;
 *   - 888888888888 is SUSPENDED: not audited.
 */
import { join } from 'node:path';
import { CHECKS_BY_ID } from '../../lambda/checks/catalog';
import { evaluate } from '../../lambda/checks/evaluate';
import { loadSnapshot } from '../../lambda/snapshot/load-snapshot';

const DEMO = join(__dirname, '..', '..', 'examples', 'demo-org.json');

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  '111111111111': ['CFG-005', 'CFG-006', 'CFG-010', 'CFG-013', 'DLV-001', 'DLV-002', 'DLV-003', 'DLV-004'],
  '222222222222': ['DLV-008', 'S3-002', 'S3-003'],
  '333333333333': ['DLV-008'],
  '444444444444': ['AUD-001'],
  '555555555555': ['DLV-008', 'ORG-003'],
  '666666666666': ['DLV-008'],
};

function checksPerAccount(findings: { checkId: string; accountId: string }[]): Record<string, string[]> {
  const perAccount: Record<string, Set<string>> = {};
  for (const { checkId, accountId } of findings) (perAccount[accountId] ??= new Set()).add(checkId);
  return Object.fromEntries(Object.entries(perAccount).map(([account, ids]) => [account, [...ids].sort()]));
}

describe('the demo organization', () => {
  const snapshot = loadSnapshot(DEMO);

  it('every check the demo is expected to raise is in the catalog', () => {
    const missing = [...new Set(Object.values(EXPECTED).flat())].filter((id) => !CHECKS_BY_ID.has(id));
    expect(missing).toEqual([]);
  });

  it('raises exactly the findings the check rules imply, per account', () => {
    expect(checksPerAccount(evaluate(snapshot).findings)).toEqual(EXPECTED);
  });

  it('shows the root cause and the symptom of member delivery: one DLV-008 per member-region without evidence', () => {
    const evidence = evaluate(snapshot)
      .findings.filter((f) => f.checkId === 'DLV-008')
      .map((f) => `${f.accountId}/${f.region}/${f.resource}`);
    expect(evidence.sort()).toEqual([
      '222222222222/us-east-1/org-trail-logs-222222222222',
      '333333333333/us-east-1/org-trail-logs-222222222222',
      '555555555555/eu-south-2/eu-audit-logs-222222222222',
      '555555555555/us-east-1/org-trail-logs-222222222222',
      '666666666666/us-east-1/org-trail-logs-222222222222',
    ]);
  });
});
