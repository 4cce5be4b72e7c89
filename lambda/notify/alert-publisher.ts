/** Where alerts go: the alert SNS topic in production, anything that records them in tests. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { toPublishInput, type AlertMessage } from './alert-message';

export interface AlertPublisher {
  /** Publishes one alert; rejects when it could not be published. */
  publish(message: AlertMessage): Promise<void>;
}

export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(message: AlertMessage): Promise<void> {
    await this.client.send(new PublishCommand(toPublishInput(message, this.topicArn)));
  }
}
