import { findingKey, type Finding, type Severity } from '../findings/finding';
import { VERSION } from '../cli/version';
import type { Report } from './report';
import type { ReportContext } from './report-context';

/** The OCSF schema version the events follow. */
export const OCSF_VERSION = '1.1.0';

/** OCSF Compliance Finding: class 2003 in category 2 (Findings); type_uid = class_uid × 100 + activity_id. */
export const OCSF_COMPLIANCE_FINDING = { classUid: 2003, className: 'Compliance Finding', categoryUid: 2, categoryName: 'Findings' } as const;
/** activity_id 1: Create (a finding the audit reports now). */
const ACTIVITY_CREATE = { id: 1, name: 'Create' } as const;
/** status_id 1: New. */
const STATUS_NEW = { id: 1, name: 'New' } as const;
/** compliance.status_id 3: Fail. */
const COMPLIANCE_FAIL = { id: 3, name: 'Fail' } as const;

/** OCSF severity_id per severity (5 Critical … 1 Informational). */
export const OCSF_SEVERITY_IDS: Record<Severity, number> = { CRITICAL: 5, HIGH: 4, MEDIUM: 3, LOW: 2, INFORMATIONAL: 1 } as const;
const OCSF_SEVERITY_NAMES: Record<Severity, string> = { CRITICAL: 'Critical', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low', INFORMATIONAL: 'Informational' } as const;

/**
 * `--format ocsf`: a JSON array of OCSF 1.1 Compliance Finding events (class_uid 2003), one per
 * finding, each `activity_id` 1 (Create) and `status_id` 1 (New), `compliance.status_id` 3 (Fail),
 * `time` the snapshot's capture (epoch milliseconds), `finding_info.uid` the stable finding ID.
 */
export function renderOcsfReport(report: Report, context: ReportContext): string {
  const time = Date.parse(report.summary.capturedAt);
  return `${JSON.stringify(report.findings.map((finding) => ocsfEvent(finding, time, context)), null, 2)}\n`;
}

function ocsfEvent(finding: Finding, time: number, context: ReportContext) {
  const findingId = findingKey(finding);
  const accountName = context.accountNames.get(finding.accountId);
  return {
    activity_id: ACTIVITY_CREATE.id,
    activity_name: ACTIVITY_CREATE.name,
    category_uid: OCSF_COMPLIANCE_FINDING.categoryUid,
    category_name: OCSF_COMPLIANCE_FINDING.categoryName,
    class_uid: OCSF_COMPLIANCE_FINDING.classUid,
    class_name: OCSF_COMPLIANCE_FINDING.className,
    type_uid: OCSF_COMPLIANCE_FINDING.classUid * 100 + ACTIVITY_CREATE.id,
    type_name: `${OCSF_COMPLIANCE_FINDING.className}: ${ACTIVITY_CREATE.name}`,
    severity_id: OCSF_SEVERITY_IDS[finding.severity],
    severity: OCSF_SEVERITY_NAMES[finding.severity],
    status_id: STATUS_NEW.id,
    status: STATUS_NEW.name,
    time,
    message: finding.title,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'org-trail-auditor', vendor_name: 'org-trail-auditor', version: VERSION },
    },
    finding_info: { uid: findingId, title: finding.title, desc: finding.detail, types: ['CloudTrail Logging'], analytic: { uid: finding.checkId, name: finding.checkId, type_id: 1, type: 'Rule' } },
    compliance: { standards: ['org-trail-auditor checks'], control: finding.checkId, status_id: COMPLIANCE_FAIL.id, status: COMPLIANCE_FAIL.name },
    remediation: { desc: finding.remediation },
    resources: [
      {
        uid: finding.resource,
        type: finding.resource.startsWith('arn:') ? finding.resource.split(':')[2] ?? 'aws' : 'aws',
        cloud_partition: context.partition,
        ...(finding.region ? { region: finding.region } : {}),
        owner: { account: { uid: finding.accountId, type_id: 10, type: 'AWS Account', ...(accountName ? { name: accountName } : {}) } },
      },
    ],
    cloud: {
      provider: 'AWS',
      ...(finding.region ? { region: finding.region } : {}),
      account: { uid: finding.accountId, type_id: 10, type: 'AWS Account', ...(accountName ? { name: accountName } : {}) },
      ...(context.organizationId ? { org: { uid: context.organizationId } } : {}),
    },
    unmapped: { org_trail_auditor: { findingId, checkId: finding.checkId, resource: finding.resource } },
  };
}
