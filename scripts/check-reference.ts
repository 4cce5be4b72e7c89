/**
 * docs/checks.md, rendered from the check catalog (lambda/checks/catalog.ts). The catalog is the
 * source of truth; `npm run docs` rewrites the file and test/docs/check-reference.test.ts fails
 * when the committed file differs from what the catalog renders.
 */
import type { CheckDefinition, CheckFamilyName } from '../lambda/checks/definition';
import { DEFAULT_SETTINGS, SETTING_SPECS, type EvaluationSettings } from '../lambda/checks/settings';
import { SEVERITIES } from '../lambda/findings/finding';

export const CHECK_REFERENCE_PATH = 'docs/checks.md';
export const REGENERATE_COMMAND = 'npm run docs';

const FAMILIES: readonly { name: CheckFamilyName; title: string; intro: string }[] = [
  {
    name: 'ORG',
    title: 'ORG — organization coverage',
    intro: 'Whether the organization has a working organization trail at all, and whether every member account is covered by it.',
  },
  {
    name: 'DLV',
    title: 'DLV — delivery faults',
    intro:
      "Whether the logs actually arrive. The authoritative status of an org trail is the one the management account reads in the trail's home region; " +
      "a member's own view of the trail omits the delivery fields, so each member's delivery is proven instead by recent files in the bucket (DLV-008).",
  },
  {
    name: 'CFG',
    title: 'CFG — trail configuration',
    intro: 'How each org trail is configured, and whether the KMS key, SNS topic, CloudWatch Logs group and role it names let CloudTrail do its work.',
  },
  {
    name: 'S3',
    title: 'S3 — the log bucket',
    intro: 'Whether the bucket the org trail writes to accepts its logs, keeps them long enough and protects them.',
  },
  {
    name: 'GRD',
    title: 'GRD — the guardrails around the trail',
    intro:
      'Preventive controls that keep the org trail and its destinations from being switched off, read from the organization\'s service and resource control policies ' +
      '(`roots`, `accountPaths`, `targetPolicies` in the snapshot; a snapshot without them skips GRD-001…GRD-003). SCPs and RCPs never bind the management account.',
  },
  {
    name: 'AUD',
    title: "AUD — the audit's own coverage",
    intro: 'An audit that could not look must say so: silence would read as health.',
  },
];

/**
 * What each check is about (the subject of its findings), from the check catalog's contract. Kept
 * here because the catalog's definitions do not carry it; the test fails for a check missing here.
 */
export const CHECK_SCOPES: Readonly<Record<string, string>> = {
  'ORG-001': 'organization',
  'ORG-002': 'org trail',
  'ORG-003': 'member',
  'ORG-004': 'organization',
  'ORG-005': 'organization',
  'ORG-006': 'management account',
  'ORG-007': 'organization',
  'ORG-008': 'organization',
  'ORG-009': 'member',
  'DLV-001': "org trail (owner's view)",
  'DLV-002': 'org trail, any view',
  'DLV-003': 'org trail, any view',
  'DLV-004': 'org trail, any view',
  'DLV-005': 'org trail, any view',
  'DLV-006': "org trail (owner's view)",
  'DLV-007': "org trail (owner's view)",
  'DLV-008': 'member, per region',
  'CFG-001': 'org trail',
  'CFG-002': 'org trail',
  'CFG-003': 'org trail',
  'CFG-004': 'org trail',
  'CFG-005': 'org trail',
  'CFG-006': 'org trail',
  'CFG-007': 'org trail',
  'CFG-008': 'org trail',
  'CFG-009': 'org trail',
  'CFG-010': 'org trail',
  'CFG-011': 'org trail',
  'CFG-012': 'account, region',
  'CFG-013': 'org trail',
  'CFG-014': 'org trail',
  'S3-001': 'bucket',
  'S3-002': 'bucket',
  'S3-003': 'bucket',
  'S3-004': 'bucket',
  'S3-005': 'bucket',
  'S3-006': 'bucket',
  'S3-007': 'bucket',
  'S3-008': 'bucket',
  'GRD-001': 'delegated admin × org trail',
  'GRD-002': 'bucket, key',
  'GRD-003': 'bucket, key',
  'GRD-004': 'bucket, key, topic, log group, role',
  'AUD-001': 'member',
  'AUD-002': 'account, region',
  'AUD-003': 'bucket, key, topic, role, log group',
  'AUD-004': 'organization',
  'AUD-005': 'organization',
};

