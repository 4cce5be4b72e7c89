import { Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';
import { SCHEDULED_TRIGGER, TAMPERING_EVENT_NAMES } from '../lambda/handler/trigger';
import type { AuditSchedule } from './schedule';

export interface AuditTriggersProps {
  auditFunction: IFunction;
  schedule: AuditSchedule;
  deadLetterQueue: IQueue;
}

/**
 * What starts an audit: the EventBridge Scheduler schedule, and an EventBridge rule on CloudTrail
 * tampering calls made in this account and region. Both retry and then give up to the DLQ.
 */
export class AuditTriggers extends Construct {
  readonly schedule: Schedule;
  readonly tamperingRule: Rule;

  constructor(scope: Construct, id: string, props: AuditTriggersProps) {
    super(scope, id);
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'org-trail-auditor: lets EventBridge Scheduler start the audit function',
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'org-trail-auditor: periodic audit of the organization CloudTrail trails',
      schedule: ScheduleExpression.expression(props.schedule.expression),
      target: new LambdaInvoke(props.auditFunction, {
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
      description: 'org-trail-auditor: audit at once when a CloudTrail trail is stopped, deleted or changed',
      eventPattern: {
        source: ['aws.cloudtrail'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['cloudtrail.amazonaws.com'],
          eventName: [...TAMPERING_EVENT_NAMES],
        },
      },
      targets: [
        new LambdaFunction(props.auditFunction, {
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
          deadLetterQueue: props.deadLetterQueue,
        }),
      ],
    });

    acknowledgeAwsSolutionsFinding(
      schedulerRole,
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.auditFunction.node.defaultChild as CfnElement)}.Arn>:*]`,
      'lambda:InvokeFunction on the audit function and its versions, as the Scheduler LambdaInvoke target grants it; the function is the only resource named.',
    );
  }
}
