import type { Finding, Severity } from '../../lambda/findings/finding';
import { renderCsvReport } from '../../lambda/report/format-csv';
import { renderJsonReport } from '../../lambda/report/format-json';
import { renderMarkdownReport } from '../../lambda/report/format-markdown';
import { renderTableReport } from '../../lambda/report/format-table';
import { buildReport } from '../../lambda/report/report';
import { healthyOrg } from '../support/snapshots';

function finding(checkId: string, severity: Severity, overrides: Partial<Finding> = {}): Finding {
  return {
    checkId,
    severity,
    accountId: '222222222222',
    region: 'us-east-1',
    resource: `resource-of-${checkId}`,
    title: `Title of ${checkId}`,
    detail: `Detail of ${checkId}`,
    remediation: `Fix ${checkId}`,
    ...overrides,
  };
}

const FINDINGS: Finding[] = [
  finding('S3-005', 'LOW', { region: null }),
  finding('DLV-002', 'CRITICAL', { accountId: '111111111111' }),
  finding('DLV-008', 'HIGH', { accountId: '333333333333' }),
  finding('DLV-008', 'HIGH', { accountId: '222222222222' }),
  finding('CFG-010', 'INFORMATIONAL'),
];

describe('buildReport', () => {
  it('sorts the findings and counts them per severity', () => {
    const report = buildReport(healthyOrg(), FINDINGS);
    expect(report.findings.map((f) => `${f.checkId}/${f.accountId}`)).toEqual([
      'DLV-002/111111111111',
      'DLV-008/222222222222',
      'DLV-008/333333333333',
      'S3-005/222222222222',
      'CFG-010/222222222222',
    ]);
    expect(report.summary).toEqual({
      capturedAt: '2026-11-22T10:00:00.000Z',
      organizationId: 'o-a1b2c3d4e5',
      accounts: 4,
      findings: 5,
      bySeverity: { CRITICAL: 1, HIGH: 2, MEDIUM: 0, LOW: 1, INFORMATIONAL: 1 },
      minSeverity: 'INFORMATIONAL',
      belowMinSeverity: 0,
    });
  });

  it('keeps only the findings at or above the minimum severity, and says how many it left out', () => {
    const report = buildReport(healthyOrg(), FINDINGS, 'HIGH');
    expect(report.findings.map((f) => f.severity)).toEqual(['CRITICAL', 'HIGH', 'HIGH']);
    expect(report.summary.findings).toBe(3);
    expect(report.summary.belowMinSeverity).toBe(2);
  });
});

describe('json format', () => {
  it('is one JSON object with the findings in the documented shape and the summary', () => {
    const parsed = JSON.parse(renderJsonReport(buildReport(healthyOrg(), FINDINGS)));
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'findings', 'summary']);
    expect(parsed.findings[0]).toEqual({
      findingId: 'DLV-002#111111111111#us-east-1#resource-of-DLV-002',
      checkId: 'DLV-002',
      severity: 'CRITICAL',
      accountId: '111111111111',
      accountName: null,
      region: 'us-east-1',
      resource: 'resource-of-DLV-002',
      title: 'Title of DLV-002',
      detail: 'Detail of DLV-002',
      remediation: 'Fix DLV-002',
    });
    expect(parsed.findings[3].region).toBeNull();
    expect(parsed.summary.bySeverity.HIGH).toBe(2);
  });

  it('leaves out any extra property a finding object carries', () => {
    const extra = { ...finding('DLV-001', 'CRITICAL'), internal: 'x' } as Finding;
    const parsed = JSON.parse(renderJsonReport(buildReport(healthyOrg(), [extra])));
    expect(Object.keys(parsed.findings[0])).toEqual(['findingId', 'checkId', 'severity', 'accountId', 'accountName', 'region', 'resource', 'title', 'detail', 'remediation']);
  });
});

