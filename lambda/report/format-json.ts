import type { Finding } from '../findings/finding';
import type { Report } from './report';

/**
 * `--format json`: exactly one JSON object, `{"findings": […], "summary": {…}}`, and a newline.
 * Each finding carries checkId, severity, accountId, region (null for global subjects), resource,
 * title, detail and remediation, in that order.
 */
export function renderJsonReport(report: Report): string {
  return `${JSON.stringify({ findings: report.findings.map(jsonFinding), summary: report.summary }, null, 2)}\n`;
}

function jsonFinding(finding: Finding): Finding {
  const { checkId, severity, accountId, region, resource, title, detail, remediation } = finding;
  return { checkId, severity, accountId, region, resource, title, detail, remediation };
}
