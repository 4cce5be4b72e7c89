/**
 * The alert for many findings of one check and one event in one run: one message listing the
 * accounts, instead of a storm. The list is as long as SNS's 256 KB allows; the rest is counted.
 */
import { compareFindings, severityRank, type Severity } from '../findings/finding';
import type { AlertEvent } from '../findings/finding-record';
import type { AlertMessage } from './alert-message';
import { publishSizeBytes } from './alert-message';
import { listCheckCommand } from './cli-command-text';
import { CHAT_LIMITS, EVENT_EMOJI, type AlertDue } from './finding-alert';
import { SNS_MAX_PUBLISH_BYTES, toSnsSubject, utf8Bytes } from './sns-limits';
import { attributeValue, chatText, cut, plainLine, quotedBlock } from './untrusted-text';

/** Room left under SNS's limit for what we do not count exactly (the Subject, JSON escaping slack). */
const SIZE_MARGIN_BYTES = 2_048;
/** Chat shows at most this many lines of the list; email lists as many as fit. */
const CHAT_LIST_LINES = 20;
/**
 * Bytes of the `accountId` attribute (a String.Array) at most: a storm across 17,000 accounts
 * would fill SNS's 256 KB with the attribute alone. Beyond it, the first accounts are named.
 */
export const MAX_ACCOUNT_ATTRIBUTE_BYTES = 64 * 1024;

const EVENT_PHRASES = { NEW: 'new', REOPENED: 'reopened', ESCALATED: 'escalated', RESOLVED: 'resolved' } as const;

export function groupedAlertMessage(event: AlertEvent, checkId: string, due: readonly AlertDue[], maxBytes = SNS_MAX_PUBLISH_BYTES - SIZE_MARGIN_BYTES): AlertMessage {
  const sorted = [...due].sort((a, b) => compareFindings(a.record, b.record));
  // Binary search for the longest list that fits.
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (publishSizeBytes(build(event, checkId, sorted, mid)) <= maxBytes) low = mid;
    else high = mid - 1;
  }
  return build(event, checkId, sorted, low);
}

function build(event: AlertEvent, checkId: string, sorted: readonly AlertDue[], listed: number): AlertMessage {
  const severity = mostSevere(sorted);
  const title = plainLine(sorted[0].record.title);
  const accounts = [...new Set(sorted.map(({ record }) => record.accountId))].sort();
  const status = event === 'RESOLVED' ? 'RESOLVED' : 'OPEN';
  const headline = `${sorted.length} ${EVENT_PHRASES[event]} findings of ${checkId} (${severity}) in ${accounts.length} account(s): ${title}`;
  const lines = sorted.slice(0, listed).map(({ record, alert }) => {
    const was = alert.previousSeverity ? `  (was ${alert.previousSeverity})` : '';
    return `${plainLine(record.accountId)}  ${plainLine(record.region ?? 'global')}  ${plainLine(record.resource)}${was}`;
  });
  const more = sorted.length - listed;
  const moreLine = more > 0 ? [`... and ${more} more: ${listCheckCommand(checkId, status)}`] : [];
  const first = sorted[0].record;

  const email = [
    headline,
    '',
    event === 'RESOLVED'
      ? `Audit run ${sorted[0].alert.runId} evaluated these and no longer found the fault. Nothing to do.`
      : `Audit run ${sorted[0].alert.runId} raised these together to avoid one message per finding.`,
    '',
    'ACCOUNT  REGION  RESOURCE',
    ...[...lines, ...moreLine].map((line) => `  ${line}`),
    '',
    ...(event === 'RESOLVED' ? [] : ['WHY IT MATTERS AND WHAT TO DO (for the first one; each finding names its own resource)', quotedBlock(first.remediation), '']),
    `List them:  ${listCheckCommand(checkId, status)}`,
    '',
    '-- org-trail-auditor',
  ].join('\n');

  const chatLines = lines.slice(0, CHAT_LIST_LINES).map((line) => `• ${chatText(line)}`);
  const chatMore = sorted.length - chatLines.length;
  return {
    subject: toSnsSubject(`[${severity}] ${event} ${checkId} in ${accounts.length} account(s), ${sorted.length} findings: ${title}`),
    email,
    chatbot: {
      version: '1.0',
      source: 'custom',
      id: `${checkId}#${sorted[0].alert.alertId}`,
      content: {
        textType: 'client-markdown',
        title: cut(`${EVENT_EMOJI[event]} [${severity}] ${headline}`, CHAT_LIMITS.title),
        description: cut([...chatLines, ...(chatMore > 0 ? [`… and ${chatMore} more`] : [])].join('\n'), CHAT_LIMITS.description),
        nextSteps: [
          ...(event === 'RESOLVED' ? [] : [chatText(first.remediation, CHAT_LIMITS.nextStep)]),
          `\`${listCheckCommand(checkId, status)}\``,
        ],
        keywords: [severity, checkId, event, 'grouped'],
      },
      metadata: {
        threadId: `group#${checkId}`,
        summary: toSnsSubject(`[${severity}] ${event} ${checkId}: ${sorted.length} findings in ${accounts.length} account(s)`),
        eventType: event,
        relatedResources: [...new Set(sorted.slice(0, CHAT_LIST_LINES).map(({ record }) => plainLine(record.resource)))],
        additionalContext: { checkId, findings: String(sorted.length), accounts: String(accounts.length), runId: plainLine(sorted[0].alert.runId) },
      },
    },
    attributes: { severity, checkId, accountIds: boundedAccountList(accounts.map((account) => attributeValue(account))), event },
  };
}

/** The first accounts whose JSON array fits MAX_ACCOUNT_ATTRIBUTE_BYTES. */
function boundedAccountList(accounts: readonly string[]): string[] {
  const kept: string[] = [];
  let bytes = 2;
  for (const account of accounts) {
    bytes += utf8Bytes(JSON.stringify(account)) + 1;
    if (bytes > MAX_ACCOUNT_ATTRIBUTE_BYTES) break;
    kept.push(account);
  }
  return kept;
}

function mostSevere(due: readonly AlertDue[]): Severity {
  return due.map(({ record }) => record.severity).reduce((a, b) => (severityRank(b) < severityRank(a) ? b : a));
}
