import { parseFindingKey, type Finding } from '../../lambda/findings/finding';
import { JSON_REPORT_SCHEMA_VERSION } from '../../lambda/report/format-json';
import { renderReport } from '../../lambda/report/report-format';
import { buildReport } from '../../lambda/report/report';
import { healthyOrg } from '../support/snapshots';

const FINDING: Finding = {
  checkId: 'DLV-008',
  severity: 'HIGH',
  accountId: '333333333333',
  region: 'eu-west-1',
  resource: 'org-trail-logs-222222222222#odd',
  title: 'No delivery',
  detail: 'none',
  remediation: 'fix',
};

describe('--format json', () => {
  test('carries its schema version, and each finding the ID findings show takes and its account name', () => {
    const snapshot = healthyOrg();

    const document = JSON.parse(renderReport(buildReport(snapshot, [FINDING, { ...FINDING, accountId: '999999999999' }]), 'json', { colour: false, snapshot }));

    expect(document.schemaVersion).toBe(JSON_REPORT_SCHEMA_VERSION);
    expect(document.findings[0]).toMatchObject({ findingId: 'DLV-008#333333333333#eu-west-1#org-trail-logs-222222222222#odd', accountName: 'workload-333' });
    expect(parseFindingKey(document.findings[0].findingId)).toEqual({ checkId: 'DLV-008', accountId: '333333333333', region: 'eu-west-1', resource: 'org-trail-logs-222222222222#odd' });
    expect(document.findings[1].accountName).toBeNull();
  });
});
