/**
 * The deployed auditor's configuration: typed, validated, read from CDK context (`cdk.json` or
 * `-c key=value`). A wrong value is a ConfigError whose message is one line naming the key, the
 * value and what is allowed; bin/app.ts prints it and stops the synth.
 */
import { resolveSettings, SettingsError, SETTING_SPECS, type EvaluationSettings } from '../lambda/checks/settings';
import { isSeverity, type Severity } from '../lambda/findings/finding';
import { ReconcileSettingsError, resolveReconcileSettings, type ReconcileSettings } from '../lambda/findings/reconcile-settings';
import { isSecurityHubImportMode, SECURITY_HUB_IMPORT_MODES, type SecurityHubImportMode } from '../lambda/integrate/security-hub-availability';
import { parseSchedule, type AuditSchedule } from './schedule';

export interface SlackChannel {
  workspaceId: string;
  channelId: string;
}

/** Where the member audit role is deployed: explicit OUs, the configured root, or the root found at deploy time. */
export type MemberRoleTargets = { kind: 'organizational-units'; ids: string[] } | { kind: 'organization-root'; rootId: string } | { kind: 'resolve-at-deploy' };

/** Security Hub and EventBridge (docs/security-hub.md, docs/integrations.md). */
export interface IntegrationConfig {
  /** `auto`: import when Security Hub is enabled in the stack's region (DescribeHub at run time). */
  securityHubImport: SecurityHubImportMode;
  /** Put finding and run events on the default event bus. */
  eventBridgeEvents: boolean;
  /** Open findings not imported for this many days are imported again (Security Hub deletes them after 90). */
  securityHubRefreshDays: number;
  /** The published check reference (docs/checks.md); Security Hub findings link to their check there. */
  checkReferenceUrl: string | undefined;
}

export interface AuditorConfig {
  schedule: AuditSchedule;
  /** Minutes without a successful audit after which the dead-man's-switch alarm fires. */
  missedAuditAlarmMinutes: number;
  alertEmails: string[];
  slack: SlackChannel | undefined;
  memberRoleName: string;
  /** The organization ID (`o-…`); undefined: read from AWS Organizations at deploy time. */
  organizationId: string | undefined;
  memberRoleTargets: MemberRoleTargets;
  logArchiveAccountId: string | undefined;
  /** Other member accounts that own a resource an organization trail names (KMS key, SNS topic, log group, CloudWatch Logs role, bucket). */
  trailResourceAccountIds: string[];
  minAlertSeverity: Severity;
  settings: EvaluationSettings;
  groupThreshold: number;
  findingsRetentionDays: number;
  regionsToSkip: string[];
  concurrency: number;
  logRetentionDays: number;
  /** Member accounts per batch: one Distributed Map child (one Lambda invocation) each. */
  batchSize: number;
  /** Batches collected at the same time (the Distributed Map's MaxConcurrency). */
  maxConcurrency: number;
  /** Share of failed batches the Distributed Map tolerates before it stops starting the rest. */
  toleratedBatchFailurePercentage: number;
  integrations: IntegrationConfig;
}

/** A configuration value that is not allowed. The message is the one line shown to the user. */
export class ConfigError extends Error {}

export const DEFAULT_SCHEDULE = 'rate(1 hour)';
export const DEFAULT_MEMBER_ROLE_NAME = 'OrgTrailAuditorMemberRole';
export const DEFAULT_CONCURRENCY = 64;
export const DEFAULT_LOG_RETENTION_DAYS = 365;
/**
 * At most this many trailResourceAccountIds: each adds one condition to the member role's
 * template, which travels inline in the StackSet (TemplateBody is limited to 51,200 bytes).
 */
export const MAX_TRAIL_RESOURCE_ACCOUNTS = 200;

