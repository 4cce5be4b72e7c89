import type { Finding, Severity } from '../../lambda/findings/finding';
import { renderCsvReport } from '../../lambda/report/format-csv';
import { renderJsonReport } from '../../lambda/report/format-json';
import { renderMarkdownReport } from '../../lambda/report/format-markdown';
import { renderTableReport } from '../../lambda/report/format-table';
import { buildReport } from '../../lambda/report/report';
import { syntheticOrganization } from '../../bench/synthetic-org';
import { evaluate } from '../../lambda/checks/evaluate';
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
  it('groups as the table does: blind spots first, then per severity, repeated findings of a check as one entry', () => {
    const markdown = renderMarkdownReport(buildReport(healthyOrg(), FINDINGS));
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Blind spots', '## CRITICAL (1)', '## HIGH (2)', '## LOW (1)', '## INFORMATIONAL (1)']);
    expect(markdown).toContain('**5 findings: 1 CRITICAL, 2 HIGH, 0 MEDIUM, 1 LOW, 1 INFORMATIONAL**');
    expect(markdown).toContain('### DLV-008 ×2 Title of DLV-008 (HIGH)');
    expect(markdown).toContain('Where: log-archive (222222222222) · us-east-1; workload-333 (333333333333) · us-east-1');
  });

  it('puts each AWS CLI command in a code block of its own', () => {
    const markdown = renderMarkdownReport(buildReport(healthyOrg(), [finding('DLV-001', 'CRITICAL', { remediation: 'Start it with `aws cloudtrail start-logging --name t`, then look.' })]));
    expect(markdown).toContain('**Fix:** Start it with\n\n```sh\naws cloudtrail start-logging --name t\n```\n\nthen look.');
  });

  it('escapes pipes, keeps text on one line and does not let text read as HTML', () => {
    const tricky = finding('S3-002', 'CRITICAL', { detail: 'a | b <img src=x>', title: 'pipe | title' });
    const markdown = renderMarkdownReport(buildReport(healthyOrg(), [tricky]));
    expect(markdown).toContain('### S3-002 pipe \\| title (CRITICAL)');
    expect(markdown).toContain('\na \\| b &lt;img src=x>\n');
  });
});

describe('table format', () => {
  const table = (report: ReturnType<typeof buildReport>, width = 100) => renderTableReport(report, { colour: false, width });

  it('sections by severity, most severe first, with a line per severity and the summary line last', () => {
    const lines = table(buildReport(healthyOrg(), FINDINGS)).trimEnd().split('\n');
    const headings = lines.filter((line) => /^[A-Z]+ \(\d+\)$/.test(line));
    expect(headings).toEqual(['CRITICAL (1)', 'HIGH (2)', 'LOW (1)', 'INFORMATIONAL (1)']);
    expect(lines[0]).toBe('Organization o-a1b2c3d4e5 · snapshot captured 2026-11-22T10:00:00.000Z · 4 active accounts');
    expect(lines.slice(-6)).toEqual([
      'CRITICAL          1  DLV-002',
      'HIGH              2  DLV-008 ×2',
      'MEDIUM            0',
      'LOW               1  S3-005',
      'INFORMATIONAL     1  CFG-010',
      '5 findings: 1 CRITICAL, 2 HIGH, 0 MEDIUM, 1 LOW, 1 INFORMATIONAL',
    ]);
  });

  it('shows repeated findings of a check as one block listing the places, accounts by name', () => {
    const lines = table(buildReport(healthyOrg(), FINDINGS)).split('\n');
    const high = lines.indexOf('HIGH (2)');
    expect(lines.slice(high + 1, high + 5)).toEqual([
      '  DLV-008 ×2  Title of DLV-008',
      '      Where: log-archive (222222222222) · us-east-1; workload-333 (333333333333) · us-east-1',
      '      For example, log-archive (222222222222) · us-east-1: Detail of DLV-008',
      '      Fix: Fix DLV-008',
    ]);
  });

  it('puts blind spots in the header, not in their severity\'s section', () => {
    const report = buildReport(healthyOrg(), [...FINDINGS, finding('AUD-001', 'MEDIUM', { region: null, accountId: '333333333333' })]);
    const text = table(report);
    expect(text.indexOf('BLIND SPOTS')).toBeLessThan(text.indexOf('CRITICAL (1)'));
    expect(text).toContain('  AUD-001  Title of AUD-001\n      workload-333 (333333333333) · global · resource-of-AUD-001');
    expect(text).not.toContain('MEDIUM (1)');
  });

  it('wraps at word boundaries to the width, and never breaks an AWS CLI command', () => {
    const command = 'aws cloudtrail start-logging --name arn:aws:cloudtrail:eu-south-2:111111111111:trail/eu-residency-trail --region eu-south-2';
    const long = finding('DLV-001', 'CRITICAL', { detail: 'word '.repeat(60).trim(), remediation: `Start the trail from the management account with \`${command}\`, then look for the StopLogging event.` });
    const lines = table(buildReport(healthyOrg(), [long]), 60).split('\n');
    expect(lines).toContain(`          ${command}`);
    // Longer only: the command, and a single word (an ARN) that could not fit any line.
    const tooLong = lines.filter((l) => l.length > 60 && !l.includes(command) && l.trim().includes(' '));
    expect(tooLong).toEqual([]);
    expect(lines.filter((l) => l.includes('word')).every((l) => /^ +(word ?)+$/.test(l))).toBe(true);
    expect(lines).toContain('      then look for the StopLogging event.');
  });

  it('says so when there is nothing to report, and mentions the findings left out', () => {
    const text = table(buildReport(healthyOrg(), [finding('CFG-010', 'INFORMATIONAL')], 'MEDIUM'));
    expect(text).toContain('\nNo findings.\n');
    expect(text.trimEnd().split('\n').pop()).toBe('0 findings: 0 CRITICAL, 0 HIGH, 0 MEDIUM (1 below MEDIUM not shown)');
  });

  it('uses ANSI colours only when asked', () => {
    expect(renderTableReport(buildReport(healthyOrg(), FINDINGS), { colour: true })).toContain('\x1b[1;31mCRITICAL (1)\x1b[0m');
    expect(table(buildReport(healthyOrg(), FINDINGS))).not.toContain('\x1b[');
  });

  it('prints a bounded, readable report for 2,000 members and 320 findings', () => {
    // Prepare
    const snapshot = syntheticOrganization({ members: 2_000, faults: { staleEvidence: 200, unreachableMembers: 60, uncoveredMembers: 40, unreadableMembers: 20 } });
    const findings = evaluate(snapshot).findings;
    expect(findings).toHaveLength(320);
    // Act
    const lines = table(buildReport(snapshot, findings)).split('\n');
    // Assess
    expect(lines.length).toBeLessThan(100);
    expect(lines.filter((line) => line.length > 100 && !line.trim().startsWith('aws ') && line.trim().includes(' '))).toEqual([]);
    expect(lines.join('\n')).toMatch(/DLV-008 ×200 +No recent delivery evidence/);
    const words = lines.join(' ').replace(/\s+/g, ' ');
    expect(words).toContain('workload-2 (200000000002) · 17 regions; workload-3 (200000000003) · 17 regions;');
    expect(words).toContain('… and 28 more accounts (--format csv lists every one)'); // ORG-009's 40 accounts
  });
});
