import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildStack } from './synthesize';

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: { ruleName: string }[];
    suppressedViolations?: { ruleName: string; reason: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/** Synthesizes the stack with cdk-nag's AwsSolutions rules, as bin/app.ts does, and returns the report. */
function nagReport(context: Record<string, unknown>): ValidationReport {
  const { app } = buildStack(context);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // An unacknowledged violation makes synth throw, with the report in the message.
  const assembly = app.synth();
  return JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
}

describe.each([
  ['every option on', { alertEmails: ['secops@example.com'], slackWorkspaceId: 'T0123456789', slackChannelId: 'C0123456789', organizationId: 'o-a1b2c3d4e5', organizationRootId: 'r-ab12' }],
  ['no configuration (deploy-time organization lookup)', {}],
])('cdk-nag AwsSolutions with %s', (_name, context) => {
  const report = nagReport(context);
  const awsSolutions = report.pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions');

  test('ran and left no violation unacknowledged', () => {
    expect(awsSolutions).toBeDefined();
    expect(awsSolutions?.violations).toEqual([]);
    expect(awsSolutions?.conclusion).toBe('success');
  });

  test('every acknowledgement gives a specific reason', () => {
    const suppressed = awsSolutions?.suppressedViolations ?? [];
    expect(suppressed.length).toBeGreaterThan(0);
    for (const violation of suppressed) {
      expect(violation.reason.length).toBeGreaterThan(80);
      expect(violation.violatingConstructs.length).toBeGreaterThan(0);
    }
  });

  test('only the findings reviewed for this stack are acknowledged', () => {
    const rules = [...new Set((awsSolutions?.suppressedViolations ?? []).map((violation) => violation.ruleName.replace(/\[.*$/, '')))].sort();
    expect(rules.every((rule) => ['AwsSolutions-IAM5', 'AwsSolutions-SQS3'].includes(rule))).toBe(true);
  });

  test('nothing is excused from access logging, and no AWS managed policy is attached', () => {
    const rules = (awsSolutions?.suppressedViolations ?? []).map((violation) => violation.ruleName);
    expect(rules.filter((rule) => rule.startsWith('AwsSolutions-S1') || rule.startsWith('AwsSolutions-IAM4'))).toEqual([]);
  });
});
