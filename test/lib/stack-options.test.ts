import { onlyResource, resourcesOfType, synthesize } from './synthesize';

describe('with no configuration at all', () => {
  const template = synthesize({});

  test('audits every hour; the dead-man switch waits two hours', () => {
    expect(onlyResource(template, 'AWS::Scheduler::Schedule').Properties?.ScheduleExpression).toBe('rate(1 hour)');
    const alarm = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).find((a) => a.Properties?.MetricName === 'AuditSucceeded');
    expect(alarm?.Properties?.Period).toBe(7200);
  });

  test('reads the organization ID and root at deploy time and targets the root', () => {
    const lookups = Object.entries(resourcesOfType(template, 'Custom::AWS'));
    expect(lookups).toHaveLength(2);
    const [describeId] = lookups.find(([, r]) => JSON.stringify(r.Properties?.Create).includes('DescribeOrganization')) ?? [];
    const [rootsId] = lookups.find(([, r]) => JSON.stringify(r.Properties?.Create).includes('ListRoots')) ?? [];
    const stackSet = onlyResource(template, 'AWS::CloudFormation::StackSet');
    expect(stackSet.Properties?.StackInstancesGroup).toEqual([
      { DeploymentTargets: { OrganizationalUnitIds: [{ 'Fn::GetAtt': [rootsId, 'Roots.0.Id'] }] }, Regions: [{ Ref: 'AWS::Region' }] },
    ]);
    expect(stackSet.Properties?.Parameters).toContainEqual({ ParameterKey: 'OrganizationId', ParameterValue: { 'Fn::GetAtt': [describeId, 'Organization.Id'] } });
  });

  test('the lookups may call only DescribeOrganization and ListRoots', () => {
    const actions = Object.entries(resourcesOfType(template, 'AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('Organization'))
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: { Action: string }[] }).Statement.map((s) => s.Action))
      .sort();
    expect(actions).toEqual(['organizations:DescribeOrganization', 'organizations:ListRoots']);
  });

  test('has no Slack channel, no email subscription, and the default member role name', () => {
    expect(resourcesOfType(template, 'AWS::Chatbot::SlackChannelConfiguration')).toEqual({});
    expect(resourcesOfType(template, 'AWS::SNS::Subscription')).toEqual({});
    expect(onlyResource(template, 'AWS::CloudFormation::StackSet').Properties?.Parameters).toContainEqual({
      ParameterKey: 'MemberRoleName',
      ParameterValue: 'OrgTrailAuditorMemberRole',
    });
  });

  test('keeps findings, snapshots and logs for the default retention', () => {
    const bucket = onlyResource(template, 'AWS::S3::Bucket');
    expect(JSON.stringify(bucket.Properties?.LifecycleConfiguration)).toContain('"ExpirationInDays":400');
    // The three step functions' log groups and the state machine's.
    expect(Object.values(resourcesOfType(template, 'AWS::Logs::LogGroup')).map((group) => group.Properties?.RetentionInDays)).toEqual([365, 365, 365, 365]);
  });
});

test('a configured root and organization ID need no deploy-time lookup', () => {
  const template = synthesize({ organizationId: 'o-a1b2c3d4e5', organizationRootId: 'r-ab12' });
  expect(resourcesOfType(template, 'Custom::AWS')).toEqual({});
  expect(onlyResource(template, 'AWS::CloudFormation::StackSet').Properties?.StackInstancesGroup).toEqual([
    { DeploymentTargets: { OrganizationalUnitIds: ['r-ab12'] }, Regions: [{ Ref: 'AWS::Region' }] },
  ]);
});

test('a cron schedule takes its alarm window from missedAuditAlarmMinutes', () => {
  const template = synthesize({ schedule: 'cron(0 6 ? * MON-FRI *)', missedAuditAlarmMinutes: 4320 });
  expect(onlyResource(template, 'AWS::Scheduler::Schedule').Properties?.ScheduleExpression).toBe('cron(0 6 ? * MON-FRI *)');
  const alarm = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).find((a) => a.Properties?.MetricName === 'AuditSucceeded');
  expect(alarm?.Properties?.Period).toBe(4320 * 60);
});
