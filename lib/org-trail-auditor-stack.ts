import { CfnOutput, Stack, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { FINDINGS_TABLE, RUNS_TABLE, TABLE_NAME_OUTPUTS } from '../lambda/findings/table-design';
import { AlertTopic } from './alert-topic';
import { AuditAlarms } from './audit-alarms';
import { AUDIT_FUNCTION_ROLE_NAME, AuditFunction } from './audit-function';
import { AuditTables } from './audit-tables';
import { AuditTriggers } from './audit-triggers';
import type { AuditorConfig } from './config';
import { DeadLetterQueue } from './dead-letter-queue';
import { EvidenceBucket } from './evidence-bucket';
import { HealthTopic } from './health-topic';
import { grantMemberRoleAssumption } from './member-role-assumption';
import { MemberRoleStackSet } from './member-role-stack-set';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';
import { OrganizationLookup } from './organization-lookup';
import { STACK_OUTPUTS } from './stack-outputs';

export const STACK_NAME = 'OrgTrailAuditor';

/** The DynamoDB actions the function's store uses, on its two tables and their indexes. */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  // The alert outbox: entries written and deleted in batches (lambda/findings/alert-outbox.ts).
  'dynamodb:BatchWriteItem',
] as const;

export interface OrgTrailAuditorStackProps extends StackProps {
  config: AuditorConfig;
}

/**
 * The auditor in the management account: the audit function and what starts it, the findings and
 * runs tables, the evidence bucket, the alert topic, the alarms, and the member audit role
 * deployed to every member account through a StackSet.
 */
export class OrgTrailAuditorStack extends Stack {
  readonly tables: AuditTables;
  readonly evidence: EvidenceBucket;
  readonly alerts: AlertTopic;
  readonly health: HealthTopic;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly audit: AuditFunction;
  readonly triggers: AuditTriggers;
  readonly alarms: AuditAlarms;
  readonly organizationLookup: OrganizationLookup | undefined;
  readonly memberRole: MemberRoleStackSet;

  constructor(scope: Construct, id: string, props: OrgTrailAuditorStackProps) {
    super(scope, id, {
      description: 'org-trail-auditor: audits the CloudTrail organization trails and every member account',
      ...props,
    });
    const { config } = props;

    this.tables = new AuditTables(this, 'Tables');
    this.evidence = new EvidenceBucket(this, 'Evidence', { retentionDays: config.findingsRetentionDays });
    this.alerts = new AlertTopic(this, 'Alerts', { alertEmails: config.alertEmails, slack: config.slack });
    this.health = new HealthTopic(this, 'Health', { alertEmails: config.alertEmails, slackChannel: this.alerts.slackChannel });
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters');

    this.audit = new AuditFunction(this, 'Audit', {
      config,
      findingsTableName: this.tables.findings.tableName,
      runsTableName: this.tables.runs.tableName,
      evidenceBucketName: this.evidence.bucket.bucketName,
      alertTopicArn: this.alerts.topic.topicArn,
      deadLetterQueue: this.deadLetterQueue.queue,
    });
    this.grantAuditFunctionItsResources();

    this.triggers = new AuditTriggers(this, 'Triggers', {
      auditFunction: this.audit.function,
      schedule: config.schedule,
      deadLetterQueue: this.deadLetterQueue.queue,
    });
    this.alarms = new AuditAlarms(this, 'Alarms', {
      auditFunction: this.audit.function,
      deadLetterQueue: this.deadLetterQueue.queue,
      healthTopic: this.health.topic,
      missedAuditAlarmMinutes: config.missedAuditAlarmMinutes,
    });

    const targets = config.memberRoleTargets;
    const needsLookup = config.organizationId === undefined || targets.kind === 'resolve-at-deploy';
    this.organizationLookup = needsLookup ? new OrganizationLookup(this, 'Organization', { logRetentionDays: config.logRetentionDays }) : undefined;
    const organizationId = config.organizationId ?? (this.organizationLookup as OrganizationLookup).organizationId;
    grantMemberRoleAssumption(this.audit.role, { memberRoleName: config.memberRoleName, organizationId });
    this.memberRole = new MemberRoleStackSet(this, 'MemberRole', {
      memberRoleName: config.memberRoleName,
      // Built from the fixed role name, so the StackSet needs no attribute of the role resource.
      auditorRoleArn: `arn:${this.partition}:iam::${this.account}:role/${AUDIT_FUNCTION_ROLE_NAME}`,
      organizationId,
      organizationalUnitIds:
        targets.kind === 'organizational-units'
          ? targets.ids
          : targets.kind === 'organization-root'
            ? [targets.rootId]
            : [(this.organizationLookup as OrganizationLookup).rootId],
      logArchiveAccountId: config.logArchiveAccountId,
      trailResourceAccountIds: config.trailResourceAccountIds,
    });
    // A trust policy may only name a role that exists.
    this.memberRole.node.addDependency(this.audit.role);

    this.addOutputs(config);
  }

  private grantAuditFunctionItsResources(): void {
    const role = this.audit.role;
    const tables = [
      { arn: this.tables.findings.tableArn, design: FINDINGS_TABLE },
      { arn: this.tables.runs.tableArn, design: RUNS_TABLE },
    ];
    role.addToPolicy(
      new PolicyStatement({
        sid: 'FindingsAndRuns',
        actions: [...TABLE_ACTIONS],
        resources: tables.flatMap(({ arn, design }) => [arn, ...design.globalSecondaryIndexes.map((index) => `${arn}/index/${index.indexName}`)]),
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: 'StoreSnapshots',
        actions: ['s3:PutObject'],
        resources: [this.evidence.bucket.arnForObjects(`${EvidenceBucket.SNAPSHOT_PREFIX}*`)],
      }),
    );
    acknowledgeAwsSolutionsFinding(
      role,
      `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.evidence.bucket.node.defaultChild as CfnElement)}.Arn>/snapshots/*]`,
      'Each run writes a new object key (snapshots/<date>/<run id>.json.gz): the wildcard is the key prefix, and the action is s3:PutObject only.',
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: 'PublishAlerts',
        actions: ['sns:Publish'],
        resources: [this.alerts.topic.topicArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: 'EncryptAlerts',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.alerts.key.keyArn],
      }),
    );
  }

  private addOutputs(config: AuditorConfig): void {
    const outputs: Record<(typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS], { value: string; description: string }> = {
      [TABLE_NAME_OUTPUTS.findings]: { value: this.tables.findings.tableName, description: 'The findings table (one item per finding)' },
      [TABLE_NAME_OUTPUTS.runs]: { value: this.tables.runs.tableName, description: 'The audit runs table (one item per run)' },
      [STACK_OUTPUTS.alertTopicArn]: { value: this.alerts.topic.topicArn, description: 'The alert topic: subscribe to receive alerts' },
      [STACK_OUTPUTS.healthTopicArn]: { value: this.health.topic.topicArn, description: "The auditor's own alarms: subscribe to hear when the auditor or its alert path breaks" },
      [STACK_OUTPUTS.evidenceBucketName]: { value: this.evidence.bucket.bucketName, description: 'Each run\'s snapshot, gzipped' },
      [STACK_OUTPUTS.auditFunctionName]: { value: this.audit.function.functionName, description: 'Invoke it to run an audit on demand' },
      [STACK_OUTPUTS.memberRoleName]: { value: config.memberRoleName, description: 'The audit role in every member account' },
    };
    for (const [key, output] of Object.entries(outputs)) new CfnOutput(this, key, output);
  }
}
