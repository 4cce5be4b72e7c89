import type { Finding } from '../findings/finding';
import type { Report } from './report';

const COLUMNS = ['checkId', 'severity', 'accountId', 'region', 'resource', 'title', 'detail', 'remediation'] as const;

/**
 * `--format csv`: RFC 4180 — a header row, one row per finding, CRLF line ends, and a field quoted
 * (with its quotes doubled) when it holds a comma, a quote or a line break. A null region is empty.
 */
export function renderCsvReport(report: Report): string {
  const rows = [COLUMNS.join(','), ...report.findings.map(csvRow)];
  return rows.map((row) => `${row}\r\n`).join('');
}

function csvRow(finding: Finding): string {
  return COLUMNS.map((column) => csvField(finding[column] ?? '')).join(',');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
