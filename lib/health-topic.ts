import { Stack } from 'aws-cdk-lib';
import type { SlackChannelConfiguration } from 'aws-cdk-lib/aws-chatbot';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface HealthTopicProps {
  alertEmails: string[];
  /** The alert topic's Slack channel, when configured: it receives the health alarms too. */
  slackChannel: SlackChannelConfiguration | undefined;
}

/**
 * The auditor's own health path: a second, minimal topic that the auditor's alarms publish to,
 * sharing nothing with the alert topic that can break it (no customer managed key, no key policy,
 * no function permission). Unencrypted because CloudWatch alarms cannot publish to a topic
 * encrypted with the AWS managed key `alias/aws/sns` (its key policy cannot be changed to admit
 * them), and a customer managed key is exactly what this path must survive losing. TLS-only; only
 * CloudWatch alarms of this account may publish. The same email subscriptions as the alert topic,
 * and the same Slack channel.
 */
export class HealthTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: HealthTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'CloudTrail auditor health',
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AlarmsOfThisAccountMayPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    for (const email of props.alertEmails) this.topic.addSubscription(new EmailSubscription(email));
    props.slackChannel?.addNotificationTopic(this.topic);
  }
}
