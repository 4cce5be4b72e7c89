import type { Template } from 'aws-cdk-lib/assertions';
import { PENDING_ALERTS_PERIODS, runPeriodMinutes } from '../../lib/audit-alarms';
import { identityPolicyStatements, onlyResource, resourcesOfType, synthesize, type PolicyStatementJson } from './synthesize';

const CONTEXT = {
  schedule: 'rate(30 minutes)',
  alertEmails: ['secops@example.com', 'audit@example.com'],
  slackWorkspaceId: 'T0123456789',
  slackChannelId: 'C0123456789',
  organizationId: 'o-a1b2c3d4e5',
};

function topicId(template: Template, prefix: 'AlertsTopic' | 'HealthTopic'): string {
  const [id] = Object.keys(resourcesOfType(template, 'AWS::SNS::Topic')).filter((candidate) => candidate.startsWith(prefix));
  if (!id) throw new Error(`no ${prefix}`);
  return id;
}

function alarmOn(template: Template, metricName: string): Record<string, unknown> {
  const found = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).filter((alarm) => alarm.Properties?.MetricName === metricName);
  if (found.length !== 1 || !found[0]?.Properties) throw new Error(`expected one alarm on ${metricName}, found ${found.length}`);
  return found[0].Properties;
}

describe('the health path', () => {
  let template: Template;
  beforeAll(() => {
    template = synthesize(CONTEXT);
  });

  test('is a second topic with no KMS key: nothing of the alert topic or its key can break it', () => {
    const health = resourcesOfType(template, 'AWS::SNS::Topic')[topicId(template, 'HealthTopic')];
    expect(health?.Properties?.KmsMasterKeyId).toBeUndefined();
    expect(topicId(template, 'AlertsTopic')).not.toBe(topicId(template, 'HealthTopic'));
  });

  test('is TLS-only, and only CloudWatch alarms of this account may publish to it', () => {
    const id = topicId(template, 'HealthTopic');
    const [, policy] = Object.entries(resourcesOfType(template, 'AWS::SNS::TopicPolicy')).find(([, p]) => JSON.stringify(p.Properties?.Topics) === JSON.stringify([{ Ref: id }])) ?? [];
    const statements = (policy?.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement;
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'AlarmsOfThisAccountMayPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: id },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  test('reaches the same email addresses and the same Slack channel as the alerts', () => {
    const id = topicId(template, 'HealthTopic');
    const subscriptions = Object.values(resourcesOfType(template, 'AWS::SNS::Subscription'))
      .filter((s) => JSON.stringify(s.Properties?.TopicArn) === JSON.stringify({ Ref: id }))
      .map((s) => [s.Properties?.Protocol, s.Properties?.Endpoint]);
    expect(subscriptions).toEqual([
      ['email', 'secops@example.com'],
      ['email', 'audit@example.com'],
    ]);
    const channel = onlyResource(template, 'AWS::Chatbot::SlackChannelConfiguration');
    expect(channel.Properties?.SnsTopicArns).toEqual([{ Ref: topicId(template, 'AlertsTopic') }, { Ref: id }]);
  });

  test('the audit function is given no access to it (only alarms publish there)', () => {
    const id = topicId(template, 'HealthTopic');
    expect(JSON.stringify(identityPolicyStatements(template))).not.toContain(`"${id}"`);
  });

  test('every alarm of the auditor goes there, on ALARM and on OK, and none to the alert topic', () => {
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.map((alarm) => alarm.Properties?.MetricName).sort()).toEqual([
      'AlertPublishFailures',
      'ApproximateNumberOfMessagesVisible',
      'AuditSucceeded',
      'Errors',
      'ExecutionsFailed',
      'ExecutionsTimedOut',
      'PendingAlerts',
    ]);
    for (const { Properties } of alarms) {
      expect(Properties?.AlarmActions).toEqual([{ Ref: topicId(template, 'HealthTopic') }]);
      expect(Properties?.OKActions).toEqual([{ Ref: topicId(template, 'HealthTopic') }]);
    }
  });

  test('alerts still pending at the end of two run periods in a row raise an alarm', () => {
    expect(alarmOn(template, 'PendingAlerts')).toMatchObject({
      Namespace: 'OrgTrailAuditor',
      Dimensions: [{ Name: 'service', Value: 'org-trail-auditor' }],
      Statistic: 'Maximum',
      Period: 30 * 60,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('any failed publish in a run period raises an alarm', () => {
    expect(alarmOn(template, 'AlertPublishFailures')).toMatchObject({
      Namespace: 'OrgTrailAuditor',
      Dimensions: [{ Name: 'service', Value: 'org-trail-auditor' }],
      Statistic: 'Sum',
      Period: 30 * 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('an audit execution that fails or times out (finish could not run) raises an alarm', () => {
    for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      expect(alarmOn(template, metricName)).toMatchObject({
        Namespace: 'AWS/States',
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: expect.stringMatching(/^AuditStateMachine/) } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topicId(template, 'HealthTopic') }],
      });
    }
  });

  test('the alarm descriptions say what broke and what to do', () => {
    expect(alarmOn(template, 'PendingAlerts').AlarmDescription).toMatch(/alert path is broken.*KMS key.*org-trail-auditor findings list/);
    expect(alarmOn(template, 'AlertPublishFailures').AlarmDescription).toMatch(/retried by the next run/);
  });
});

test('without Slack or email, the health topic still exists (its ARN is an output to subscribe to)', () => {
  const template = synthesize({ organizationId: 'o-a1b2c3d4e5' });
  const id = topicId(template, 'HealthTopic');
  expect(resourcesOfType(template, 'AWS::SNS::Subscription')).toEqual({});
  expect((template.toJSON().Outputs as Record<string, { Value: unknown }>).HealthTopicArn?.Value).toEqual({ Ref: id });
});

test('with a cron schedule, a run period is half the configured missed-audit window', () => {
  const template = synthesize({ organizationId: 'o-a1b2c3d4e5', schedule: 'cron(0 6 ? * MON-FRI *)', missedAuditAlarmMinutes: 4320 });
  expect(alarmOn(template, 'PendingAlerts').Period).toBe(2160 * 60);
  expect(alarmOn(template, 'AlertPublishFailures').Period).toBe(2160 * 60);
});

test.each([
  [120, 60],
  [45, 23],
  [30, 15],
  [10080, 5040],
])('a missed-audit window of %i minutes makes a run period of %i whole minutes', (window, period) => {
  expect(runPeriodMinutes(window)).toBe(period);
});

test('over the whole allowed range of windows, the alarms stay within CloudWatch evaluation limits', () => {
  // PutMetricAlarm: Period × EvaluationPeriods at most 7 days, and at most 1 day when the period is under an hour.
  for (let window = 30; window <= 10080; window++) {
    const periodSeconds = runPeriodMinutes(window) * 60;
    const total = periodSeconds * PENDING_ALERTS_PERIODS;
    expect(total).toBeLessThanOrEqual(periodSeconds < 3600 ? 86_400 : 604_800);
  }
});
