import { ConfigError, CONFIG_KEYS, readConfig, type ConfigKey } from '../../lib/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function config(context: Record<string, unknown>) {
  return readConfig((key: ConfigKey) => context[key], Object.keys(context));
}

function errorOf(context: Record<string, unknown>): string {
  try {
    config(context);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  test('an empty context is a complete configuration', () => {
    expect(config({})).toEqual({
      schedule: { expression: 'rate(1 hour)', periodMinutes: 60 },
      missedAuditAlarmMinutes: 120,
      alertEmails: [],
      slack: undefined,
      memberRoleName: 'OrgTrailAuditorMemberRole',
      organizationId: undefined,
      memberRoleTargets: { kind: 'resolve-at-deploy' },
      logArchiveAccountId: undefined,
      trailResourceAccountIds: [],
      minAlertSeverity: 'MEDIUM',
      settings: { deliveryStaleMinutes: 120, evidenceMaxAgeMinutes: 180, minRetentionDays: 365, newAccountGraceHours: 24 },
      groupThreshold: 5,
      findingsRetentionDays: 400,
      regionsToSkip: [],
      concurrency: 64,
      logRetentionDays: 365,
      batchSize: 100,
      maxConcurrency: 100,
      toleratedBatchFailurePercentage: 25,
      integrations: { securityHubImport: 'auto', eventBridgeEvents: true, securityHubRefreshDays: 30, checkReferenceUrl: undefined },
    });
  });

  test("the repository's cdk.json is a valid configuration", () => {
    const context = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
    expect(() => config(context)).not.toThrow();
  });
});

describe('values as -c gives them (strings)', () => {
  test('numbers, lists and severities are parsed', () => {
    const parsed = config({
      concurrency: '32',
      alertEmails: 'a@example.com, b@example.com',
      regionsToSkip: '["ap-east-1"]',
      minAlertSeverity: 'critical',
      deliveryStaleMinutes: '60',
      targetOrganizationalUnitIds: 'ou-ab12-cdef3456',
    });
    expect(parsed.concurrency).toBe(32);
    expect(parsed.alertEmails).toEqual(['a@example.com', 'b@example.com']);
    expect(parsed.regionsToSkip).toEqual(['ap-east-1']);
    expect(parsed.minAlertSeverity).toBe('CRITICAL');
    expect(parsed.settings.deliveryStaleMinutes).toBe(60);
    expect(parsed.memberRoleTargets).toEqual({ kind: 'organizational-units', ids: ['ou-ab12-cdef3456'] });
  });

  test('OUs take precedence over the root; the root over the deploy-time lookup', () => {
    expect(config({ organizationRootId: 'r-ab12' }).memberRoleTargets).toEqual({ kind: 'organization-root', rootId: 'r-ab12' });
    expect(config({ organizationRootId: 'r-ab12', targetOrganizationalUnitIds: ['ou-ab12-cdef3456'] }).memberRoleTargets.kind).toBe('organizational-units');
  });

  test('a rate in days and a cron schedule with its alarm window', () => {
    expect(config({ schedule: 'rate(1 day)' })).toMatchObject({ schedule: { periodMinutes: 1440 }, missedAuditAlarmMinutes: 2880 });
    expect(config({ schedule: 'cron(0 */2 * * ? *)', missedAuditAlarmMinutes: 300 })).toMatchObject({
      schedule: { expression: 'cron(0 */2 * * ? *)', periodMinutes: undefined },
      missedAuditAlarmMinutes: 300,
    });
  });
});

