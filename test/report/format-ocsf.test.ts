import { evaluate } from '../../lambda/checks/evaluate';
import { resolveSettings } from '../../lambda/checks/settings';
import type { Finding } from '../../lambda/findings/finding';
import { renderReport } from '../../lambda/report/report-format';
import { buildReport } from '../../lambda/report/report';
import { schemaErrors, validateOcsfComplianceFinding } from '../integrate/schema-validators';
import { fixture, healthyOrg } from '../support/snapshots';

type OcsfEvent = Record<string, unknown> & { finding_info: { uid: string }; cloud: { account: { uid: string; name?: string } } };

function render(findings: Finding[], snapshot = healthyOrg()): OcsfEvent[] {
  return JSON.parse(renderReport(buildReport(snapshot, findings), 'ocsf', { colour: false, snapshot })) as OcsfEvent[];
}

describe('--format ocsf', () => {
  test('the demo organization prints one valid OCSF Compliance Finding per finding', () => {
    const snapshot = fixture('demo-org');
    const { findings } = evaluate(snapshot, resolveSettings({}));

    const events = render(findings, snapshot);

    expect(events).toHaveLength(findings.length);
    for (const event of events) {
      expect({ uid: event.finding_info.uid, valid: validateOcsfComplianceFinding(event), errors: schemaErrors(validateOcsfComplianceFinding) }).toEqual({
        uid: event.finding_info.uid,
        valid: true,
        errors: [],
      });
    }
  });

  test('a finding becomes class 2003, Create, with its severity, stable ID, account and capture time', () => {
    const snapshot = healthyOrg();
    const finding: Finding = {
      checkId: 'ORG-009',
      severity: 'HIGH',
      accountId: '444444444444',
      region: 'us-east-1',
      resource: '444444444444',
      title: 'Member not covered',
      detail: 'no trail reaches it',
      remediation: 'add it',
    };

    const [event] = render([finding], snapshot);

    expect(event).toMatchObject({
      class_uid: 2003,
      category_uid: 2,
      activity_id: 1,
      type_uid: 200301,
      severity_id: 4,
      status_id: 1,
      time: Date.parse(snapshot.capturedAt),
      finding_info: { uid: 'ORG-009#444444444444#us-east-1#444444444444', title: 'Member not covered', desc: 'no trail reaches it' },
      compliance: { control: 'ORG-009', status_id: 3, status: 'Fail' },
      cloud: { provider: 'AWS', account: { uid: '444444444444', name: 'workload-444' } },
      metadata: { version: '1.1.0', product: { name: 'org-trail-auditor' } },
      remediation: { desc: 'add it' },
    });
  });

  test('the schema rejects an event of another class (the test can fail)', () => {
    const [event] = render([{ checkId: 'S3-001', severity: 'LOW', accountId: '222222222222', region: null, resource: 'b', title: 't', detail: 'd', remediation: 'r' }]);

    expect(validateOcsfComplianceFinding({ ...event, class_uid: 2001 })).toBe(false);
  });
});
