/**
 * A finding: one fault, in one place, found by one check. The one definition every part of the
 * auditor imports (evaluate produces it, reconcile stores it, notify sends it, the CLI prints it).
 */

/** Severities follow AWS Security Hub. */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 0 for CRITICAL … 4 for INFORMATIONAL: lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is `threshold` or more severe. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** What a finding is about. Together with the check ID, its stable identity. */
export interface FindingSubject {
  /** The account the finding is about (see docs/checks.md for the rule per check). */
  accountId: string;
  /** The region, or null for a global or organization-wide subject. */
  region: string | null;
  /** An ARN or a name (trail ARN, bucket name, organization ID, account ID …). */
  resource: string;
}

export interface FindingIdentity extends FindingSubject {
  checkId: string;
}

export interface Finding extends FindingIdentity {
  severity: Severity;
  title: string;
  /** What was observed, with the values that triggered the check. */
  detail: string;
  /** What to do, with the AWS CLI command where one exists, filled in with this finding's names. */
  remediation: string;
}

/** The identity as one string: `checkId#accountId#region#resource` (region `-` when null). */
export function findingKey(identity: FindingIdentity): string {
  return `${identity.checkId}#${identity.accountId}#${identity.region ?? '-'}#${identity.resource}`;
}

/** The inverse of findingKey. The resource may itself contain `#`. */
export function parseFindingKey(key: string): FindingIdentity {
  const [checkId, accountId, region, ...rest] = key.split('#');
  if (!checkId || !accountId || region === undefined || rest.length === 0) {
    throw new Error(`"${key}" is not a finding ID (expected CHECK#ACCOUNT#REGION#RESOURCE)`);
  }
  return { checkId, accountId, region: region === '-' ? null : region, resource: rest.join('#') };
}

/** The order every list of findings is presented in: severity, check, account, region, resource. */
export function compareFindings(a: FindingIdentity & { severity: Severity }, b: FindingIdentity & { severity: Severity }): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.checkId, b.checkId) ||
    compareText(a.accountId, b.accountId) ||
    compareText(a.region ?? '', b.region ?? '') ||
    compareText(a.resource, b.resource)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