describe('csv format', () => {
  it('has a header, one CRLF-terminated row per finding, and an empty field for a null region', () => {
    const csv = renderCsvReport(buildReport(healthyOrg(), [finding('S3-005', 'LOW', { region: null })]));
    expect(csv).toBe(
      'checkId,severity,accountId,region,resource,title,detail,remediation\r\n' +
        'S3-005,LOW,222222222222,,resource-of-S3-005,Title of S3-005,Detail of S3-005,Fix S3-005\r\n',
    );
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    const tricky = finding('DLV-002', 'CRITICAL', { detail: 'AccessDenied, "twice"', remediation: 'line one\nline two' });
    const row = renderCsvReport(buildReport(healthyOrg(), [tricky])).split('\r\n')[1];
    expect(row).toBe('DLV-002,CRITICAL,222222222222,us-east-1,resource-of-DLV-002,Title of DLV-002,"AccessDenied, ""twice""","line one\nline two"');
  });
});

describe('markdown format', () => {
  it('has one table per severity that has findings, with the summary', () => {
    const markdown = renderMarkdownReport(buildReport(healthyOrg(), FINDINGS));
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## CRITICAL (1)', '## HIGH (2)', '## LOW (1)', '## INFORMATIONAL (1)']);
    expect(markdown).toContain('**5 findings: 1 CRITICAL, 2 HIGH, 0 MEDIUM, 1 LOW, 1 INFORMATIONAL**');
    expect(markdown).toContain('| DLV-002 | 111111111111 | us-east-1 | resource-of-DLV-002 | Title of DLV-002 | Detail of DLV-002 | Fix DLV-002 |');
  });

  it('escapes pipes, keeps a cell on one line and does not let text read as HTML', () => {
    const tricky = finding('S3-002', 'CRITICAL', { detail: 'a | b', remediation: 'see AWSLogs/<orgId>/\nthen retry' });
    const row = renderMarkdownReport(buildReport(healthyOrg(), [tricky]))
      .split('\n')
      .find((line) => line.startsWith('| S3-002'));
    expect(row).toBe('| S3-002 | 222222222222 | us-east-1 | resource-of-S3-002 | Title of S3-002 | a \\| b | see AWSLogs/&lt;orgId>/<br>then retry |');
    // Every row has exactly the 8 unescaped pipes of 7 cells.
    expect(row!.replace(/\\\|/g, '').split('|')).toHaveLength(9);
  });
});

describe('table format', () => {
  it('groups findings by severity, most severe first, and ends with the summary line', () => {
    const table = renderTableReport(buildReport(healthyOrg(), FINDINGS), { colour: false });
    const lines = table.trimEnd().split('\n');
    const headings = lines.filter((line) => /^[A-Z]+ \(\d+\)$/.test(line));
    expect(headings).toEqual(['CRITICAL (1)', 'HIGH (2)', 'LOW (1)', 'INFORMATIONAL (1)']);
    expect(lines[lines.length - 1]).toBe('5 findings: 1 CRITICAL, 2 HIGH, 0 MEDIUM, 1 LOW, 1 INFORMATIONAL');
    expect(lines[0]).toBe('Organization o-a1b2c3d4e5 · snapshot captured 2026-11-22T10:00:00.000Z · 4 active accounts');
    const high = lines.indexOf('HIGH (2)');
    expect(lines[high + 1]).toBe('  DLV-008  222222222222  us-east-1  resource-of-DLV-008');
    expect(lines.slice(high + 2, high + 5)).toEqual(['      Title of DLV-008', '      Detail of DLV-008', '      Fix: Fix DLV-008']);
    expect(table).not.toContain('\x1b[');
  });

  it('aligns columns and shows a null region as "-"', () => {
    const table = renderTableReport(buildReport(healthyOrg(), FINDINGS), { colour: false });
    expect(table).toContain('  S3-005   222222222222  -          resource-of-S3-005');
    expect(table).toContain('  DLV-002  111111111111  us-east-1  resource-of-DLV-002');
  });

  it('says so when there is nothing to report, and mentions the findings left out', () => {
    const table = renderTableReport(buildReport(healthyOrg(), [finding('CFG-010', 'INFORMATIONAL')], 'MEDIUM'), { colour: false });
    expect(table).toContain('\nNo findings.\n');
    expect(table.trimEnd().split('\n').pop()).toBe('0 findings: 0 CRITICAL, 0 HIGH, 0 MEDIUM (1 below MEDIUM not shown)');
  });

  it('uses ANSI colours only when asked', () => {
    const table = renderTableReport(buildReport(healthyOrg(), FINDINGS), { colour: true });
    expect(table).toContain('\x1b[1;31mCRITICAL (1)\x1b[0m');
  });
});
