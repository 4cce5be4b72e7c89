/**
 * The audit steps' configuration: environment variables that the stack sets on each step function
 * from the validated CDK configuration (lib/config.ts), read back and checked once per cold start.
 */
import { resolveSettings, SettingsError, type EvaluationSettings } from '../checks/settings';
import { isSeverity, type Severity } from '../findings/finding';

/** The variable names: the stack writes them, the steps read them. */
export const ENVIRONMENT_VARIABLES = {
  findingsTableName: 'FINDINGS_TABLE_NAME',
  runsTableName: 'RUNS_TABLE_NAME',
  evidenceBucketName: 'EVIDENCE_BUCKET_NAME',
  alertTopicArn: 'ALERT_TOPIC_ARN',
  memberRoleName: 'MEMBER_ROLE_NAME',
  logArchiveAccountId: 'LOG_ARCHIVE_ACCOUNT_ID',
  minAlertSeverity: 'MIN_ALERT_SEVERITY',
  groupThreshold: 'GROUP_THRESHOLD',
  findingsRetentionDays: 'FINDINGS_RETENTION_DAYS',
  regionsToSkip: 'REGIONS_TO_SKIP',
  concurrency: 'CONCURRENCY',
  deliveryStaleMinutes: 'DELIVERY_STALE_MINUTES',
  evidenceMaxAgeMinutes: 'EVIDENCE_MAX_AGE_MINUTES',
  minRetentionDays: 'MIN_RETENTION_DAYS',
  newAccountGraceHours: 'NEW_ACCOUNT_GRACE_HOURS',
} as const;

export interface RunEnvironment {
  findingsTableName: string;
  runsTableName: string;
  evidenceBucketName: string;
  alertTopicArn: string;
  memberRoleName: string;
  logArchiveAccountId: string | undefined;
  minAlertSeverity: Severity;
  groupThreshold: number;
  findingsRetentionDays: number;
  regionsToSkip: string[];
  concurrency: number;
  settings: EvaluationSettings;
}

/** A missing or malformed variable: the stack and the function disagree (a deployment fault). */
export class EnvironmentError extends Error {}

export function readRunEnvironment(env: NodeJS.ProcessEnv): RunEnvironment {
  const names = ENVIRONMENT_VARIABLES;
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new EnvironmentError(`${name}: missing; the stack sets it on each step function of the audit`);
    return value;
  };
  const wholeNumber = (name: string, min: number): number => {
    const raw = required(name);
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new EnvironmentError(`${name}: "${raw}" is not a whole number of at least ${min}`);
    return value;
  };
  const severity = required(names.minAlertSeverity);
  if (!isSeverity(severity)) throw new EnvironmentError(`${names.minAlertSeverity}: "${severity}" is not a severity`);

  let settings: EvaluationSettings;
  try {
    settings = resolveSettings({
      deliveryStaleMinutes: env[names.deliveryStaleMinutes],
      evidenceMaxAgeMinutes: env[names.evidenceMaxAgeMinutes],
      minRetentionDays: env[names.minRetentionDays],
      newAccountGraceHours: env[names.newAccountGraceHours],
    });
  } catch (error) {
    throw error instanceof SettingsError ? new EnvironmentError(error.message) : error;
  }

  return {
    findingsTableName: required(names.findingsTableName),
    runsTableName: required(names.runsTableName),
    evidenceBucketName: required(names.evidenceBucketName),
    alertTopicArn: required(names.alertTopicArn),
    memberRoleName: required(names.memberRoleName),
    logArchiveAccountId: env[names.logArchiveAccountId]?.trim() || undefined,
    minAlertSeverity: severity,
    groupThreshold: wholeNumber(names.groupThreshold, 1),
    findingsRetentionDays: wholeNumber(names.findingsRetentionDays, 1),
    regionsToSkip: (env[names.regionsToSkip] ?? '').split(',').map((region) => region.trim()).filter((region) => region !== ''),
    concurrency: wholeNumber(names.concurrency, 1),
    settings,
  };
}
