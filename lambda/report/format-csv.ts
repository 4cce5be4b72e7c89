import type { Finding } from '../findings/finding';
import type { Report } from './report';

const COLUMNS = ['checkId', 'severity', 'accountId', 'region', 'resource', 'title', 'detail', 'remediation'] as const;

/**
 * `--format csv`: RFC 4180 — a header row, one row per finding, CRLF line ends, and a field quoted
 * (with its quotes doubled) when it holds a comma, a quote or a line break. A null region is empty.
 */
export function renderCsvReport(report: Report): string {
  return csvRows([[...COLUMNS], ...report.findings.map((finding: Finding) => COLUMNS.map((column) => finding[column] ?? ''))]);
}

/** Rows as RFC 4180 CSV: CRLF after every row, a field quoted when it holds a comma, a quote or a line break. */
export function csvRows(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