/** 100 accounts take about a minute at the default concurrency (see docs/deploy.md, "Sizing"). */
export const DEFAULT_BATCH_SIZE = 100;
/** 10,000 accounts (the AWS Organizations ceiling) in 100 batches, all at once. */
export const DEFAULT_MAX_CONCURRENCY = 100;
export const DEFAULT_TOLERATED_BATCH_FAILURE_PERCENTAGE = 25;
export const DEFAULT_SECURITY_HUB_REFRESH_DAYS = 30;

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Every configuration key, in the order docs/configuration.md lists them. */
export const CONFIG_KEYS = [
  'schedule',
  'missedAuditAlarmMinutes',
  'alertEmails',
  'slackWorkspaceId',
  'slackChannelId',
  'memberRoleName',
  'organizationId',
  'organizationRootId',
  'targetOrganizationalUnitIds',
  'logArchiveAccountId',
  'trailResourceAccountIds',
  'minAlertSeverity',
  ...(Object.keys(SETTING_SPECS) as (keyof EvaluationSettings)[]),
  'groupThreshold',
  'findingsRetentionDays',
  'regionsToSkip',
  'concurrency',
  'logRetentionDays',
  'batchSize',
  'maxConcurrency',
  'toleratedBatchFailurePercentage',
  'securityHubImport',
  'eventBridgeEvents',
  'securityHubRefreshDays',
  'checkReferenceUrl',
] as const;

export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** Reads one raw value (from CDK context: a JSON value from cdk.json, a string from `-c`). */
export type ConfigSource = (key: ConfigKey) => unknown;

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SLACK_WORKSPACE_ID = /^T[A-Z0-9]{8,}$/;
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{8,}$/;

/**
 * Reads and validates the whole configuration. `contextKeys`, when given, are all the keys present
 * in the context: a camelCase key that is not a configuration key (a typo) is rejected too.
 */