describe('a wrong value fails with one line naming the key, the value and what is allowed', () => {
  test.each([
    [{ schedule: 'every hour' }, 'schedule: "every hour" is not allowed; expected rate(N minutes|hours|days) from 15 minutes to 3 days, or cron('],
    [{ schedule: 'rate(5 minutes)' }, 'schedule: "rate(5 minutes)" is not allowed'],
    [{ schedule: 'rate(1 hours)' }, 'schedule: "rate(1 hours)" is not allowed'],
    [{ schedule: 'cron(0 6 * * MON *)' }, 'schedule: "cron(0 6 * * MON *)" is not allowed'],
    [{ schedule: 'cron(0 6 ? * MON *)' }, 'missedAuditAlarmMinutes: missing; expected a whole number from 30 to 10080 when schedule is a cron expression'],
    [{ missedAuditAlarmMinutes: 10 }, 'missedAuditAlarmMinutes: 10 is not allowed; expected a whole number from 30 to 10080'],
    [{ alertEmails: ['secops@example.com', 'not-an-address'] }, 'alertEmails: "not-an-address" is not allowed; expected a list of email addresses'],
    [{ alertEmails: 42 }, 'alertEmails: 42 is not allowed; expected a list of email addresses'],
    [{ slackWorkspaceId: 'T0123456789' }, 'slackChannelId: missing; expected slackWorkspaceId and slackChannelId together, or neither'],
    [{ slackWorkspaceId: 'workspace', slackChannelId: 'C0123456789' }, 'slackWorkspaceId: "workspace" is not allowed; expected a Slack workspace ID'],
    [{ memberRoleName: 'bad role name' }, 'memberRoleName: "bad role name" is not allowed; expected an IAM role name'],
    [{ organizationId: 'org-1' }, 'organizationId: "org-1" is not allowed; expected an organization ID such as o-a1b2c3d4e5'],
    [{ organizationRootId: 'root' }, 'organizationRootId: "root" is not allowed; expected an organization root ID such as r-ab12'],
    [{ targetOrganizationalUnitIds: ['ou-x'] }, 'targetOrganizationalUnitIds: "ou-x" is not allowed; expected a list of organizational unit IDs'],
    [{ logArchiveAccountId: '1234' }, 'logArchiveAccountId: "1234" is not allowed; expected a 12-digit AWS account ID'],
    [{ trailResourceAccountIds: ['333333333333', 'log-archive'] }, 'trailResourceAccountIds: "log-archive" is not allowed; expected a list of 12-digit AWS account IDs'],
    [{ minAlertSeverity: 'urgent' }, 'minAlertSeverity: "urgent" is not allowed; expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL'],
    [{ deliveryStaleMinutes: 0 }, 'deliveryStaleMinutes: 0 is not allowed; expected a whole number from 1 to 10080'],
    [{ evidenceMaxAgeMinutes: 'soon' }, 'evidenceMaxAgeMinutes: "soon" is not allowed; expected a whole number from 60 to 10080'],
    [{ minRetentionDays: 1.5 }, 'minRetentionDays: 1.5 is not allowed'],
    [{ newAccountGraceHours: -1 }, 'newAccountGraceHours: -1 is not allowed'],
    [{ groupThreshold: 0 }, 'groupThreshold: 0 is not allowed; expected a whole number from 1 to 1000'],
    [{ findingsRetentionDays: 5000 }, 'findingsRetentionDays: 5000 is not allowed; expected a whole number from 1 to 3650'],
    [{ regionsToSkip: ['Mars-1'] }, 'regionsToSkip: "Mars-1" is not allowed; expected a list of AWS region names'],
    [{ concurrency: 1000 }, 'concurrency: 1000 is not allowed; expected a whole number from 1 to 128'],
    [{ logRetentionDays: 100 }, 'logRetentionDays: 100 is not allowed; expected one of 1, 3, 5, 7, 14, 30, 60, 90'],
    [{ schedul: 'rate(1 hour)' }, 'schedul: not a configuration key; expected one of schedule, '],
  ])('%j', (context, expected) => {
    const message = errorOf(context);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  test("CDK's own context keys and feature flags are not mistaken for typos", () => {
    expect(() => config({ '@aws-cdk/core:checkSecretUsage': true, 'aws:cdk:bundling-stacks': [], 'acknowledged-issue-numbers': [1] })).not.toThrow();
  });
});

describe('the accounts that own trail resources', () => {
  test('a list as -c gives it, each account once', () => {
    const parsed = config({ logArchiveAccountId: '222222222222', trailResourceAccountIds: '333333333333, 222222222222,333333333333' });
    expect(parsed.trailResourceAccountIds).toEqual(['333333333333', '222222222222']);
  });

  test('none by default', () => {
    expect(config({}).trailResourceAccountIds).toEqual([]);
  });

  test('at most 200, with one line saying why', () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => String(100000000000 + index));
    expect(config({ trailResourceAccountIds: ids(200) }).trailResourceAccountIds).toHaveLength(200);
    const message = errorOf({ trailResourceAccountIds: ids(201) });
    expect(message).toBe(
      'trailResourceAccountIds: 201 accounts is not allowed; expected at most 200 (each is a condition in the member role template, which CloudFormation limits to 51,200 bytes)',
    );
  });
});

test('docs/configuration.md documents every key', () => {
  const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'configuration.md'), 'utf8');
  const undocumented = CONFIG_KEYS.filter((key) => !docs.includes(`\`${key}\``));
  expect(undocumented).toEqual([]);
});
