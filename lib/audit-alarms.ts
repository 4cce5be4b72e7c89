import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, METRIC_NAMESPACE, SERVICE_NAME } from '../lambda/handler/metric-names';

export interface AuditAlarmsProps {
  auditFunction: IFunction;
  deadLetterQueue: IQueue;
  alertTopic: ITopic;
  /** The dead-man's switch window: no successful audit for this long raises the alarm. */
  missedAuditAlarmMinutes: number;
}

/**
 * The auditor watching itself, alarming to the alert topic (and telling it again when back to OK):
 * the function's errors, no successful audit within the window (missing data is breaching: a
 * function that never runs emits nothing), and audit requests in the dead-letter queue.
 */
export class AuditAlarms extends Construct {
  readonly functionErrors: Alarm;
  readonly noSuccessfulAudit: Alarm;
  readonly deadLetters: Alarm;

  constructor(scope: Construct, id: string, props: AuditAlarmsProps) {
    super(scope, id);

    this.functionErrors = new Alarm(this, 'FunctionErrors', {
      alarmDescription: 'org-trail-auditor: the audit function failed. Read its log group for the run id and the error.',
      metric: props.auditFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.noSuccessfulAudit = new Alarm(this, 'NoSuccessfulAudit', {
      alarmDescription: `org-trail-auditor: no audit succeeded in the last ${props.missedAuditAlarmMinutes} minutes (two schedule periods). The organization is not being watched.`,
      metric: new Metric({
        namespace: METRIC_NAMESPACE,
        metricName: METRIC.auditSucceeded,
        dimensionsMap: { service: SERVICE_NAME },
        statistic: 'Sum',
        period: Duration.minutes(props.missedAuditAlarmMinutes),
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.BREACHING,
    });

    this.deadLetters = new Alarm(this, 'DeadLetters', {
      alarmDescription: 'org-trail-auditor: an audit request or a failed invocation is in the dead-letter queue.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const action = new SnsAction(props.alertTopic);
    for (const alarm of [this.functionErrors, this.noSuccessfulAudit, this.deadLetters]) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
