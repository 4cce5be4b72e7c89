import { Match, type Template } from 'aws-cdk-lib/assertions';
import { actionsOf, identityPolicyStatements, onlyResource, resourcesOfType, synthesize, type PolicyStatementJson } from './synthesize';

/** The configuration most tests run with: every optional feature on. */
const FULL_CONTEXT = {
  schedule: 'rate(30 minutes)',
  alertEmails: ['secops@example.com', 'audit@example.com'],
  slackWorkspaceId: 'T0123456789',
  slackChannelId: 'C0123456789',
  memberRoleName: 'AuditReader',
  organizationId: 'o-a1b2c3d4e5',
  targetOrganizationalUnitIds: ['ou-ab12-cdef3456', 'ou-ab12-98765432'],
  logArchiveAccountId: '222222222222',
  minAlertSeverity: 'high',
  deliveryStaleMinutes: 90,
  findingsRetentionDays: 730,
  regionsToSkip: ['ap-east-1', 'me-south-1'],
  concurrency: 8,
  logRetentionDays: 90,
};

let template: Template;

beforeAll(() => {
  // The one synth of this file that runs esbuild on the handler: proves the bundling works offline.
  template = synthesize(FULL_CONTEXT, { bundle: true });
});

function statementBySid(sid: string): PolicyStatementJson {
  const statement = identityPolicyStatements(template).find((candidate) => candidate.Sid === sid);
  if (!statement) throw new Error(`no statement ${sid}`);
  return statement;
}

function auditRoleStatements(): PolicyStatementJson[] {
  const role = Object.entries(resourcesOfType(template, 'AWS::IAM::Role')).find(([, r]) => r.Properties?.RoleName === 'OrgTrailAuditorFunctionRole');
  if (!role) throw new Error('no audit function role');
  const policies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).filter((policy) =>
    JSON.stringify(policy.Properties?.Roles).includes(role[0]),
  );
  return policies.flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement);
}

function memberRoleTemplate(): { Parameters: Record<string, unknown>; Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> } {
  const stackSet = onlyResource(template, 'AWS::CloudFormation::StackSet');
  return JSON.parse(stackSet.Properties?.TemplateBody as string);
}

describe('the step functions', () => {
  const stepFunctions = () => Object.entries(resourcesOfType(template, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith('Steps'));

  test('are three arm64 Node.js 24 functions bundled as ESM (plan, collect-batch, finish)', () => {
    expect(stepFunctions().map(([id]) => id.replace(/Function[0-9A-F]{8}$/, '')).sort()).toEqual(['StepsCollectBatch', 'StepsFinish', 'StepsPlan']);
    for (const [, fn] of stepFunctions()) expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
  });

  test('carry their configuration in environment variables', () => {
    for (const [, fn] of stepFunctions()) {
      const variables = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'org-trail-auditor',
        POWERTOOLS_METRICS_NAMESPACE: 'OrgTrailAuditor',
        MEMBER_ROLE_NAME: 'AuditReader',
        LOG_ARCHIVE_ACCOUNT_ID: '222222222222',
        MIN_ALERT_SEVERITY: 'HIGH',
        GROUP_THRESHOLD: '5',
        FINDINGS_RETENTION_DAYS: '730',
        REGIONS_TO_SKIP: 'ap-east-1,me-south-1',
        CONCURRENCY: '8',
        DELIVERY_STALE_MINUTES: '90',
        EVIDENCE_MAX_AGE_MINUTES: '180',
        MIN_RETENTION_DAYS: '365',
        NEW_ACCOUNT_GRACE_HOURS: '24',
        BATCH_SIZE: '100',
      });
      expect(variables.FINDINGS_TABLE_NAME).toEqual({ Ref: expect.stringMatching(/^TablesFindingsTable/) });
      expect(variables.RUNS_TABLE_NAME).toEqual({ Ref: expect.stringMatching(/^TablesRunsTable/) });
      expect(variables.EVIDENCE_BUCKET_NAME).toEqual({ Ref: expect.stringMatching(/^EvidenceBucket/) });
      expect(variables.ALERT_TOPIC_ARN).toEqual({ Ref: expect.stringMatching(/^AlertsTopic/) });
    }
  });

  test('each logs to its own log group with the configured retention', () => {
    const logGroups = Object.entries(resourcesOfType(template, 'AWS::Logs::LogGroup'));
    expect(logGroups.map(([, group]) => group.Properties?.RetentionInDays)).toEqual([90, 90, 90, 90]);
    const used = stepFunctions().map(([, fn]) => (fn.Properties?.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref);
    expect(new Set(used).size).toBe(3);
    for (const id of used) expect(logGroups.map(([logicalId]) => logicalId)).toContain(id);
  });
});

