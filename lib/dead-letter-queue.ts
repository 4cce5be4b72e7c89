import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';

/**
 * Audit runs that never started (the schedule or the tampering rule could not start the state
 * machine and gave up): kept 14 days, and an alarm fires as soon as one is visible.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeAwsSolutionsFinding(
      this.queue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue: of the EventBridge Scheduler schedule and of the tampering rule target (their DeadLetterConfig), which cdk-nag does not recognise as DLQ uses; nothing consumes it but the operators, alerted by its alarm.',
    );
  }
}
