import { isAtLeast, SEVERITIES, type Finding } from '../findings/finding';
import { summaryLine, type Report } from './report';

/**
 * `--format markdown`: a heading with the summary, then one table per severity that has findings.
 * Cell text has its pipes (and backslashes) escaped, `<` written as `&lt;` so that text like
 * `<region>` is not read as HTML, and its line breaks turned into `<br>`: a table never breaks.
 */
export function renderMarkdownReport(report: Report): string {
  const { summary } = report;
  const lines = [
    '# org-trail-auditor findings',
    '',
    `Organization ${markdownCell(summary.organizationId ?? 'unknown')}, snapshot captured ${summary.capturedAt}, ${summary.accounts} active accounts.`,
    '',
    `**${summaryLine(summary)}**`,
  ];
  for (const severity of SEVERITIES.filter((s) => isAtLeast(s, summary.minSeverity))) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push('', `## ${severity} (${findings.length})`, '');
    lines.push('| Check | Account | Region | Resource | Title | Detail | Remediation |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const finding of findings) lines.push(markdownRow(finding));
  }
  return `${lines.join('\n')}\n`;
}

function markdownRow(f: Finding): string {
  const cells = [f.checkId, f.accountId, f.region ?? '-', f.resource, f.title, f.detail, f.remediation];
  return `| ${cells.map(markdownCell).join(' | ')} |`;
}

export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, '<br>');
}