describe("the collecting steps' role", () => {
  test('has a fixed name and trusts only Lambda', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'OrgTrailAuditorFunctionRole',
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] },
    });
  });

  test('may assume the member role by its name only, inside the organization only', () => {
    const statement = statementBySid('AssumeMemberAuditRole');
    expect(actionsOf(statement)).toEqual(['sts:AssumeRole']);
    expect(statement.Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/AuditReader']] });
    expect(statement.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } });
  });

  test('reads, the run files and the full-run lease, and writes nothing else', () => {
    const byAction = auditRoleStatements()
      .map((statement) => [statement.Sid ?? '(no sid)', actionsOf(statement)] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    expect(byAction).toEqual([
      ['(no sid)', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']],
      ['AssumeMemberAuditRole', ['sts:AssumeRole']],
      ['DeliveryProofs', ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']],
      ['FullRunLease', ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem']],
      ['ListTrails', ['cloudtrail:DescribeTrails']],
      ['ReadLogBuckets', expect.any(Array)],
      ['ReadManagedPoliciesOfOwnRoles', expect.any(Array)],
      ['ReadOrganization', expect.any(Array)],
      ['ReadOwnLogGroups', expect.any(Array)],
      ['ReadOwnOrganizationTrails', expect.any(Array)],
      ['ReadOwnRoles', expect.any(Array)],
      ['ReadTrailKeysAndTopics', expect.any(Array)],
      ['RunFiles', ['s3:GetObject', 's3:PutObject']],
      ['WriteLogsCollectBatch', ['logs:CreateLogStream', 'logs:PutLogEvents']],
      ['WriteLogsPlan', ['logs:CreateLogStream', 'logs:PutLogEvents']],
    ]);
    expect(JSON.stringify(statementBySid('RunFiles').Resource)).toContain('/runs/*');
    expect(statementBySid('FullRunLease').Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TablesRunsTable/), 'Arn'] });
  });

  test("the finish step's role writes the tables, snapshots and alerts", () => {
    const tables = statementBySid('FindingsAndRuns').Resource as unknown[];
    expect(actionsOf(statementBySid('FindingsAndRuns'))).toEqual(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem']);
    const indexes = JSON.stringify(tables);
    for (const index of ['by-status', 'by-account', 'by-check', 'pending-alerts', 'by-start']) expect(indexes).toContain(`/index/${index}"`);
    expect(indexes).not.toContain('/index/*');
    expect(JSON.stringify(statementBySid('StoreSnapshots').Resource)).toContain('/snapshots/*');
    expect(actionsOf(statementBySid('PublishAlerts'))).toEqual(['sns:Publish']);
  });

  test('no IAM policy in the stack grants a wildcard action', () => {
    const wildcards = identityPolicyStatements(template).flatMap(actionsOf).filter((action) => action.includes('*'));
    expect(wildcards).toEqual([]);
  });
});