export function readConfig(source: ConfigSource, contextKeys: readonly string[] = []): AuditorConfig {
  rejectUnknownKeys(contextKeys);
  const read = (key: ConfigKey) => normalise(source(key));

  const schedule = parseScheduleValue(read('schedule'));
  const missedAuditAlarmMinutes = readMissedAuditAlarmMinutes(read('missedAuditAlarmMinutes'), schedule);

  const slackWorkspaceId = optionalMatching(read('slackWorkspaceId'), 'slackWorkspaceId', SLACK_WORKSPACE_ID, 'a Slack workspace ID such as T0123456789 (from the AWS Chatbot console)');
  const slackChannelId = optionalMatching(read('slackChannelId'), 'slackChannelId', SLACK_CHANNEL_ID, 'a Slack channel ID such as C0123456789');
  if ((slackWorkspaceId === undefined) !== (slackChannelId === undefined)) {
    const missing = slackWorkspaceId === undefined ? 'slackWorkspaceId' : 'slackChannelId';
    throw new ConfigError(`${missing}: missing; expected slackWorkspaceId and slackChannelId together, or neither`);
  }

  const organizationRootId = optionalMatching(read('organizationRootId'), 'organizationRootId', ROOT_ID, 'an organization root ID such as r-ab12');
  const targetOrganizationalUnitIds = list(read('targetOrganizationalUnitIds'), 'targetOrganizationalUnitIds', (id) => OU_ID.test(id) || ROOT_ID.test(id), 'organizational unit IDs (ou-…) or the root ID (r-…)');

  let settings: EvaluationSettings;
  let reconcile: ReconcileSettings;
  try {
    settings = resolveSettings(Object.fromEntries(Object.keys(SETTING_SPECS).map((key) => [key, read(key as ConfigKey)])));
    reconcile = resolveReconcileSettings({
      minAlertSeverity: upperCase(read('minAlertSeverity')),
      groupThreshold: read('groupThreshold'),
      retentionDays: read('findingsRetentionDays'),
    });
  } catch (error) {
    if (error instanceof SettingsError) throw new ConfigError(error.message);
    if (error instanceof ReconcileSettingsError) throw new ConfigError(error.message.replace(/^retentionDays:/, 'findingsRetentionDays:'));
    throw error;
  }

  return {
    schedule,
    missedAuditAlarmMinutes,
    alertEmails: list(read('alertEmails'), 'alertEmails', (email) => EMAIL.test(email), 'email addresses'),
    slack: slackWorkspaceId && slackChannelId ? { workspaceId: slackWorkspaceId, channelId: slackChannelId } : undefined,
    memberRoleName: optionalMatching(read('memberRoleName'), 'memberRoleName', ROLE_NAME, 'an IAM role name: 1 to 64 letters, digits or +=,.@_-') ?? DEFAULT_MEMBER_ROLE_NAME,
    organizationId: optionalMatching(read('organizationId'), 'organizationId', ORGANIZATION_ID, 'an organization ID such as o-a1b2c3d4e5'),
    memberRoleTargets:
      targetOrganizationalUnitIds.length > 0
        ? { kind: 'organizational-units', ids: targetOrganizationalUnitIds }
        : organizationRootId
          ? { kind: 'organization-root', rootId: organizationRootId }
          : { kind: 'resolve-at-deploy' },
    logArchiveAccountId: optionalMatching(read('logArchiveAccountId'), 'logArchiveAccountId', ACCOUNT_ID, 'a 12-digit AWS account ID'),
    trailResourceAccountIds: readTrailResourceAccountIds(read('trailResourceAccountIds')),
    minAlertSeverity: reconcile.minAlertSeverity,
    settings,
    groupThreshold: reconcile.groupThreshold,
    findingsRetentionDays: reconcile.retentionDays,
    regionsToSkip: list(read('regionsToSkip'), 'regionsToSkip', (region) => REGION.test(region), 'AWS region names such as ap-east-1'),
    concurrency: wholeNumber(read('concurrency'), 'concurrency', 1, 128) ?? DEFAULT_CONCURRENCY,
    logRetentionDays: readLogRetention(read('logRetentionDays')),
    batchSize: wholeNumber(read('batchSize'), 'batchSize', 1, 1000) ?? DEFAULT_BATCH_SIZE,
    maxConcurrency: wholeNumber(read('maxConcurrency'), 'maxConcurrency', 1, 1000) ?? DEFAULT_MAX_CONCURRENCY,
    toleratedBatchFailurePercentage:
      wholeNumber(read('toleratedBatchFailurePercentage'), 'toleratedBatchFailurePercentage', 0, 100) ?? DEFAULT_TOLERATED_BATCH_FAILURE_PERCENTAGE,
    integrations: {
      securityHubImport: readSecurityHubImport(read('securityHubImport')),
      eventBridgeEvents: booleanValue(read('eventBridgeEvents'), 'eventBridgeEvents') ?? true,
      securityHubRefreshDays: wholeNumber(read('securityHubRefreshDays'), 'securityHubRefreshDays', 1, 80) ?? DEFAULT_SECURITY_HUB_REFRESH_DAYS,
      checkReferenceUrl: optionalMatching(read('checkReferenceUrl'), 'checkReferenceUrl', /^https:\/\/\S+$/, 'an https URL of the published check reference (docs/checks.md)'),
    },
  };
}

function readSecurityHubImport(raw: unknown): SecurityHubImportMode {
  if (raw === undefined) return 'auto';
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if (typeof value !== 'string' || !isSecurityHubImportMode(value)) {
    throw new ConfigError(`securityHubImport: ${describe(raw)} is not allowed; expected one of ${SECURITY_HUB_IMPORT_MODES.join(', ')}`);
  }
  return value;
}

/** true / false in cdk.json, or the strings "true" / "false" from `-c`. */
function booleanValue(raw: unknown, key: ConfigKey): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new ConfigError(`${key}: ${describe(raw)} is not allowed; expected true or false`);
}

function rejectUnknownKeys(contextKeys: readonly string[]): void {
  const known = new Set<string>(CONFIG_KEYS);
  // Feature flags and CDK's own context keys carry ':' '/' '@' or '-'; ours are plain camelCase.
  const unknown = contextKeys.filter((key) => /^[a-z][A-Za-z0-9]*$/.test(key) && !known.has(key));
  if (unknown.length > 0) {
    throw new ConfigError(`${unknown[0]}: not a configuration key; expected one of ${CONFIG_KEYS.join(', ')}`);
  }
}

