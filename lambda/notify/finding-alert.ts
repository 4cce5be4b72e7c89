/**
 * The alert about one finding: readable plain text for email, the Chatbot notification for chat,
 * a valid SNS subject, and the attributes subscriptions filter on.
 */
import type { FindingRecord, PendingAlert } from '../findings/finding-record';
import type { AlertMessage } from './alert-message';
import type { ChatbotCustomNotification } from './chatbot-notification';
import { showFindingCommand, suppressFindingCommand } from './cli-command-text';
import { toSnsSubject } from './sns-limits';

/** A finding with the alert it is due. */
export interface AlertDue {
  record: FindingRecord;
  alert: PendingAlert;
}

/** Chat renders long text poorly: fields are cut to these many characters. */
export const CHAT_LIMITS = { title: 250, description: 4000, nextStep: 1500 } as const;

export const EVENT_EMOJI = { NEW: ':rotating_light:', REOPENED: ':repeat:', ESCALATED: ':arrow_double_up:', RESOLVED: ':white_check_mark:' } as const;

export function findingAlertMessage({ record, alert }: AlertDue): AlertMessage {
  const where = `${record.accountId}${record.region ? ` ${record.region}` : ''}`;
  return {
    subject: toSnsSubject(`[${record.severity}] ${alert.event} ${record.checkId} ${where}: ${record.title}`),
    email: findingEmail(record, alert),
    chatbot: findingChatbot(record, alert),
    attributes: { severity: record.severity, checkId: record.checkId, accountIds: [record.accountId], event: alert.event },
  };
}

function headline(record: FindingRecord, alert: PendingAlert): string {
  switch (alert.event) {
    case 'NEW':
      return `New ${record.severity} finding: ${record.title}`;
    case 'REOPENED':
      return `Reopened ${record.severity} finding: ${record.title}`;
    case 'ESCALATED':
      return `Escalated from ${alert.previousSeverity ?? 'a lower severity'} to ${record.severity}: ${record.title}`;
    case 'RESOLVED':
      return `Resolved ${record.severity} finding: ${record.title}`;
  }
}

function eventExplanation(record: FindingRecord, alert: PendingAlert): string {
  switch (alert.event) {
    case 'NEW':
      return `Audit run ${alert.runId} found this for the first time.`;
    case 'REOPENED':
      return record.history.at(-1)?.event === 'SUPPRESSION_EXPIRED'
        ? `Its suppression has ended and the finding is open again (run ${alert.runId}).`
        : `It had been resolved and audit run ${alert.runId} found it again (reopened ${record.timesReopened} time(s) so far).`;
    case 'ESCALATED':
      return `Audit run ${alert.runId} found it at a higher severity than before.`;
    case 'RESOLVED':
      return `Audit run ${alert.runId} evaluated this check here and no longer found the fault. Nothing to do.`;
  }
}

function findingEmail(record: FindingRecord, alert: PendingAlert): string {
  const lines = [
    headline(record, alert),
    '',
    eventExplanation(record, alert),
    '',
    'WHERE',
    `  Check:     ${record.checkId}`,
    `  Account:   ${record.accountId}`,
    `  Region:    ${record.region ?? 'global'}`,
    `  Resource:  ${record.resource}`,
    '',
    alert.event === 'RESOLVED' ? 'WHAT WAS WRONG' : 'WHAT IS WRONG',
    indent(record.detail),
    '',
  ];
  if (alert.event !== 'RESOLVED') lines.push('WHY IT MATTERS AND WHAT TO DO', indent(record.remediation), '');
  lines.push(
    'THE FINDING',
    `  ID:          ${record.findingId}`,
    `  Severity:    ${record.severity}`,
    `  Status:      ${record.status}`,
    `  First seen:  ${record.firstSeenAt}`,
    `  Last seen:   ${record.lastSeenAt}`,
    ...(record.resolvedAt && record.status === 'RESOLVED' ? [`  Resolved:    ${record.resolvedAt}`] : []),
    `  Seen in:     ${record.timesSeen} run(s), reopened ${record.timesReopened} time(s)`,
    '',
    `Show it:    ${showFindingCommand(record.findingId)}`,
  );
  if (alert.event !== 'RESOLVED') lines.push(`Accept it:  ${suppressFindingCommand(record.findingId)}`);
  lines.push('', '-- org-trail-auditor');
  return lines.join('\n');
}

function findingChatbot(record: FindingRecord, alert: PendingAlert): ChatbotCustomNotification {
  const where = `*Check* ${record.checkId} · *Account* ${record.accountId} · *Region* ${record.region ?? 'global'} · *Resource* \`${record.resource}\``;
  const body = alert.event === 'RESOLVED' ? eventExplanation(record, alert) : record.detail;
  return {
    version: '1.0',
    source: 'custom',
    id: `${record.findingId}#${alert.alertId}`,
    content: {
      textType: 'client-markdown',
      title: cut(`${EVENT_EMOJI[alert.event]} ${headline(record, alert)}`, CHAT_LIMITS.title),
      description: cut(`${where}\n${body}`, CHAT_LIMITS.description),
      nextSteps:
        alert.event === 'RESOLVED'
          ? [`\`${showFindingCommand(record.findingId)}\``]
          : [cut(record.remediation, CHAT_LIMITS.nextStep), `\`${showFindingCommand(record.findingId)}\``],
      keywords: [record.severity, record.checkId, alert.event, record.accountId],
    },
    metadata: {
      threadId: record.findingId,
      summary: toSnsSubject(`[${record.severity}] ${alert.event} ${record.checkId} ${record.accountId}: ${record.title}`),
      eventType: alert.event,
      relatedResources: [record.resource],
      additionalContext: {
        findingId: record.findingId,
        checkId: record.checkId,
        accountId: record.accountId,
        region: record.region ?? 'global',
        severity: record.severity,
        runId: alert.runId,
      },
    },
  };
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Cuts text to `max` characters, marking the cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
