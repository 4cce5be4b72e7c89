import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TABLE_NAME_OUTPUTS } from '../lambda/findings/table-design';
import { AlertTopic } from './alert-topic';
import { AuditAlarms } from './audit-alarms';
import { AUDIT_FUNCTION_ROLE_NAME, AUDIT_RUN_TIMEOUT_MINUTES } from './audit-function';
import { AuditStateMachine } from './audit-state-machine';
import { AuditSteps } from './audit-steps';
import { AuditTables } from './audit-tables';
import { AuditTriggers } from './audit-triggers';
import type { AuditorConfig } from './config';
import { DeadLetterQueue } from './dead-letter-queue';
import { EvidenceBucket } from './evidence-bucket';
import { HealthTopic } from './health-topic';
import { grantMemberRoleAssumption } from './member-role-assumption';
import { MemberRoleStackSet } from './member-role-stack-set';
import { OrganizationLookup } from './organization-lookup';
import { STACK_OUTPUTS } from './stack-outputs';

export const STACK_NAME = 'OrgTrailAuditor';

export { TABLE_ACTIONS } from './audit-steps';

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
  readonly steps: AuditSteps;
  readonly audit: AuditStateMachine;
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

    this.steps = new AuditSteps(this, 'Steps', {
      config,
      findingsTable: this.tables.findings,
      runsTable: this.tables.runs,
      deliveryProofsTable: this.tables.deliveryProofs,
      evidenceBucket: this.evidence.bucket,
      alertTopic: this.alerts.topic,
      alertKey: this.alerts.key,
    });
    this.audit = new AuditStateMachine(this, 'Audit', {
      plan: this.steps.plan.function,
      collectBatch: this.steps.collectBatch.function,
      finish: this.steps.finish.function,
      evidenceBucket: this.evidence.bucket,
      maxConcurrency: config.maxConcurrency,
      toleratedFailurePercentage: config.toleratedBatchFailurePercentage,
      timeout: Duration.minutes(AUDIT_RUN_TIMEOUT_MINUTES),
      logRetentionDays: config.logRetentionDays,
    });

    const targets = config.memberRoleTargets;
    const needsLookup = config.organizationId === undefined || targets.kind === 'resolve-at-deploy';
    this.organizationLookup = needsLookup ? new OrganizationLookup(this, 'Organization', { logRetentionDays: config.logRetentionDays }) : undefined;
    const organizationId = config.organizationId ?? (this.organizationLookup as OrganizationLookup).organizationId;
    grantMemberRoleAssumption(this.steps.collectorRole, { memberRoleName: config.memberRoleName, organizationId });

    this.triggers = new AuditTriggers(this, 'Triggers', {
      stateMachine: this.audit.stateMachine,
      schedule: config.schedule,
      deadLetterQueue: this.deadLetterQueue.queue,
      organizationId,
    });
    this.alarms = new AuditAlarms(this, 'Alarms', {
      // The run's last step: its errors mean a run without its record.
      auditFunction: this.steps.finish.function,
      stateMachine: this.audit.stateMachine,
      deadLetterQueue: this.deadLetterQueue.queue,
      healthTopic: this.health.topic,
      missedAuditAlarmMinutes: config.missedAuditAlarmMinutes,
    });

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
    this.memberRole.node.addDependency(this.steps.collectorRole);

    this.addOutputs(config);
  }

  private addOutputs(config: AuditorConfig): void {
    const outputs: Record<(typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS], { value: string; description: string }> = {
      [TABLE_NAME_OUTPUTS.findings]: { value: this.tables.findings.tableName, description: 'The findings table (one item per finding)' },
      [TABLE_NAME_OUTPUTS.runs]: { value: this.tables.runs.tableName, description: 'The audit runs table (one item per run)' },
      [STACK_OUTPUTS.alertTopicArn]: { value: this.alerts.topic.topicArn, description: 'The alert topic: subscribe to receive alerts' },
      [STACK_OUTPUTS.healthTopicArn]: { value: this.health.topic.topicArn, description: "The auditor's own alarms: subscribe to hear when the auditor or its alert path breaks" },
      [STACK_OUTPUTS.evidenceBucketName]: { value: this.evidence.bucket.bucketName, description: 'Each run\'s snapshot, gzipped' },
      [STACK_OUTPUTS.auditFunctionName]: { value: this.steps.finish.function.functionName, description: "The run's finish step: its log group holds each run's summary" },
      [STACK_OUTPUTS.stateMachineArn]: { value: this.audit.stateMachine.stateMachineArn, description: 'Start an execution to run an audit on demand' },
      [STACK_OUTPUTS.memberRoleName]: { value: config.memberRoleName, description: 'The audit role in every member account' },
    };
    for (const [key, output] of Object.entries(outputs)) new CfnOutput(this, key, output);
  }
}