/** The checks of the catalog that CHECK_SCOPES does not describe (should be none). */
export function checksWithoutScope(checks: readonly CheckDefinition[]): string[] {
  return checks.filter((check) => CHECK_SCOPES[check.id] === undefined).map((check) => check.id);
}

/** The whole of docs/checks.md for these checks. */
export function renderCheckReference(checks: readonly CheckDefinition[]): string {
  const lines: string[] = [
    '# Check reference',
    '',
    `<!-- Generated from lambda/checks/catalog.ts by \`${REGENERATE_COMMAND}\`. Do not edit by hand. -->`,
    '',
    'Every check the auditor runs, with its stable ID. An ID never changes meaning once released:',
    'stored findings, alert filters and suppressions refer to it. `org-trail-auditor checks` lists the',
    'same catalog.',
    '',
    'Every finding carries `checkId`, `severity`, `accountId`, `region` (null for a global subject),',
    '`resource` (an ARN or a name), `title`, `detail` (what was observed, with the values that',
    'triggered the check) and `remediation` (the template below, filled in with the finding\'s own',
    'names: `{trail}`, `{bucket}`, `{account}` …).',
    '',
    `Severities, most severe first: ${SEVERITIES.map((s) => `\`${s}\``).join(', ')}. A check may raise`,
    'a finding at another severity than its default when its description says so.',
    '',
    'Only organization trails (`IsOrganizationTrail: true`, owned by the management account) are',
    'audited. "Member" means every ACTIVE account other than the management account; SUSPENDED and',
    'PENDING_CLOSURE accounts are not audited.',
    '',
    '## Thresholds',
    '',
    'Set with the `audit` command\'s flags (see [cli.md](cli.md)) or the deployed auditor\'s configuration.',
    '',
    '| Setting | CLI flag | Default | Allowed | Meaning |',
    '|---|---|---|---|---|',
    ...(Object.keys(SETTING_SPECS) as (keyof EvaluationSettings)[]).map((key) => {
      const spec = SETTING_SPECS[key];
      return `| \`${key}\` | \`--${spec.flag}\` | ${DEFAULT_SETTINGS[key]} | ${spec.min}–${spec.max} | ${cell(spec.description)} |`;
    }),
  ];
  for (const family of FAMILIES) {
    const members = checks.filter((check) => check.family === family.name);
    if (members.length === 0) continue;
    lines.push('', `## ${family.title}`, '', family.intro, '');
    lines.push('| ID | Severity | Scope | Title |', '|---|---|---|---|');
    for (const check of members) {
      lines.push(`| [${check.id}](#${anchor(check)}) | ${check.severity} | ${cell(CHECK_SCOPES[check.id] ?? '—')} | ${cell(check.title)} |`);
    }
    for (const check of members) {
      lines.push(
        '',
        `### ${check.id}: ${check.title}`,
        '',
        `- **Severity:** ${check.severity}`,
        `- **Scope:** ${CHECK_SCOPES[check.id] ?? '—'}`,
        '',
        `**When it fires.** ${check.description.trim()}`,
        '',
        `**Remediation.** ${check.remediation.trim()}`,
      );
    }
  }
  const unknownFamilies = checks.filter((check) => !FAMILIES.some((family) => family.name === check.family));
  if (unknownFamilies.length > 0) {
    throw new Error(`checks of an undocumented family: ${unknownFamilies.map((c) => `${c.id} (${c.family})`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The GitHub anchor of a check's heading: `### DLV-002: Log files …` → `dlv-002-log-files-…`. */
function anchor(check: CheckDefinition): string {
  return `${check.id}: ${check.title}`
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
