import { Duration, RemovalPolicy, Stack, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  JitterType,
  JsonPath,
  LogLevel,
  S3JsonItemReader,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  type RetryProps,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RUN_FILES_PREFIX } from '../lambda/steps/run-files';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';

/** The Lambda errors a step is retried on: throttling and the service's own failures, not the step's. */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
] as const;

export const STEP_RETRY: RetryProps = {
  errors: [...LAMBDA_TRANSIENT_ERRORS],
  interval: Duration.seconds(2),
  maxAttempts: 6,
  backoffRate: 2,
  maxDelay: Duration.seconds(30),
  jitterStrategy: JitterType.FULL,
};

/** The state names, as they show in the console and in the execution history. */
export const STATE_NAMES = {
  plan: 'Plan',
  planned: 'Planned?',
  skipped: 'NothingToRun',
  collect: 'CollectBatches',
  collectBatch: 'CollectBatch',
  finish: 'Finish',
} as const;

export interface AuditStateMachineProps {
  plan: IFunction;
  collectBatch: IFunction;
  finish: IFunction;
  /** Where the plan writes the batches file the Distributed Map reads. */
  evidenceBucket: IBucket;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  timeout: Duration;
  logRetentionDays: number;
}

/**
 * The audit run: Plan → (nothing to run: stop) → a Distributed Map over the member batches that
 * Plan wrote to the evidence bucket (one collect-batch invocation each) → Finish. Plan and the
 * map reach Finish through a Catch too, with the error in `$.error`, so every planned or failed
 * run ends with its record. The execution's name is the run's ID.
 */
export class AuditStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AuditStateMachineProps) {
    super(scope, id);

    const finish = new LambdaInvoke(this, STATE_NAMES.finish, {
      lambdaFunction: props.finish,
      payload: TaskInput.fromObject({ runId: JsonPath.executionName, startedAt: JsonPath.executionStartTime, state: JsonPath.entirePayload }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    }).addRetry(STEP_RETRY);

    const plan = new LambdaInvoke(this, STATE_NAMES.plan, {
      lambdaFunction: props.plan,
      payload: TaskInput.fromObject({ runId: JsonPath.executionName, startedAt: JsonPath.executionStartTime, input: JsonPath.entirePayload }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath: '$.plan',
    })
      .addRetry(STEP_RETRY)
      .addCatch(finish, { errors: ['States.ALL'], resultPath: '$.error' });

    const collectBatch = new LambdaInvoke(this, STATE_NAMES.collectBatch, {
      lambdaFunction: props.collectBatch,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    }).addRetry(STEP_RETRY);

    const collect = new DistributedMap(this, STATE_NAMES.collect, {
      itemReader: new S3JsonItemReader({ bucketNamePath: JsonPath.stringAt('$.plan.bucket'), key: JsonPath.stringAt('$.plan.batchesKey') }),
      itemSelector: {
        run: { 'runId.$': '$.plan.runId', 'bucket.$': '$.plan.bucket', 'planKey.$': '$.plan.planKey' },
        batch: JsonPath.stringAt('$$.Map.Item.Value.batch'),
        accountIds: JsonPath.stringAt('$$.Map.Item.Value.accountIds'),
      },
      maxConcurrency: props.maxConcurrency,
      toleratedFailurePercentage: props.toleratedFailurePercentage,
      mapExecutionType: StateMachineType.STANDARD,
      label: 'CollectBatches',
      // Each batch writes its part to the evidence bucket; finish reads the parts, not this output.
      resultPath: JsonPath.DISCARD,
    });
    collect.itemProcessor(collectBatch);
    collect.addCatch(finish, { errors: ['States.ALL'], resultPath: '$.error' });
    collect.next(finish);

    const planned = new Choice(this, STATE_NAMES.planned)
      .when(Condition.stringEquals('$.plan.status', 'SKIPPED'), new Succeed(this, STATE_NAMES.skipped, { comment: 'Another full run holds the lease, or the event concerns no org trail: the plan output says which.' }))
      .when(Condition.numberGreaterThan('$.plan.batchCount', 0), collect)
      .otherwise(finish);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'org-trail-auditor: one audit run (plan, collect the member batches, finish)',
      definitionBody: DefinitionBody.fromChainable(plan.next(planned)),
      stateMachineType: StateMachineType.STANDARD,
      timeout: props.timeout,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    // The Distributed Map reads the batches file with the state machine's role.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({ sid: 'ReadMemberBatches', actions: ['s3:GetObject'], resources: [props.evidenceBucket.arnForObjects(`${RUN_FILES_PREFIX}*`)] }),
    );
    this.acknowledgeWildcards(props);
  }

  private acknowledgeWildcards(props: AuditStateMachineProps): void {
    const stack = Stack.of(this);
    const logicalId = (construct: Construct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
    const role = this.stateMachine;
    acknowledgeAwsSolutionsFinding(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'The CloudWatch Logs vended-delivery actions (logs:CreateLogDelivery and the others CDK grants for state machine logging) and the X-Ray trace actions support no resource-level permissions.',
    );
    acknowledgeAwsSolutionsFinding(
      role,
      `AwsSolutions-IAM5[Resource::<${logicalId(props.evidenceBucket)}.Arn>/${RUN_FILES_PREFIX}*]`,
      "The Distributed Map's ItemReader reads each run's batches file, runs/<run id>/batches.json, named at run time; the wildcard is that key prefix and the action is s3:GetObject only.",
    );
    for (const step of [props.plan, props.collectBatch, props.finish]) {
      acknowledgeAwsSolutionsFinding(
        role,
        `AwsSolutions-IAM5[Resource::<${logicalId(step)}.Arn>:*]`,
        'lambda:InvokeFunction on this step function and its versions and aliases, as the LambdaInvoke task grants it; the function is the only resource named.',
      );
    }
    const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalId(this.stateMachine)}"}]}]}`;
    for (const suffix of [':*', `/${STATE_NAMES.collect}:*`]) {
      acknowledgeAwsSolutionsFinding(
        role,
        `AwsSolutions-IAM5[Resource::${executions}${suffix}]`,
        "The Distributed Map's child executions (its Map Run) are created at run time under this state machine's own execution ARNs; the state machine may describe, stop and redrive only those.",
      );
    }
  }
}
