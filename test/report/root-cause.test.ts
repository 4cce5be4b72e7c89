import { evaluate } from '../../lambda/checks/evaluate';
import { buildAuditModel } from '../../lambda/checks/model';
import { DEFAULT_SETTINGS } from '../../lambda/checks/settings';
import type { Finding } from '../../lambda/findings/finding';
import { groupByRootCause, ROOT_CAUSE_RULES, trailLinksOf } from '../../lambda/report/root-cause';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '../../lambda/snapshot/types';

/** The README's demo organization (examples/demo-org.json): every root cause rule has a case in it. */
const demoOrg = (): Snapshot => JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'demo-org.json'), 'utf8')) as Snapshot;

const where = (f: Finding) => `${f.checkId} ${f.accountId} ${f.region ?? '-'}`;

describe('root causes', () => {
  it('no check is both a cause and a symptom, so groups never nest', () => {
    const causes = new Set(ROOT_CAUSE_RULES.map((rule) => rule.cause));
    const symptoms = ROOT_CAUSE_RULES.map((rule) => rule.symptom);
    expect(symptoms.filter((symptom) => causes.has(symptom))).toEqual([]);
  });

  it('puts the demo organization\'s symptoms under the cause that explains them', () => {
    // Prepare
    const snapshot = demoOrg();
    const { findings } = evaluate(snapshot, DEFAULT_SETTINGS);
    // Act
    const groups = groupByRootCause(findings, trailLinksOf(buildAuditModel(snapshot, DEFAULT_SETTINGS.newAccountGraceHours).orgTrails));
    // Assess
    const byCause = Object.fromEntries(groups.filter((g) => g.symptoms.length > 0).map((g) => [where(g.cause), g.symptoms.map(where)]));
    expect(byCause).toEqual({
      'ORG-003 555555555555 eu-south-2': ['DLV-008 555555555555 eu-south-2'],
      'S3-002 222222222222 -': [
        'DLV-002 111111111111 us-east-1',
        'DLV-008 222222222222 us-east-1',
        'DLV-008 333333333333 us-east-1',
        'DLV-008 555555555555 us-east-1',
        'DLV-008 666666666666 us-east-1',
      ],
      'CFG-006 111111111111 -': ['DLV-003 111111111111 us-east-1'],
      'CFG-013 111111111111 us-east-1': ['DLV-004 111111111111 us-east-1'],
    });
    // Every finding appears exactly once: as a cause or as one symptom.
    const listed = groups.flatMap((g) => [g.cause, ...g.symptoms]);
    expect(listed).toHaveLength(findings.length);
    expect(new Set(listed).size).toBe(findings.length);
  });

  it('leaves a symptom on its own when its cause is not among the findings', () => {
    const snapshot = demoOrg();
    const { findings } = evaluate(snapshot, DEFAULT_SETTINGS);
    const withoutBucketPolicy = findings.filter((f) => f.checkId !== 'S3-002');
    const groups = groupByRootCause(withoutBucketPolicy, trailLinksOf(buildAuditModel(snapshot, 24).orgTrails));
    const dlv002 = groups.find((g) => g.cause.checkId === 'DLV-002');
    expect(dlv002?.symptoms).toEqual([]);
  });

  it('ties an ORG-003 member\'s DLV-008 and ORG-009 to it, and an unreachable account\'s gaps to AUD-001', () => {
    const finding = (checkId: string, accountId: string, region: string | null, resource: string): Finding => ({
      checkId, accountId, region, resource, severity: 'HIGH', title: '', detail: '', remediation: '',
    });
    const links = { bucketOfTrail: {}, cloudWatchLogsRoleOfTrail: {}, topicOfTrail: {}, bucketsOfHomeRegion: { 'eu-south-2': ['eu-logs'] } };
    const groups = groupByRootCause(
      [
        finding('ORG-003', '555555555555', 'eu-south-2', '555555555555'),
        finding('AUD-001', '444444444444', null, '444444444444'),
        finding('DLV-008', '555555555555', 'eu-south-2', 'eu-logs'),
        finding('DLV-008', '555555555555', 'us-east-1', 'us-logs'),
        finding('ORG-009', '555555555555', 'eu-south-2', 'trail'),
        finding('DLV-008', '444444444444', 'us-east-1', 'us-logs'),
      ],
      links,
    );
    expect(groups.map((g) => [where(g.cause), g.symptoms.map(where)])).toEqual([
      ['ORG-003 555555555555 eu-south-2', ['DLV-008 555555555555 eu-south-2', 'ORG-009 555555555555 eu-south-2']],
      ['AUD-001 444444444444 -', ['DLV-008 444444444444 us-east-1']],
      ['DLV-008 555555555555 us-east-1', []],
    ]);
  });
});
