/**
 * examples/demo-org.json, the organization `npm run demo` audits, and the findings the rules of the
 * check catalog give it. Each fault is there with its root cause and its symptom:
 *   - org-trail's bucket policy lets only the management account write (S3-002) → the owner's
 *     status shows AccessDenied (DLV-002) and no member has recent files in the bucket (DLV-008);
 *   - the CloudWatch Logs role lacks the members' streams (CFG-006) → DLV-003;
 *   - the SNS topic policy names the account root, not CloudTrail (CFG-013) → DLV-004;
 *   - a lifecycle rule expires logs after 30 days and their noncurrent versions 90 days later, on a
 *     bucket whose Object Lock keeps them only 30 days: 120 days in all (S3-003);
 *   - eu-residency-trail records S3 write data events for every bucket, its own included (CFG-014);
 *     org-trail's selector excludes its bucket and is quiet;
 *   - both KMS keys live in the management account, which no SCP binds (GRD-002), while the log
 *     archive account's buckets are protected by the security OU's SCP (quiet, a break-glass role
 *     exempted); eu-audit-logs' data-perimeter Deny lets CloudTrail through (quiet);
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
  '111111111111': ['CFG-005', 'CFG-006', 'CFG-010', 'CFG-013', 'CFG-014', 'DLV-001', 'DLV-002', 'DLV-003', 'DLV-004', 'GRD-002'],
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

  it('shows the guardrails: GRD-002 on the keys the management account owns, quiet on the protected log archive buckets and on a data-perimeter policy', () => {
    const result = evaluate(snapshot);
    const grd = result.findings.filter((finding) => finding.checkId === 'GRD-002').map((finding) => finding.resource);
    expect(grd).toEqual([
      'arn:aws:kms:eu-south-2:111111111111:key/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      'arn:aws:kms:us-east-1:111111111111:key/6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f',
    ]);
    for (const bucket of ['org-trail-logs-222222222222', 'eu-audit-logs-222222222222']) {
      expect(result.coverage).toContain(`GRD-002#222222222222#-#${bucket}`);
    }
    expect(result.findings.filter((finding) => finding.checkId.startsWith('S3-') && finding.resource === 'eu-audit-logs-222222222222')).toEqual([]);
    expect(result.coverage).toContain('S3-002#222222222222#-#eu-audit-logs-222222222222');
  });
});
