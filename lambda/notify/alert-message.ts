/**
 * One alert ready to publish, and its SNS Publish input: `MessageStructure: json` with plain text
 * for `email` and the Chatbot custom notification for `default` and `https`.
 */
import type { MessageAttributeValue, PublishCommandInput } from '@aws-sdk/client-sns';
import type { Severity } from '../findings/finding';
import type { AlertEvent } from '../findings/finding-record';
import type { ChatbotCustomNotification } from './chatbot-notification';
import { utf8Bytes } from './sns-limits';

/** The `event` attribute: a finding event, or RUN_INCOMPLETE for the notice of a PARTIAL / FAILED run. */
export type AlertMessageEvent = AlertEvent | 'RUN_INCOMPLETE';

export interface AlertAttributes {
  severity: Severity;
  /** The check, or `-` for a run notice. */
  checkId: string;
  /** One account, or several for a grouped alert (sent as a String.Array: filters match any). */
  accountIds: string[];
  event: AlertMessageEvent;
}

export interface AlertMessage {
  subject: string;
  email: string;
  chatbot: ChatbotCustomNotification;
  attributes: AlertAttributes;
}

export function toPublishInput(message: AlertMessage, topicArn: string): PublishCommandInput {
  return {
    TopicArn: topicArn,
    Subject: message.subject,
    MessageStructure: 'json',
    Message: publishBody(message),
    MessageAttributes: messageAttributes(message.attributes),
  };
}

/** The bytes SNS counts against its 256 KB limit: the message body plus every attribute. */
export function publishSizeBytes(message: AlertMessage): number {
  let size = utf8Bytes(publishBody(message));
  for (const [name, value] of Object.entries(messageAttributes(message.attributes))) {
    size += utf8Bytes(name) + utf8Bytes(value.DataType ?? '') + utf8Bytes(value.StringValue ?? '');
  }
  return size;
}

function publishBody(message: AlertMessage): string {
  const chatbot = JSON.stringify(message.chatbot);
  return JSON.stringify({ default: chatbot, https: chatbot, email: message.email });
}

function messageAttributes(attributes: AlertAttributes): Record<string, MessageAttributeValue> {
  const accountId: MessageAttributeValue =
    attributes.accountIds.length === 1
      ? { DataType: 'String', StringValue: attributes.accountIds[0] }
      : { DataType: 'String.Array', StringValue: JSON.stringify(attributes.accountIds) };
  return {
    severity: { DataType: 'String', StringValue: attributes.severity },
    checkId: { DataType: 'String', StringValue: attributes.checkId },
    accountId,
    event: { DataType: 'String', StringValue: attributes.event },
  };
}
