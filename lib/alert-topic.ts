import { Stack } from 'aws-cdk-lib';
import { LoggingLevel, SlackChannelConfiguration } from 'aws-cdk-lib/aws-chatbot';
import { ManagedPolicy, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { SlackChannel } from './config';

export interface AlertTopicProps {
  alertEmails: string[];
  slack: SlackChannel | undefined;
}

/**
 * The services that publish to the topic besides the audit function: EventBridge rules. (The
 * auditor's CloudWatch alarms publish to the health topic instead, so that they still reach
 * people when this topic or its key is broken: see health-topic.ts.)
 */
const PUBLISHING_SERVICES = ['events.amazonaws.com'];

/**
 * The alert topic: encrypted with a customer managed key (the AWS managed SNS key would not let
 * EventBridge publish), TLS-only, with the configured email subscriptions and, when Slack IDs are
 * configured, an AWS Chatbot channel whose guardrail is read-only.
 */
export class AlertTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly slackChannel: SlackChannelConfiguration | undefined;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const account = Stack.of(this).account;

    this.key = new Key(this, 'Key', {
      description: 'org-trail-auditor: encrypts the alert topic',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeMayEncryptAlerts',
        principals: PUBLISHING_SERVICES.map((service) => new ServicePrincipal(service)),
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'CloudTrail audit alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeOfThisAccountMayPublish',
        principals: PUBLISHING_SERVICES.map((service) => new ServicePrincipal(service)),
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    for (const email of props.alertEmails) this.topic.addSubscription(new EmailSubscription(email));

    this.slackChannel = props.slack
      ? new SlackChannelConfiguration(this, 'SlackChannel', {
          slackChannelConfigurationName: 'org-trail-auditor-alerts',
          slackWorkspaceId: props.slack.workspaceId,
          slackChannelId: props.slack.channelId,
          notificationTopics: [this.topic],
          guardrailPolicies: [ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
          loggingLevel: LoggingLevel.ERROR,
        })
      : undefined;
  }
}
