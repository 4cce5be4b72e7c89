import type { Severity } from '../findings/finding';

export type CheckFamilyName = 'ORG' | 'DLV' | 'CFG' | 'S3' | 'GRD' | 'AUD';

/**
 * A check's metadata, registered once in its family module.
 *
 * `remediation` is a template: `{name}` placeholders are filled with the finding's own values
 * (see RemediationVars). Every placeholder must be given when the check fires.
 */
export interface CheckDefinition {
  /** Stable ID, e.g. `DLV-002`: never changes meaning once released. */
  id: string;
  family: CheckFamilyName;
  /** The default severity (a check may raise a finding at another one, e.g. S3-006). */
  severity: Severity;
  /** A short title, the same for every finding of the check. */
  title: string;
  /** What the check looks at and when it fires, for docs/checks.md and `checks` output. */
  description: string;
  /** Why it matters and what to do, with the AWS CLI command where one exists. */
  remediation: string;
}

/** Values a remediation template is filled with, e.g. `{ trail: 'org-trail', bucket: 'logs' }`. */
export type RemediationVars = Readonly<Record<string, string>>;

/** Fills `{name}` placeholders. A placeholder without a value is a programming error. */
export function fillTemplate(template: string, vars: RemediationVars, checkId: string): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_match, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      throw new Error(`${checkId}: remediation placeholder {${name}} has no value`);
    }
    return value;
  });
}

/** The placeholders a template uses, in order of first use. */
export function templatePlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
    if (!names.includes(match[1])) names.push(match[1]);
  }
  return names;
}
