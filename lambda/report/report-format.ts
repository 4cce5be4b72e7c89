import type { Snapshot } from '../snapshot/types';
import { renderAsffReport } from './format-asff';
import { renderCsvReport } from './format-csv';
import { renderHtmlReport } from './format-html';
import { renderJsonReport } from './format-json';
import { renderMarkdownReport } from './format-markdown';
import { renderOcsfReport } from './format-ocsf';
import { renderTableReport } from './format-table';
import type { Report } from './report';
import { ReportContextMissingError, reportContextOf } from './report-context';

/** What a format may be told about where it is printed, and what it was built from. */
export interface RenderOptions {
  /** ANSI colours (the table only). */
  colour: boolean;
  /** The width to wrap text to (the table only). */
  width?: number;
  /** The snapshot behind the report: json, asff and ocsf take account names, the auditor's account and the home region from it. */
  snapshot?: Snapshot;
}

type Renderer = (report: Report, options: RenderOptions) => string;

/** A format that cannot be written without the snapshot's context (asff, ocsf). */
function withContext(format: string, render: (report: Report, context: ReturnType<typeof reportContextOf>) => string): Renderer {
  return (report, options) => {
    if (!options.snapshot) throw new ReportContextMissingError(`--format ${format} needs the snapshot (account names, auditor account, home region)`);
    return render(report, reportContextOf(options.snapshot));
  };
}

/** The report formats: one line each, `--format NAME` → its renderer. */
const RENDERERS = {
  table: renderTableReport,
  json: (report, options) => renderJsonReport(report, options.snapshot && reportContextOf(options.snapshot)),
  csv: renderCsvReport,
  markdown: renderMarkdownReport,
  html: renderHtmlReport,
  asff: withContext('asff', renderAsffReport),
  ocsf: withContext('ocsf', renderOcsfReport),
} as const satisfies Record<string, Renderer>;

export type ReportFormat = keyof typeof RENDERERS;
export const REPORT_FORMATS = Object.keys(RENDERERS) as ReportFormat[];

export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(RENDERERS, value);
}

/** The report as text in the given format. */
export function renderReport(report: Report, format: ReportFormat, options: RenderOptions = { colour: false }): string {
  return RENDERERS[format](report, options);
}
