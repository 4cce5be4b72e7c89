/**
 * The AWS Chatbot (Amazon Q Developer in chat applications) custom notification: the JSON a
 * chat channel subscribed to the topic renders. `version` must be "1.0" and `source` "custom";
 * `client-markdown` is the only text type. Notifications with the same `threadId` thread together.
 */

export interface ChatbotCustomNotification {
  version: '1.0';
  source: 'custom';
  id?: string;
  content: {
    textType: 'client-markdown';
    title: string;
    description: string;
    nextSteps: string[];
    keywords: string[];
  };
  metadata: {
    threadId: string;
    summary: string;
    eventType: string;
    relatedResources: string[];
    additionalContext: Record<string, string>;
  };
}
