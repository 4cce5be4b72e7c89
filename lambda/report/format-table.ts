import { isAtLeast, SEVERITIES, type Finding, type Severity } from '../findings/finding';
import { plural, summaryLine, type Report } from './report';

export interface TableOptions {
  /** ANSI colours: only for a terminal, and never when NO_COLOR is set. */
  colour: boolean;
}

const SEVERITY_STYLE: Record<Severity, string> = {
  CRITICAL: '\x1b[1;31m',
  HIGH: '\x1b[31m',
  MEDIUM: '\x1b[33m',
  LOW: '\x1b[36m',
  INFORMATIONAL: '\x1b[2m',
};
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * `--format table` (the default): for a person at a terminal. A header naming the organization and
 * the snapshot's time, then the findings grouped by severity, most severe first: one line with the
 * check, account, region and resource (aligned), then the title, what was observed and the fix.
 * The last line is the summary.
 */
export function renderTableReport(report: Report, options: TableOptions): string {
  const style = (code: string, text: string) => (options.colour ? `${code}${text}${RESET}` : text);
  const { summary } = report;
  const lines = [
    style(
      DIM,
      `Organization ${summary.organizationId ?? 'unknown'} · snapshot captured ${summary.capturedAt} · ${plural(summary.accounts, 'active account')}`,
    ),
  ];
  const checkWidth = Math.max(0, ...report.findings.map((f) => f.checkId.length));
  const regionWidth = Math.max(1, ...report.findings.map((f) => (f.region ?? '-').length));
  for (const severity of SEVERITIES.filter((s) => isAtLeast(s, summary.minSeverity))) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push('', style(SEVERITY_STYLE[severity], `${severity} (${findings.length})`));
    for (const finding of findings) {
      lines.push(...findingLines(finding, checkWidth, regionWidth, style));
    }
  }
  if (report.findings.length === 0) lines.push('', 'No findings.');
  lines.push('', style(BOLD, summaryLine(summary)));
  return `${lines.join('\n')}\n`;
}

function findingLines(
  finding: Finding,
  checkWidth: number,
  regionWidth: number,
  style: (code: string, text: string) => string,
): string[] {
  const where = `${finding.checkId.padEnd(checkWidth)}  ${finding.accountId}  ${(finding.region ?? '-').padEnd(regionWidth)}  ${finding.resource}`;
  return [
    `  ${style(SEVERITY_STYLE[finding.severity], where)}`,
    `      ${style(BOLD, finding.title)}`,
    ...indent(finding.detail, '      '),
    ...indent(`Fix: ${finding.remediation}`, '      '),
  ];
}

function indent(text: string, prefix: string): string[] {
  return text.split(/\r?\n/).map((line) => `${prefix}${line}`);
}
