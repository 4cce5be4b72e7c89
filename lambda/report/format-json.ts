import { findingKey, type Finding } from '../findings/finding';
import type { Report, ReportSummary } from './report';
import type { ReportContext } from './report-context';

/** The version of the `--format json` document; raised when a field changes meaning or goes away. */
export const JSON_REPORT_SCHEMA_VERSION = '2.0';

export interface JsonReportFinding extends Finding {
  /** The stable identity `findings show` and `findings suppress` take: `CHECK#ACCOUNT#REGION#RESOURCE`. */
  findingId: string;
  /** The account's name in the organization, or null when the snapshot does not list it. */
  accountName: string | null;
}

export interface JsonReport {
  schemaVersion: typeof JSON_REPORT_SCHEMA_VERSION;
  findings: JsonReportFinding[];
  summary: ReportSummary;
}

/**
 * `--format json`: exactly one JSON object, `{"schemaVersion": "2.0", "findings": […], "summary": {…}}`,
 * and a newline. Each finding carries findingId, checkId, severity, accountId, accountName,
 * region (null for global subjects), resource, title, detail and remediation, in that order.
 */
export function renderJsonReport(report: Report, context?: ReportContext): string {
  const document: JsonReport = { schemaVersion: JSON_REPORT_SCHEMA_VERSION, findings: report.findings.map((f) => jsonFinding(f, context)), summary: report.summary };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function jsonFinding(finding: Finding, context: ReportContext | undefined): JsonReportFinding {
  const { checkId, severity, accountId, region, resource, title, detail, remediation } = finding;
  return { findingId: findingKey(finding), checkId, severity, accountId, accountName: context?.accountNames.get(accountId) ?? null, region, resource, title, detail, remediation };
}
