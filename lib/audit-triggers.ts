import { Duration, Stack } from 'aws-cdk-lib';
import { CfnEventBusPolicy, Rule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { SCHEDULED_TRIGGER } from '../lambda/run/trigger';
import type { AuditSchedule } from './schedule';
import { tamperingEventPattern } from './tampering-event-pattern';

export interface AuditTriggersProps {
  stateMachine: IStateMachine;
  schedule: AuditSchedule;
  deadLetterQueue: IQueue;
  /** The organization whose accounts may forward tampering events to this account's default bus. */
  organizationId: string;
}

/**
 * What starts an audit run (an execution of the audit state machine): the EventBridge Scheduler
 * schedule (a full run), and an EventBridge rule on tampering calls (a targeted run) — made in
 * this account, or forwarded to its default bus by the accounts that own the log bucket and the
 * trail key (lib/tamper-event-forwarding.ts), which the bus's policy allows for the organization.
 * Both retry and then give up to the dead-letter queue.
 */
export class AuditTriggers extends Construct {
  readonly schedule: Schedule;
  readonly tamperingRule: Rule;
  readonly busPolicy: CfnEventBusPolicy;

  constructor(scope: Construct, id: string, props: AuditTriggersProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'org-trail-auditor: lets EventBridge Scheduler start the audit state machine',
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'org-trail-auditor: periodic audit of the organization CloudTrail trails',
      schedule: ScheduleExpression.expression(props.schedule.expression),
      target: new StepFunctionsStartExecution(props.stateMachine, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({
          trigger: SCHEDULED_TRIGGER,
          scheduleArn: ContextAttribute.scheduleArn,
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: props.deadLetterQueue,
      }),
    });

    this.tamperingRule = new Rule(this, 'TamperingRule', {
      description: 'org-trail-auditor: a targeted audit at once when an org trail, its log bucket or its key is stopped, deleted or changed',
      eventPattern: tamperingEventPattern(),
      targets: [
        new SfnStateMachine(props.stateMachine, {
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
          deadLetterQueue: props.deadLetterQueue,
        }),
      ],
    });

    this.busPolicy = new CfnEventBusPolicy(this, 'OrganizationMayForward', {
      eventBusName: 'default',
      statementId: 'org-trail-auditor-forwarded-tampering-events',
      statement: {
        Sid: 'org-trail-auditor-forwarded-tampering-events',
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: `arn:${stack.partition}:events:${stack.region}:${stack.account}:event-bus/default`,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
      },
    });
  }
}
