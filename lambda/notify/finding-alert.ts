/**
 * The alert about one finding: readable plain text for email, the Chatbot notification for chat,
 * a valid SNS subject, and the attributes subscriptions filter on.
 */
import type { FindingRecord, PendingAlert } from '../findings/finding-record';
import type { AlertMessage } from './alert-message';
import type { ChatbotCustomNotification } from './chatbot-notification';
import { isPrintableFindingId, listAccountCheckCommand, showFindingCommand, suppressFindingCommand } from './cli-command-text';
import { toSnsSubject } from './sns-limits';
import { attributeValue, chatCode, chatText, cut, plainLine, quotedBlock, UNTRUSTED_LIMITS } from './untrusted-text';

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
    attributes: { severity: record.severity, checkId: record.checkId, accountIds: [attributeValue(record.accountId)], event: alert.event },
  };
}

/** The command that shows the finding, or lists its account's findings of the check when its ID cannot be printed. */
function showCommand(record: FindingRecord): string {
  return isPrintableFindingId(record.findingId) ? showFindingCommand(record.findingId) : listAccountCheckCommand(record.accountId, record.checkId);
}

/** One line; the title is the check's own, cleaned all the same (it reaches every channel). */
function headline(record: FindingRecord, alert: PendingAlert): string {
  const title = plainLine(record.title);
  switch (alert.event) {
    case 'NEW':
      return `New ${record.severity} finding: ${title}`;
    case 'REOPENED':
      return `Reopened ${record.severity} finding: ${title}`;
    case 'ESCALATED':
      return `Escalated from ${alert.previousSeverity ?? 'a lower severity'} to ${record.severity}: ${title}`;
    case 'RESOLVED':
      return `Resolved ${record.severity} finding: ${title}`;
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
      return alert.reason
        ? `Audit run ${alert.runId} resolved it: ${plainLine(alert.reason)} (the account left the organization or is no longer ACTIVE, and the account list was complete). Nothing to do.`
        : `Audit run ${alert.runId} evaluated this check here and no longer found the fault. Nothing to do.`;
  }
}

function findingEmail(record: FindingRecord, alert: PendingAlert): string {
  const lines = [
    headline(record, alert),
    '',
    eventExplanation(record, alert),
    '',
    'WHERE',
    `  Check:     ${plainLine(record.checkId)}`,
    `  Account:   ${plainLine(record.accountId)}`,
    `  Region:    ${plainLine(record.region ?? 'global')}`,
    `  Resource:  ${plainLine(record.resource)}`,
    '',
    alert.event === 'RESOLVED' ? 'WHAT WAS WRONG (as observed in the audited account)' : 'WHAT IS WRONG (as observed in the audited account)',
    quotedBlock(record.detail),
    '',
  ];
  if (alert.event !== 'RESOLVED') lines.push('WHY IT MATTERS AND WHAT TO DO', quotedBlock(record.remediation), '');
  lines.push(
    'THE FINDING',
    `  ID:          ${plainLine(record.findingId)}`,
    `  Severity:    ${record.severity}`,
    `  Status:      ${record.status}`,
    `  First seen:  ${record.firstSeenAt}`,
    `  Last seen:   ${record.lastSeenAt}`,
    ...(record.resolvedAt && record.status === 'RESOLVED' ? [`  Resolved:    ${record.resolvedAt}`] : []),
    `  Seen in:     ${record.timesSeen} run(s), reopened ${record.timesReopened} time(s)`,
    '',
    `Show it:    ${showCommand(record)}`,
  );
  if (alert.event !== 'RESOLVED' && isPrintableFindingId(record.findingId)) lines.push(`Accept it:  ${suppressFindingCommand(record.findingId)}`);
  lines.push('', '-- org-trail-auditor');
  return lines.join('\n');
}

function findingChatbot(record: FindingRecord, alert: PendingAlert): ChatbotCustomNotification {
  const where = `*Check* ${chatText(record.checkId)} · *Account* ${chatText(record.accountId)} · *Region* ${chatText(record.region ?? 'global')} · *Resource* \`${chatCode(record.resource)}\``;
  const body = alert.event === 'RESOLVED' ? chatText(eventExplanation(record, alert), CHAT_LIMITS.description) : chatText(record.detail, CHAT_LIMITS.description);
  const show = `\`${chatCode(showCommand(record), CHAT_LIMITS.nextStep)}\``;
  return {
    version: '1.0',
    source: 'custom',
    id: plainLine(`${record.findingId}#${alert.alertId}`, UNTRUSTED_LIMITS.block),
    content: {
      textType: 'client-markdown',
      title: cut(`${EVENT_EMOJI[alert.event]} ${chatText(headline(record, alert), CHAT_LIMITS.title)}`, CHAT_LIMITS.title),
      description: cut(`${where}\n${body}`, CHAT_LIMITS.description),
      nextSteps: alert.event === 'RESOLVED' ? [show] : [chatText(record.remediation, CHAT_LIMITS.nextStep), show],
      keywords: [record.severity, record.checkId, alert.event, chatText(record.accountId, 40)],
    },
    metadata: {
      threadId: plainLine(record.findingId, UNTRUSTED_LIMITS.block),
      summary: toSnsSubject(`[${record.severity}] ${alert.event} ${record.checkId} ${record.accountId}: ${record.title}`),
      eventType: alert.event,
      relatedResources: [plainLine(record.resource)],
      additionalContext: {
        findingId: plainLine(record.findingId, UNTRUSTED_LIMITS.block),
        checkId: plainLine(record.checkId),
        accountId: plainLine(record.accountId),
        region: plainLine(record.region ?? 'global'),
        severity: record.severity,
        runId: plainLine(alert.runId),
      },
    },
  };
}
