import { renderCsvReport } from './format-csv';
import { renderJsonReport } from './format-json';
import { renderMarkdownReport } from './format-markdown';
import { renderTableReport } from './format-table';
import type { Report } from './report';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The report as text in the given format. `colour` only affects the table. */
export function renderReport(report: Report, format: ReportFormat, options: { colour: boolean } = { colour: false }): string {
  switch (format) {
    case 'table':
      return renderTableReport(report, options);
    case 'json':
      return renderJsonReport(report);
    case 'csv':
      return renderCsvReport(report);
    case 'markdown':
      return renderMarkdownReport(report);
  }
}