describe('what starts an audit', () => {
  test('an EventBridge Scheduler schedule with retries and the dead-letter queue', () => {
    const queue = onlyResource(template, 'AWS::SQS::Queue');
    const schedule = onlyResource(template, 'AWS::Scheduler::Schedule');
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(30 minutes)',
      State: 'ENABLED',
      Target: {
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue.logicalId, 'Arn'] } },
      },
    });
    const input = JSON.parse((schedule.Properties?.Target as { Input: string }).Input);
    expect(input).toEqual({ trigger: 'SCHEDULE', scheduleArn: '<aws.scheduler.schedule-arn>', scheduledTime: '<aws.scheduler.scheduled-time>' });
  });

  test('an EventBridge rule on the tampering calls, successful ones only (the pattern is tried in tampering-event-pattern.test.ts)', () => {
    const rule = onlyResource(template, 'AWS::Events::Rule');
    const pattern = rule.Properties?.EventPattern as { source: string[]; 'detail-type': string[]; detail: { errorCode: unknown; $or: { eventSource: string[]; eventName: string[] }[] } };
    expect(pattern.source).toEqual(['aws.cloudtrail', 'aws.s3', 'aws.kms', 'aws.organizations']);
    expect(pattern['detail-type']).toEqual(['AWS API Call via CloudTrail']);
    expect(pattern.detail.errorCode).toEqual([{ exists: false }]);
    expect(pattern.detail.$or[0]).toEqual({ eventSource: ['cloudtrail.amazonaws.com'], eventName: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'] });
    expect(rule.Properties?.Targets).toEqual([
      expect.objectContaining({ RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: expect.any(Object) }),
    ]);
  });

  test('the dead-letter queue is encrypted and TLS-only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('the tables', () => {
  test.each([
    ['findings', /^TablesFindingsTable/, 'findingId', ['by-status', 'by-account', 'by-check', 'pending-alerts', 'integration-pending']],
    ['runs', /^TablesRunsTable/, 'runId', ['by-start']],
  ])('the %s table: its key and indexes, TTL, PITR, deletion protection, retained', (_name, logicalId, key, indexes) => {
    const [, table] = Object.entries(resourcesOfType(template, 'AWS::DynamoDB::Table')).find(([id]) => logicalId.test(id)) ?? [];
    expect(table).toBeDefined();
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
    expect(table?.Properties).toMatchObject({
      KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    const indexNames = (table?.Properties?.GlobalSecondaryIndexes as { IndexName: string }[]).map((index) => index.IndexName);
    expect(indexNames).toEqual(indexes);
  });
});

describe('the evidence bucket', () => {
  test('is encrypted, versioned, private, retained, and expires snapshots after the retention', () => {
    const [logicalId, bucket] = Object.entries(resourcesOfType(template, 'AWS::S3::Bucket')).find(([id]) => id.startsWith('EvidenceBucket')) ?? [];
    expect(logicalId).toBeDefined();
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(bucket?.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: {
        Rules: [
          expect.objectContaining({
            Prefix: 'snapshots/',
            ExpirationInDays: 730,
            NoncurrentVersionExpiration: { NoncurrentDays: 730 },
            Status: 'Enabled',
          }),
          // The steps' files of each run (plan, batches, parts) are kept a week.
          expect.objectContaining({ Prefix: 'runs/', ExpirationInDays: 7, Status: 'Enabled' }),
        ],
      },
    });
  });

  test('refuses requests without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

/** The alert topic (the encrypted one); the health topic is tested in health-alarms.test.ts. */
function alertTopic(): ReturnType<typeof onlyResource> {
  const [logicalId, topic] = Object.entries(resourcesOfType(template, 'AWS::SNS::Topic')).find(([id]) => id.startsWith('AlertsTopic')) ?? [];
  if (!logicalId || !topic) throw new Error('no alert topic');
  return { logicalId, ...topic };
}

describe('the alert topic', () => {
  test('is encrypted with a rotating customer managed key that EventBridge may use', () => {
    const key = onlyResource(template, 'AWS::KMS::Key');
    expect(key.Properties?.EnableKeyRotation).toBe(true);
    expect(alertTopic().Properties?.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [key.logicalId, 'Arn'] });
    const statements = (key.Properties?.KeyPolicy as { Statement: PolicyStatementJson[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'EventBridgeMayEncryptAlerts',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
    expect(JSON.stringify(statements)).not.toContain('cloudwatch.amazonaws.com');
  });

  test('is TLS-only and accepts EventBridge of this account (alarms go to the health topic)', () => {
    const topic = alertTopic();
    const [, policy] = Object.entries(resourcesOfType(template, 'AWS::SNS::TopicPolicy')).find(([, p]) => JSON.stringify(p.Properties?.Topics) === JSON.stringify([{ Ref: topic.logicalId }])) ?? [];
    const statements = (policy?.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'EventBridgeOfThisAccountMayPublish',
        Action: 'sns:Publish',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    );
    expect(JSON.stringify(statements)).not.toContain('cloudwatch.amazonaws.com');
  });

  test('has one email subscription per configured address', () => {
    const subscriptions = Object.values(resourcesOfType(template, 'AWS::SNS::Subscription'))
      .filter((s) => JSON.stringify(s.Properties?.TopicArn) === JSON.stringify({ Ref: alertTopic().logicalId }))
      .map((s) => [s.Properties?.Protocol, s.Properties?.Endpoint]);
    expect(subscriptions).toEqual([
      ['email', 'secops@example.com'],
      ['email', 'audit@example.com'],
    ]);
  });

  test('feeds an AWS Chatbot Slack channel with a read-only guardrail', () => {
    const channel = onlyResource(template, 'AWS::Chatbot::SlackChannelConfiguration');
    expect(channel.Properties).toMatchObject({
      SlackWorkspaceId: 'T0123456789',
      SlackChannelId: 'C0123456789',
      GuardrailPolicies: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] }],
    });
    expect(channel.Properties?.SnsTopicArns).toContainEqual({ Ref: alertTopic().logicalId });
  });
});

describe('the alarms', () => {
  function alarm(metricName: string): Record<string, unknown> {
    const found = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).find((candidate) => candidate.Properties?.MetricName === metricName);
    if (!found?.Properties) throw new Error(`no alarm on ${metricName}`);
    return found.Properties;
  }

  test('each alarms (and recovers) to the health topic, never to the alert topic (see health-alarms.test.ts)', () => {
    const [healthTopicId] = Object.keys(resourcesOfType(template, 'AWS::SNS::Topic')).filter((id) => id.startsWith('HealthTopic'));
    for (const { Properties } of Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'))) {
      expect(Properties?.AlarmActions).toEqual([{ Ref: healthTopicId }]);
      expect(Properties?.OKActions).toEqual([{ Ref: healthTopicId }]);
    }
  });

  test("the function's errors", () => {
    expect(alarm('Errors')).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  test('no successful audit in two schedule periods, missing data breaching', () => {
    expect(alarm('AuditSucceeded')).toMatchObject({
      Namespace: 'OrgTrailAuditor',
      Dimensions: [{ Name: 'service', Value: 'org-trail-auditor' }],
      Statistic: 'Sum',
      Period: 2 * 30 * 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  test('messages visible in the dead-letter queue', () => {
    expect(alarm('ApproximateNumberOfMessagesVisible')).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 1 });
  });
});

describe('the member audit role StackSet', () => {
  test('is service-managed, deploys automatically to the configured OUs, one region', () => {
    const stackSet = onlyResource(template, 'AWS::CloudFormation::StackSet');
    expect(stackSet.Properties).toMatchObject({
      StackSetName: 'OrgTrailAuditorMemberRole',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-cdef3456', 'ou-ab12-98765432'] }, Regions: [{ Ref: 'AWS::Region' }] }],
    });
    expect(stackSet.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^StepsCollectorRole/)]));
  });

  test("passes the function role's ARN, the role name and the organization ID", () => {
    const stackSet = onlyResource(template, 'AWS::CloudFormation::StackSet');
    expect(stackSet.Properties?.Parameters).toEqual([
      { ParameterKey: 'MemberRoleName', ParameterValue: 'AuditReader' },
      {
        ParameterKey: 'AuditorRoleArn',
        ParameterValue: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/OrgTrailAuditorFunctionRole']] },
      },
      { ParameterKey: 'OrganizationId', ParameterValue: 'o-a1b2c3d4e5' },
      {
        ParameterKey: 'ManagementEventBusArn',
        ParameterValue: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':event-bus/default']] },
      },
    ]);
  });

  test('the role trusts only the audit function role, from inside the organization', () => {
    const role = memberRoleTemplate().Resources.MemberAuditRole;
    expect(role?.Type).toBe('AWS::IAM::Role');
    expect(role?.Properties.RoleName).toEqual({ Ref: 'MemberRoleName' });
    expect(role?.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AuditFunctionOnly',
          Effect: 'Allow',
          Principal: { AWS: { Ref: 'AuditorRoleArn' } },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrganizationId' } } },
        },
      ],
    });
  });

  test('the organization is configured, so nothing is looked up at deploy time', () => {
    expect(resourcesOfType(template, 'Custom::AWS')).toEqual({});
  });
});

test('the stack outputs name every deployed resource the operators need', () => {
  const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
  expect(Object.keys(outputs).sort()).toEqual(['AlertTopicArn', 'AuditFunctionName', 'AuditStateMachineArn', 'EvidenceBucketName', 'FindingsTableName', 'HealthTopicArn', 'MemberRoleName', 'RunsTableName']);
  expect(outputs.AuditStateMachineArn?.Value).toEqual({ Ref: expect.stringMatching(/^AuditStateMachine/) });
  expect(outputs.MemberRoleName?.Value).toBe('AuditReader');
  expect(outputs.FindingsTableName?.Value).toEqual({ Ref: expect.stringMatching(/^TablesFindingsTable/) });
});
