import { renderCsvReport } from './format-csv';
import { renderHtmlReport } from './format-html';
import { renderJsonReport } from './format-json';
import { renderMarkdownReport } from './format-markdown';
import { renderTableReport } from './format-table';
import type { Report } from './report';

/** What a format may be told about where it is printed. */
export interface RenderOptions {
  /** ANSI colours (the table only). */
  colour: boolean;
  /** The width to wrap text to (the table only). */
  width?: number;
}

type Renderer = (report: Report, options: RenderOptions) => string;

/** The report formats: one line each, `--format NAME` → its renderer. */
const RENDERERS = {
  table: renderTableReport,
  json: renderJsonReport,
  csv: renderCsvReport,
  markdown: renderMarkdownReport,
  html: renderHtmlReport,
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
