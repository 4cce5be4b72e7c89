/**
 * The `audit` command's flags, as the parser (program.ts) read them, validated into AuditOptions.
 * Every bad value is a UsageError that names the flag, the value and what is allowed.
 */
import { resolveSettings, SETTING_SPECS, type EvaluationSettings } from '../checks/settings';
import { isSeverity, SEVERITIES, type Severity } from '../findings/finding';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../report/report-format';
import { UsageError } from './io';
import { checkOutputLocation } from './output-file';
import type { LiveAuditOptions } from './live-audit';

export const DEFAULT_MEMBER_ROLE_NAME = 'OrgTrailAuditorMemberRole';
export const DEFAULT_CONCURRENCY = 64;
export const CONCURRENCY_RANGE = { min: 1, max: 512 } as const;

/** Where the snapshot comes from: a saved file (`-`: standard input), or the live organization. */
export type SnapshotSource =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' }
  | { kind: 'live'; options: LiveAuditOptions; saveSnapshotPath?: string };

export interface AuditOptions {
  source: SnapshotSource;
  format: ReportFormat;
  /** Findings less severe than this are not printed. */
  minSeverity: Severity;
  /** Exit 3 when a finding at or above this severity exists. */
  failOn?: Severity;
  settings: EvaluationSettings;
  /** Write the report to this file instead of standard output. */
  outputPath?: string;
  /** Nothing on standard error but the error, if one. */
  quiet: boolean;
  /** False with --no-color; undefined: decided by the environment and the terminal. */
  colour?: false;
}

type SettingKey = keyof EvaluationSettings;
const SETTING_KEYS = Object.keys(SETTING_SPECS) as SettingKey[];

/** The flags that only mean something when collecting from the live organization. */
const LIVE_FLAGS = ['profile', 'region', 'member-role-name', 'log-archive-account', 'concurrency', 'save-snapshot'] as const;

/** The flags as the parser read them: each by its long name, a string (or a boolean for switches). */
export type AuditFlags = Readonly<Record<string, string | boolean | undefined>>;

/** Validates the `audit` flags into AuditOptions. */
export function auditOptionsFromFlags(flags: AuditFlags): AuditOptions {
  const text = (name: string): string | undefined => {
    const value = flags[name];
    return typeof value === 'string' ? value : undefined;
  };
  const outputPath = text('output');
  if (outputPath !== undefined) checkOutputLocation(outputPath);
  return {
    source: snapshotSource(text),
    format: reportFormat(text('format')),
    minSeverity: severityFlag('min-severity', text('min-severity')) ?? 'INFORMATIONAL',
    failOn: severityFlag('fail-on', text('fail-on')),
    settings: settingsFromFlags(text),
    outputPath,
    quiet: flags.quiet === true,
    ...(flags.color === false ? { colour: false as const } : {}),
  };
}

function snapshotSource(text: (name: string) => string | undefined): SnapshotSource {
  const path = text('snapshot');
  if (path !== undefined) {
    if (path === '') throw new UsageError('audit: --snapshot needs a file name (or - for standard input)');
    const liveOnly = LIVE_FLAGS.filter((flag) => text(flag) !== undefined);
    if (liveOnly.length > 0) {
      const named = liveOnly.map((flag) => `--${flag}`).join(', ');
      throw new UsageError(`audit: ${named} only ${liveOnly.length === 1 ? 'applies' : 'apply'} to a live audit, not with --snapshot`);
    }
    return path === '-' ? { kind: 'stdin' } : { kind: 'file', path };
  }
  const saveSnapshotPath = text('save-snapshot');
  // Checked before a long collection, not after it.
  if (saveSnapshotPath !== undefined) checkOutputLocation(saveSnapshotPath, 'save-snapshot');
  return {
    kind: 'live',
    saveSnapshotPath,
    options: {
      profile: nonEmpty('profile', text('profile')),
      region: region(text('region')),
      memberRoleName: memberRoleName(text('member-role-name') ?? DEFAULT_MEMBER_ROLE_NAME),
      logArchiveAccountId: logArchiveAccount(text('log-archive-account')),
      concurrency: concurrency(text('concurrency')),
    },
  };
}

function reportFormat(value: string | undefined): ReportFormat {
  if (value === undefined) return 'table';
  const lower = value.toLowerCase();
  if (isReportFormat(lower)) return lower;
  throw new UsageError(`audit: --format ${JSON.stringify(value)} is not a format; expected one of ${REPORT_FORMATS.join(', ')}`);
}

/** A severity name, in any case (`high` or `HIGH`). */
export function severityFlag(flag: string, value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (isSeverity(upper)) return upper;
  throw new UsageError(`audit: --${flag} ${JSON.stringify(value)} is not a severity; expected one of ${SEVERITIES.join(', ')}`);
}

function settingsFromFlags(text: (name: string) => string | undefined): EvaluationSettings {
  const given: Partial<Record<SettingKey, string>> = {};
  for (const key of SETTING_KEYS) {
    const spec = SETTING_SPECS[key];
    const value = text(spec.flag);
    if (value === undefined) continue;
    try {
      resolveSettings({ [key]: value });
    } catch {
      throw new UsageError(`audit: --${spec.flag} ${JSON.stringify(value)} is not allowed; expected a whole number from ${spec.min} to ${spec.max}`);
    }
    given[key] = value;
  }
  return resolveSettings(given);
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === '') throw new UsageError(`audit: --${flag} needs a value`);
  return value;
}

function region(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^[a-z]{2}(-[a-z]+)+-[0-9]+$/.test(value)) return value;
  throw new UsageError(`audit: --region ${JSON.stringify(value)} is not an AWS region name (e.g. us-east-1)`);
}

function memberRoleName(value: string): string {
  // IAM role names: 1-64 characters of letters, digits and +=,.@_-
  if (/^[\w+=,.@-]{1,64}$/.test(value)) return value;
  throw new UsageError(`audit: --member-role-name ${JSON.stringify(value)} is not an IAM role name (1 to 64 letters, digits and +=,.@_-)`);
}

function logArchiveAccount(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^[0-9]{12}$/.test(value)) return value;
  throw new UsageError(`audit: --log-archive-account ${JSON.stringify(value)} is not an AWS account ID (12 digits)`);
}

function concurrency(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const parsed = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(parsed) && parsed >= CONCURRENCY_RANGE.min && parsed <= CONCURRENCY_RANGE.max) return parsed;
  throw new UsageError(
    `audit: --concurrency ${JSON.stringify(value)} is not allowed; expected a whole number from ${CONCURRENCY_RANGE.min} to ${CONCURRENCY_RANGE.max}`,
  );
}
