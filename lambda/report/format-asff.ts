import { findingKey } from '../findings/finding';
import { defaultProductArn, toAsffFinding } from '../integrate/asff-finding';
import type { Report } from './report';
import type { ReportContext } from './report-context';

/**
 * `--format asff`: `{"Findings": [...]}`, the request BatchImportFindings takes, with the findings
 * the deployed auditor imports (docs/security-hub.md): AwsAccountId and the product ARN are the
 * account the snapshot was collected from, in the organization trail's home region; each finding is
 * ACTIVE and FAILED, first seen when the snapshot was captured.
 */
export function renderAsffReport(report: Report, context: ReportContext): string {
  const productArn = defaultProductArn(context.partition, context.homeRegion, context.auditorAccountId);
  const at = report.summary.capturedAt;
  const findings = report.findings.map((finding) =>
    toAsffFinding({ ...finding, findingId: findingKey(finding), status: 'OPEN', firstSeenAt: at, lastSeenAt: at }, { productArn, updatedAt: at, accountNames: context.accountNames }),
  );
  return `${JSON.stringify({ Findings: findings }, null, 2)}\n`;
}
