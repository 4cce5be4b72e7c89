import type { Snapshot } from '../snapshot/types';
import { renderAsffReport } from './format-asff';
import { renderCsvReport } from './format-csv';
import { renderJsonReport } from './format-json';
import { renderMarkdownReport } from './format-markdown';
import { renderOcsfReport } from './format-ocsf';
import { renderTableReport } from './format-table';
import type { Report } from './report';
import { ReportContextMissingError, reportContextOf } from './report-context';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown', 'asff', 'ocsf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The report as text in the given format. `colour` only affects the table; json, asff and ocsf
 * take account names, the auditor's account and the home region from `snapshot`.
 */
export function renderReport(report: Report, format: ReportFormat, options: { colour: boolean; snapshot?: Snapshot } = { colour: false }): string {
  switch (format) {
    case 'table':
      return renderTableReport(report, options);
    case 'json':
      return renderJsonReport(report, options.snapshot && reportContextOf(options.snapshot));
    case 'csv':
      return renderCsvReport(report);
    case 'markdown':
      return renderMarkdownReport(report);
    case 'asff':
    case 'ocsf': {
      if (!options.snapshot) throw new ReportContextMissingError(`--format ${format} needs the snapshot (account names, auditor account, home region)`);
      const context = reportContextOf(options.snapshot);
      return format === 'asff' ? renderAsffReport(report, context) : renderOcsfReport(report, context);
    }
  }
}
