import { Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { FINDINGS_TABLE, RUNS_TABLE } from '../lambda/findings/table-design';
import { SNAPSHOT_PREFIX } from '../lambda/run/snapshot-evidence';
import { RUN_FILES_PREFIX } from '../lambda/steps/run-files';
import { AUDIT_FUNCTION_ROLE_NAME, AuditStepFunction, type AuditResourceNames } from './audit-function';
import type { AuditorConfig } from './config';
import { grantIntegrationPermissions } from './integration-permissions';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';
import { grantManagementAccountReads } from './management-account-reads';

/** The DynamoDB actions reconcile's store uses, on the two tables and their indexes. */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  // The alert outbox: entries written and deleted in batches (lambda/findings/alert-outbox.ts).
  'dynamodb:BatchWriteItem',
] as const;
/** The full-run lease's item in the runs table: taken by plan, given back by finish. */
export const LOCK_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'] as const;

/** The delivery proofs the collect-batch step reads (in batches) and keeps (conditional updates). */
export const DELIVERY_PROOF_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem'] as const;

/**
 * Memory: collecting is network-bound, but the SDK spends about 0.8 ms of CPU per call, and
 * evaluating a 10,000-account snapshot is CPU work; at 1,769 MB a function has one full vCPU.
 */
export const STEP_MEMORY_MB = { plan: 1024, collectBatch: 1769, finish: 1769 } as const;
export const STEP_TIMEOUT = { plan: Duration.minutes(5), collectBatch: Duration.minutes(5), finish: Duration.minutes(15) } as const;

export interface AuditStepsProps {
  config: AuditorConfig;
  findingsTable: ITable;
  runsTable: ITable;
  deliveryProofsTable: ITable;
  evidenceBucket: IBucket;
  alertTopic: ITopic;
  alertKey: IKey;
}

/**
 * The three Lambda functions of the audit state machine and their roles. The collecting steps
 * (plan, collect-batch) share the role member accounts trust (AUDIT_FUNCTION_ROLE_NAME): reads
 * only, plus the run files and the full-run lease. The finish step has its own role: no AWS read
 * of the organization, and the only writes of the findings, runs, snapshots and alerts.
 */
export class AuditSteps extends Construct {
  readonly collectorRole: Role;
  readonly finishRole: Role;
  readonly plan: AuditStepFunction;
  readonly collectBatch: AuditStepFunction;
  readonly finish: AuditStepFunction;

