/**
 * The audit state machine as synthesized: a valid Amazon States Language definition (asl-validator),
 * the Distributed Map's reader, concurrency and tolerated failure from the configuration, the
 * retries and catches that make every run end in Finish, and each role's exact actions.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { actionsOf, onlyResource, resourcesOfType, synthesize, type PolicyStatementJson } from './synthesize';
import { stateMachineDefinition, type AslDefinition, type AslState } from './state-machine-definition';

// asl-validator ships no type declarations.
const validateAsl = require('asl-validator') as (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };

const CONTEXT = {
  organizationId: 'o-a1b2c3d4e5',
  organizationRootId: 'r-ab12',
  memberRoleName: 'AuditReader',
  batchSize: 50,
  maxConcurrency: 40,
  toleratedBatchFailurePercentage: 10,
};

const LAMBDA_RETRY = {
  ErrorEquals: ['Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL',
};

let template: Template;
let definition: AslDefinition;

beforeAll(() => {
  template = synthesize(CONTEXT);
  definition = stateMachineDefinition(template);
});

function state(name: string): AslState {
  const found = definition.States[name];
  if (!found) throw new Error(`no state ${name}`);
  return found;
}

/** The statements of the identity policies attached to a role (by logical ID prefix of the role). */
function roleStatements(roleLogicalId: string): PolicyStatementJson[] {
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties?.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement);
}

function roleLogicalId(match: (properties: Record<string, unknown>, logicalId: string) => boolean): string {
  const found = Object.entries(resourcesOfType(template, 'AWS::IAM::Role')).filter(([id, role]) => match(role.Properties ?? {}, id));
  if (found.length !== 1) throw new Error(`expected one matching role, found ${found.length}`);
  return (found[0] as [string, unknown])[0];
}

function actionsByResource(statements: PolicyStatementJson[]): [string, string][] {
  return statements.flatMap((statement) => actionsOf(statement).map((action) => [action, JSON.stringify(statement.Resource)] as [string, string])).sort(([a], [b]) => a.localeCompare(b));
}