/** Absent, null and blank strings all mean "not set". */
function normalise(raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string' && raw.trim() === '') return undefined;
  return raw;
}

function describe(raw: unknown): string {
  return JSON.stringify(raw) ?? String(raw);
}

function parseScheduleValue(raw: unknown): AuditSchedule {
  if (raw === undefined) return parseSchedule(DEFAULT_SCHEDULE) as AuditSchedule;
  const schedule = typeof raw === 'string' ? parseSchedule(raw.trim()) : undefined;
  if (!schedule) {
    throw new ConfigError(
      `schedule: ${describe(raw)} is not allowed; expected rate(N minutes|hours|days) from 15 minutes to 3 days, or cron(minutes hours day-of-month month day-of-week year)`,
    );
  }
  return schedule;
}

function readMissedAuditAlarmMinutes(raw: unknown, schedule: AuditSchedule): number {
  const explicit = wholeNumber(raw, 'missedAuditAlarmMinutes', 30, 10080);
  if (explicit !== undefined) return explicit;
  if (schedule.periodMinutes === undefined) {
    throw new ConfigError(`missedAuditAlarmMinutes: missing; expected a whole number from 30 to 10080 when schedule is a cron expression (${schedule.expression})`);
  }
  return Math.min(2 * schedule.periodMinutes, 10080);
}

function optionalMatching(raw: unknown, key: ConfigKey, pattern: RegExp, allowed: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !pattern.test(raw.trim())) {
    throw new ConfigError(`${key}: ${describe(raw)} is not allowed; expected ${allowed}`);
  }
  return raw.trim();
}

/** A whole number within [min, max]; strings from `-c` are accepted when they hold one. */
function wholeNumber(raw: unknown, key: ConfigKey, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key}: ${describe(raw)} is not allowed; expected a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * A list: a JSON array in cdk.json, or from `-c` a comma-separated string or a JSON array text.
 * Every item must pass `valid`; duplicates are dropped.
 */
function list(raw: unknown, key: ConfigKey, valid: (item: string) => boolean, allowed: string): string[] {
  if (raw === undefined) return [];
  let items: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    items = text.startsWith('[') ? parseJsonArray(text) : text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  }
  if (!Array.isArray(items)) {
    throw new ConfigError(`${key}: ${describe(raw)} is not allowed; expected a list of ${allowed}`);
  }
  const bad = items.find((item) => typeof item !== 'string' || !valid(item.trim()));
  if (bad !== undefined) {
    throw new ConfigError(`${key}: ${describe(bad)} is not allowed; expected a list of ${allowed}`);
  }
  return [...new Set((items as string[]).map((item) => item.trim()))];
}

function parseJsonArray(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Severities are accepted in any case (`high`, `HIGH`); a wrong one is reported as written. */
function upperCase(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const upper = raw.trim().toUpperCase();
  return isSeverity(upper) ? upper : raw;
}

function readTrailResourceAccountIds(raw: unknown): string[] {
  const ids = list(raw, 'trailResourceAccountIds', (id) => ACCOUNT_ID.test(id), '12-digit AWS account IDs');
  if (ids.length > MAX_TRAIL_RESOURCE_ACCOUNTS) {
    throw new ConfigError(
      `trailResourceAccountIds: ${ids.length} accounts is not allowed; expected at most ${MAX_TRAIL_RESOURCE_ACCOUNTS} (each is a condition in the member role template, which CloudFormation limits to 51,200 bytes)`,
    );
  }
  return ids;
}

function readLogRetention(raw: unknown): number {
  const value = wholeNumber(raw, 'logRetentionDays', 1, 3653);
  if (value === undefined) return DEFAULT_LOG_RETENTION_DAYS;
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(value)) {
    throw new ConfigError(`logRetentionDays: ${describe(raw)} is not allowed; expected one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  return value;
}