  constructor(scope: Construct, id: string, props: AuditStepsProps) {
    super(scope, id);
    const { config } = props;
    const resources: AuditResourceNames = {
      findingsTableName: props.findingsTable.tableName,
      runsTableName: props.runsTable.tableName,
      evidenceBucketName: props.evidenceBucket.bucketName,
      alertTopicArn: props.alertTopic.topicArn,
      deliveryProofsTableName: props.deliveryProofsTable.tableName,
    };
    const runFiles = props.evidenceBucket.arnForObjects(`${RUN_FILES_PREFIX}*`);

    this.collectorRole = new Role(this, 'CollectorRole', {
      roleName: AUDIT_FUNCTION_ROLE_NAME,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'org-trail-auditor plan and collect-batch steps: read the organization and assume the member audit role',
    });
    // The management account's reads (each statement scoped as far as its API allows); the stack
    // adds the member-role assumption, which needs the organization ID.
    grantManagementAccountReads(this.collectorRole);
    this.collectorRole.addToPolicy(new PolicyStatement({ sid: 'RunFiles', actions: ['s3:GetObject', 's3:PutObject'], resources: [runFiles] }));
    this.collectorRole.addToPolicy(new PolicyStatement({ sid: 'FullRunLease', actions: [...LOCK_ACTIONS], resources: [props.runsTable.tableArn] }));
    this.collectorRole.addToPolicy(
      new PolicyStatement({ sid: 'DeliveryProofs', actions: [...DELIVERY_PROOF_ACTIONS], resources: [props.deliveryProofsTable.tableArn] }),
    );

    this.finishRole = new Role(this, 'FinishRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'org-trail-auditor finish step: evaluates, stores findings and runs, publishes alerts',
    });
    const tables = [
      { arn: props.findingsTable.tableArn, design: FINDINGS_TABLE },
      { arn: props.runsTable.tableArn, design: RUNS_TABLE },
    ];
    this.finishRole.addToPolicy(
      new PolicyStatement({
        sid: 'FindingsAndRuns',
        actions: [...TABLE_ACTIONS],
        resources: tables.flatMap(({ arn, design }) => [arn, ...design.globalSecondaryIndexes.map((index) => `${arn}/index/${index.indexName}`)]),
      }),
    );
    this.finishRole.addToPolicy(new PolicyStatement({ sid: 'ReleaseFullRunLease', actions: ['dynamodb:DeleteItem'], resources: [props.runsTable.tableArn] }));
    this.finishRole.addToPolicy(new PolicyStatement({ sid: 'ReadRunFiles', actions: ['s3:GetObject'], resources: [runFiles] }));
    this.finishRole.addToPolicy(
      new PolicyStatement({ sid: 'StoreSnapshots', actions: ['s3:PutObject'], resources: [props.evidenceBucket.arnForObjects(`${SNAPSHOT_PREFIX}*`)] }),
    );
    this.finishRole.addToPolicy(new PolicyStatement({ sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [props.alertTopic.topicArn] }));
    this.finishRole.addToPolicy(new PolicyStatement({ sid: 'EncryptAlerts', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.alertKey.keyArn] }));
    // Security Hub and EventBridge deliveries follow reconcile, in the finish step.
    grantIntegrationPermissions(this.finishRole, config.integrations);

    const common = { config, resources };
    this.plan = new AuditStepFunction(this, 'Plan', {
      ...common,
      entry: 'plan.ts',
      description: 'org-trail-auditor: plans an audit run (organization, trails, member batches)',
      role: this.collectorRole,
      memorySize: STEP_MEMORY_MB.plan,
      timeout: STEP_TIMEOUT.plan,
    });
    this.collectBatch = new AuditStepFunction(this, 'CollectBatch', {
      ...common,
      entry: 'collect-batch.ts',
      description: 'org-trail-auditor: collects one batch of member accounts',
      role: this.collectorRole,
      memorySize: STEP_MEMORY_MB.collectBatch,
      timeout: STEP_TIMEOUT.collectBatch,
    });
    this.finish = new AuditStepFunction(this, 'Finish', {
      ...common,
      entry: 'finish.ts',
      description: 'org-trail-auditor: evaluates, reconciles and records an audit run',
      role: this.finishRole,
      memorySize: STEP_MEMORY_MB.finish,
      timeout: STEP_TIMEOUT.finish,
    });

    this.acknowledgeWildcards(props);
  }

  private acknowledgeWildcards(props: AuditStepsProps): void {
    const stack = Stack.of(this);
    acknowledgeAwsSolutionsFinding(
      this.finishRole,
      'AwsSolutions-IAM5[Resource::*]',
      'xray:PutTraceSegments and xray:PutTelemetryRecords, which Lambda active tracing needs, support no resource-level permissions.',
    );
    const bucketArn = `<${stack.getLogicalId(props.evidenceBucket.node.defaultChild as CfnElement)}.Arn>`;
    acknowledgeAwsSolutionsFinding(
      this.collectorRole,
      `AwsSolutions-IAM5[Resource::${bucketArn}/${RUN_FILES_PREFIX}*]`,
      'Each run writes and reads its own files under runs/<run id>/ (plan, batches, parts), named at run time; the wildcard is that key prefix, and the actions are s3:GetObject and s3:PutObject only.',
    );
    acknowledgeAwsSolutionsFinding(
      this.finishRole,
      `AwsSolutions-IAM5[Resource::${bucketArn}/${RUN_FILES_PREFIX}*]`,
      "The finish step reads the run's files under runs/<run id>/, named at run time; the wildcard is that key prefix and the action is s3:GetObject only.",
    );
    acknowledgeAwsSolutionsFinding(
      this.finishRole,
      `AwsSolutions-IAM5[Resource::${bucketArn}/${SNAPSHOT_PREFIX}*]`,
      'Each run writes a new object key (snapshots/<date>/<run id>.json.gz): the wildcard is the key prefix, and the action is s3:PutObject only.',
    );
  }
}