describe('the definition', () => {
  test('is valid Amazon States Language', () => {
    // The validator fills in defaults (QueryLanguage) on what it is given: validate a copy.
    const result = validateAsl(structuredClone(definition));
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  test('plans, then maps over the batches or goes straight to Finish, and ends in Finish', () => {
    expect(definition.StartAt).toBe('Plan');
    expect(definition.TimeoutSeconds).toBe(3600);
    expect(state('Plan')).toMatchObject({ Type: 'Task', Next: 'Planned?', ResultPath: '$.plan', Parameters: { 'runId.$': '$$.Execution.Name', 'startedAt.$': '$$.Execution.StartTime', 'input.$': '$' } });
    expect(state('Planned?')).toEqual({
      Type: 'Choice',
      Choices: [
        { Variable: '$.plan.status', StringEquals: 'SKIPPED', Next: 'NothingToRun' },
        { Variable: '$.plan.batchCount', NumericGreaterThan: 0, Next: 'CollectBatches' },
      ],
      Default: 'Finish',
    });
    expect(state('NothingToRun').Type).toBe('Succeed');
    expect(state('CollectBatches').Next).toBe('Finish');
    expect(state('Finish')).toMatchObject({ Type: 'Task', End: true, Parameters: { 'runId.$': '$$.Execution.Name', 'startedAt.$': '$$.Execution.StartTime', 'state.$': '$' } });
    expect(state('Finish').Resource).toMatch(/function:StepsFinishFunction/);
    expect(state('Plan').Resource).toMatch(/function:StepsPlanFunction/);
  });

  test('is a Distributed Map reading the batches file the plan names, with the configured concurrency and tolerated failure', () => {
    const map = state('CollectBatches');
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor?.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket.$': '$.plan.bucket', 'Key.$': '$.plan.batchesKey' },
    });
    // Pre-batched items (the plan cuts batches of batchSize): no ItemBatcher.
    expect(map).not.toHaveProperty('ItemBatcher');
    expect(map.ItemSelector).toEqual({
      run: { 'runId.$': '$.plan.runId', 'bucket.$': '$.plan.bucket', 'planKey.$': '$.plan.planKey' },
      'batch.$': '$$.Map.Item.Value.batch',
      'accountIds.$': '$$.Map.Item.Value.accountIds',
    });
    expect(map.MaxConcurrency).toBe(40);
    expect(map.ToleratedFailurePercentage).toBe(10);
    // Each batch writes its part to S3; nothing of the children's output enters the state.
    expect(map.ResultPath).toBeNull();
    const child = map.ItemProcessor?.States[map.ItemProcessor.StartAt];
    expect(child).toMatchObject({ Type: 'Task', End: true });
    expect(child?.Resource).toMatch(/function:StepsCollectBatchFunction/);
  });

  test('retries every Lambda task on throttling and service errors, with backoff and jitter', () => {
    const child = state('CollectBatches').ItemProcessor?.States.CollectBatch as AslState;
    for (const task of [state('Plan'), child, state('Finish')]) expect(task.Retry).toEqual([LAMBDA_RETRY]);
  });

  test('reaches Finish through a Catch when Plan or the map fails, with the error beside the state', () => {
    for (const name of ['Plan', 'CollectBatches']) expect(state(name).Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Finish' }]);
    expect(state('Finish').Catch).toBeUndefined();
  });
});

describe('the state machine', () => {
  test('is a Standard workflow, traced with X-Ray, logging every event to its own log group without execution data', () => {
    const machine = onlyResource(template, 'AWS::StepFunctions::StateMachine');
    expect(machine.Properties).toMatchObject({ StateMachineType: 'STANDARD', TracingConfiguration: { Enabled: true }, LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false } });
  });

  test("its role invokes the three step functions, reads the batches files, logs and traces, and nothing else", () => {
    const role = roleLogicalId((_, id) => id.startsWith('AuditStateMachineRole'));
    const actions = [...new Set(roleStatements(role).flatMap(actionsOf))].sort();
    expect(actions).toEqual([
      'lambda:InvokeFunction',
      'logs:CreateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:DescribeLogGroups',
      'logs:DescribeResourcePolicies',
      'logs:GetLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:UpdateLogDelivery',
      's3:GetObject',
      'states:DescribeExecution',
      'states:RedriveExecution',
      'states:StartExecution',
      'states:StopExecution',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const invoked = roleStatements(role).filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction')).map((statement) => JSON.stringify(statement.Resource));
    expect(invoked.join()).toMatch(/StepsPlanFunction/);
    expect(invoked.join()).toMatch(/StepsCollectBatchFunction/);
    expect(invoked.join()).toMatch(/StepsFinishFunction/);
    const reads = roleStatements(role).filter((statement) => actionsOf(statement).includes('s3:GetObject'));
    expect(reads.map((statement) => JSON.stringify(statement.Resource))).toEqual([expect.stringContaining('/runs/*')]);
    // The map's children are this state machine's own executions.
    const starts = roleStatements(role).filter((statement) => actionsOf(statement).includes('states:StartExecution'));
    expect(starts.map((statement) => statement.Resource)).toEqual([{ Ref: expect.stringMatching(/^AuditStateMachine/) }]);
  });
});

describe('the step functions', () => {
  test('are arm64 Node.js 24 functions with their memory, timeout, tracing and the batch size', () => {
    const functions = Object.entries(resourcesOfType(template, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith('Steps'));
    const settings = Object.fromEntries(
      functions.map(([id, fn]) => [id.replace(/Function[0-9A-F]{8}$/, ''), { memory: fn.Properties?.MemorySize, timeout: fn.Properties?.Timeout, runtime: fn.Properties?.Runtime, arch: fn.Properties?.Architectures, tracing: fn.Properties?.TracingConfig }]),
    );
    expect(settings).toEqual({
      StepsPlan: { memory: 1024, timeout: 300, runtime: 'nodejs24.x', arch: ['arm64'], tracing: { Mode: 'Active' } },
      StepsCollectBatch: { memory: 1769, timeout: 300, runtime: 'nodejs24.x', arch: ['arm64'], tracing: { Mode: 'Active' } },
      StepsFinish: { memory: 1769, timeout: 900, runtime: 'nodejs24.x', arch: ['arm64'], tracing: { Mode: 'Active' } },
    });
    for (const [, fn] of functions) {
      expect((fn.Properties?.Environment as { Variables: Record<string, string> }).Variables).toMatchObject({ BATCH_SIZE: '50', RUN_LEASE_MINUTES: '60', MEMBER_ROLE_NAME: 'AuditReader' });
    }
  });

  test('the collecting steps share the role member accounts trust: reads, the run files and the lease only', () => {
    const role = roleLogicalId((properties) => properties.RoleName === 'OrgTrailAuditorFunctionRole');
    const bySid = Object.fromEntries(roleStatements(role).map((statement) => [statement.Sid ?? '(no sid)', actionsOf(statement)]));
    expect(Object.keys(bySid).sort()).toEqual(['(no sid)', 'AssumeMemberAuditRole', 'DeliveryProofs', 'FullRunLease', 'ListTrails', 'ReadLogBuckets', 'ReadManagedPoliciesOfOwnRoles', 'ReadOrganization', 'ReadOwnLogGroups', 'ReadOwnOrganizationTrails', 'ReadOwnRoles', 'ReadTrailKeysAndTopics', 'RunFiles', 'WriteLogsCollectBatch', 'WriteLogsPlan']);
    expect(bySid.DeliveryProofs).toEqual(['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']);
    expect(bySid['(no sid)']).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
    expect(bySid.RunFiles).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(bySid.FullRunLease).toEqual(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem']);
    const writes = actionsByResource(roleStatements(role)).filter(([action]) => /^(dynamodb|s3):(Put|Delete|Update)/.test(action));
    expect(writes.map(([action, resource]) => [action, resource.includes('/runs/*') || resource.includes('RunsTable') || resource.includes('DeliveryProofsTable')])).toEqual([
      ['dynamodb:DeleteItem', true],
      ['dynamodb:PutItem', true],
      ['dynamodb:UpdateItem', true],
      ['s3:PutObject', true],
    ]);
  });

  test('the finish step has its own role: the tables, the run files (read), snapshots, alerts, and no read of the organization', () => {
    const role = roleLogicalId((_, id) => id.startsWith('StepsFinishRole'));
    const actions = roleStatements(role).flatMap(actionsOf).sort();
    expect(actions).toEqual([
      'dynamodb:BatchGetItem',
      // The alert outbox: entries written and deleted in batches.
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      // Security Hub and EventBridge delivery after reconcile (both on by default).
      'events:PutEvents',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:GetObject',
      's3:PutObject',
      'securityhub:BatchImportFindings',
      'securityhub:DescribeHub',
      'sns:Publish',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });
});

describe('what starts a run', () => {
  test('the schedule starts an execution with the schedule input', () => {
    const schedule = onlyResource(template, 'AWS::Scheduler::Schedule');
    const target = schedule.Properties?.Target as { Arn: unknown; Input: string };
    expect(target.Arn).toEqual({ Ref: expect.stringMatching(/^AuditStateMachine/) });
    expect(JSON.parse(target.Input)).toMatchObject({ trigger: 'SCHEDULE' });
    const schedulerRole = roleLogicalId((properties) => JSON.stringify(properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'));
    // Start the audit, or give the request up to the dead-letter queue.
    expect(roleStatements(schedulerRole).flatMap(actionsOf).sort()).toEqual(['sqs:SendMessage', 'states:StartExecution']);
  });

  test('the tampering rule starts an execution with the event as its input', () => {
    const rule = onlyResource(template, 'AWS::Events::Rule');
    const [target] = rule.Properties?.Targets as { Arn: unknown; Input?: string; RetryPolicy: unknown }[];
    expect(target?.Arn).toEqual({ Ref: expect.stringMatching(/^AuditStateMachine/) });
    expect(target?.Input).toBeUndefined();
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
  });

  test("the default bus accepts events from the organization's accounts only", () => {
    const policy = onlyResource(template, 'AWS::Events::EventBusPolicy');
    expect(policy.Properties).toMatchObject({
      EventBusName: 'default',
      Statement: { Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    });
  });
});
