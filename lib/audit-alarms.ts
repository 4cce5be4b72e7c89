import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, METRIC_NAMESPACE, SERVICE_NAME } from '../lambda/run/metric-names';

export interface AuditAlarmsProps {
  auditFunction: IFunction;
  /** The audit state machine: an execution that fails or times out ended without its finish step. */
  stateMachine: IStateMachine;
  deadLetterQueue: IQueue;
  /** Where every alarm goes: the health topic, which shares nothing with the alert topic. */
  healthTopic: ITopic;
  /** The dead-man's switch window: no successful audit for this long raises the alarm. */
  missedAuditAlarmMinutes: number;
}

/**
 * How many consecutive run periods must end with alerts still pending before the alarm fires: one
 * period with pending alerts is a single failed publish that the next run retries; two in a row
 * means the retry failed too and the alert path itself is broken.
 */
export const PENDING_ALERTS_PERIODS = 2;

/**
 * One run period, in whole minutes: half the dead-man's-switch window, which is two schedule
 * periods by default (a cron schedule sets the window explicitly).
 */
export function runPeriodMinutes(missedAuditAlarmMinutes: number): number {
  return Math.ceil(missedAuditAlarmMinutes / 2);
}

/**
 * The auditor watching itself, alarming to the health topic (and telling it again when back to
 * OK): the function's errors, no successful audit within the window (missing data is breaching: a
 * function that never runs emits nothing), audit requests in the dead-letter queue, and a broken
 * alert path (alerts still pending run after run; publishes failing). The health topic is not the
 * alert topic, so these reach people even when the alert topic or its key is what broke.
 */
export class AuditAlarms extends Construct {
  readonly functionErrors: Alarm;
  readonly noSuccessfulAudit: Alarm;
  readonly deadLetters: Alarm;
  readonly pendingAlerts: Alarm;
  readonly alertPublishFailures: Alarm;
  readonly failedExecutions: Alarm;
  readonly timedOutExecutions: Alarm;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AuditAlarmsProps) {
    super(scope, id);
    this.action = new SnsAction(props.healthTopic);
    const runPeriod = Duration.minutes(runPeriodMinutes(props.missedAuditAlarmMinutes));
    const auditorMetric = (metricName: string, statistic: string, period: Duration) =>
      new Metric({ namespace: METRIC_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, statistic, period });

    this.functionErrors = this.notify(
      new Alarm(this, 'FunctionErrors', {
        alarmDescription: 'org-trail-auditor: the audit function failed. Read its log group for the run id and the error.',
        metric: props.auditFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    this.noSuccessfulAudit = this.notify(
      new Alarm(this, 'NoSuccessfulAudit', {
        alarmDescription: `org-trail-auditor: no audit succeeded in the last ${props.missedAuditAlarmMinutes} minutes (two schedule periods). The organization is not being watched.`,
        metric: auditorMetric(METRIC.auditSucceeded, 'Sum', Duration.minutes(props.missedAuditAlarmMinutes)),
        threshold: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.BREACHING,
      }),
    );

    this.deadLetters = this.notify(
      new Alarm(this, 'DeadLetters', {
        alarmDescription: 'org-trail-auditor: an audit request or a failed invocation is in the dead-letter queue.',
        metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // Missing data is not breaching: a period without a run is the dead-man's switch's to report.
    this.pendingAlerts = this.notify(
      new Alarm(this, 'PendingAlerts', {
        alarmDescription:
          `org-trail-auditor: alerts have been waiting to be published for ${PENDING_ALERTS_PERIODS} run periods in a row. The alert path is broken (the alert topic, its KMS key or key policy, or the function's permission to publish): findings are recorded but nobody is told. ` +
          'Read the audit function\'s log for the publish error; list what waits with: org-trail-auditor findings list --status OPEN. Alerts go out with the next run once the path works.',
        metric: auditorMetric(METRIC.pendingAlerts, 'Maximum', runPeriod),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: PENDING_ALERTS_PERIODS,
        datapointsToAlarm: PENDING_ALERTS_PERIODS,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    this.alertPublishFailures = this.notify(
      new Alarm(this, 'AlertPublishFailures', {
        alarmDescription:
          'org-trail-auditor: publishing to the alert topic failed in the last run period. The alerts stay pending and are retried by the next run; read the audit function\'s log for the error (KMS AccessDenied or a disabled key, SNS authorization, throttling).',
        metric: auditorMetric(METRIC.alertPublishFailures, 'Sum', runPeriod),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // Plan and the map catch into finish, so an execution fails or times out only when finish
    // itself could not run: a run that may have ended without its record.
    const executionAlarm = (id: string, what: string, metric: Metric) =>
      this.notify(
        new Alarm(this, id, {
          alarmDescription: `org-trail-auditor: an audit execution ${what}, so the run may have no record. Open the state machine's executions in the Step Functions console (the stack output AuditStateMachineArn) for the failing step and its error.`,
          metric,
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    this.failedExecutions = executionAlarm('FailedExecutions', 'failed', props.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }));
    this.timedOutExecutions = executionAlarm('TimedOutExecutions', 'timed out', props.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' }));
  }

  /**
   * Sends an alarm's state changes (ALARM and back to OK) to the health topic. Other parts of the
   * auditor that add alarms of their own (the audit state machine) route them through this.
   */
  notify(alarm: Alarm): Alarm {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }
}
