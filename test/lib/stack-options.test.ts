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

  test('the lookups may call only DescribeOrganization and ListRoots, and write only their own log group', () => {
    const statements = Object.entries(resourcesOfType(template, 'AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('Organization'))
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
    expect(actions).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'organizations:DescribeOrganization', 'organizations:ListRoots']);
    const [logGroupId] = Object.keys(resourcesOfType(template, 'AWS::Logs::LogGroup')).filter((id) => id.startsWith('Organization'));
    const logWrites = statements.find((s) => JSON.stringify(s.Action).includes('logs:PutLogEvents'));
    expect(logWrites?.Resource).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
  });

  test('the lookup function runs with that role and logs to that group, with no AWS managed policy', () => {
    const [roleId] = Object.keys(resourcesOfType(template, 'AWS::IAM::Role')).filter((id) => id.startsWith('OrganizationRole'));
    const [logGroupId] = Object.keys(resourcesOfType(template, 'AWS::Logs::LogGroup')).filter((id) => id.startsWith('Organization'));
    const provider = Object.values(resourcesOfType(template, 'AWS::Lambda::Function')).find((fn) => JSON.stringify(fn.Properties?.Role).includes(roleId as string));
    expect(provider?.Properties?.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    const managed = Object.values(resourcesOfType(template, 'AWS::IAM::Role')).flatMap((role) => (role.Properties?.ManagedPolicyArns as unknown[] | undefined) ?? []);
    expect(managed).toEqual([]);
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
    const buckets = Object.values(resourcesOfType(template, 'AWS::S3::Bucket'));
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) expect(JSON.stringify(bucket.Properties?.LifecycleConfiguration)).toContain('"ExpirationInDays":400');
    // The organization lookup's, the three step functions' and the state machine's log groups.
    const logGroups = Object.values(resourcesOfType(template, 'AWS::Logs::LogGroup'));
    expect(logGroups.map((group) => group.Properties?.RetentionInDays)).toEqual([365, 365, 365, 365, 365]);
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
