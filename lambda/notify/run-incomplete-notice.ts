/** The one message a PARTIAL or FAILED run sends: what was not audited, so silence is not read as health. */
import type { RunRecord } from '../findings/run-record';
import type { AlertMessage } from './alert-message';
import { listCheckCommand } from './cli-command-text';
import { CHAT_LIMITS } from './finding-alert';
import { toSnsSubject } from './sns-limits';
import { attributeValue, chatText, cut, plainLine } from './untrusted-text';

/** At most this many accounts or regions are named per list; the rest are counted. */
const LISTED = 200;

export function runIncompleteMessage(run: RunRecord): AlertMessage {
  const notAudited = run.notAudited ?? { accountIds: [], accountRegions: [], notStartedAccountIds: [] };
  const { accounts } = run;
  const missing = accounts.failed + accounts.notStarted;
  const severity = run.outcome === 'FAILED' ? 'HIGH' : 'MEDIUM';
  const runId = plainLine(run.runId);
  const reason = notAudited.reason ? plainLine(notAudited.reason, 1000) : undefined;
  const headline =
    run.outcome === 'FAILED'
      ? `Audit run ${runId} FAILED: the organization was not (fully) audited`
      : notAudited.accountListIncomplete
        ? `Audit run ${runId} was PARTIAL: the account list is incomplete, accounts after the ${accounts.total} listed were not seen${missing > 0 ? ` (and ${missing} listed not audited)` : ''}`
        : missing === 0 && notAudited.findingsNotWritten
          ? `Audit run ${runId} was PARTIAL: every account audited, ${notAudited.findingsNotWritten} finding(s) not written`
          : `Audit run ${runId} was PARTIAL: ${missing} of ${accounts.total} account(s) not audited`;
  const accountLine = notAudited.accountListIncomplete
    ? `${accounts.total} listed (the list is incomplete: at least one more account exists, how many is unknown), ${accounts.audited} audited, ${accounts.failed} failed, ${accounts.notStarted} not started`
    : `${accounts.total} in scope, ${accounts.audited} audited, ${accounts.failed} failed, ${accounts.notStarted} not started`;
  const lists = [
    namedList('Accounts the auditor could not enter', notAudited.accountIds),
    namedList('Regions that could not be read', notAudited.accountRegions),
    namedList('Accounts the run never started', notAudited.notStartedAccountIds),
  ].filter((list): list is string => list !== undefined);

  const email = [
    headline,
    '',
    `Trigger:   ${run.trigger}`,
    `Started:   ${run.startedAt}`,
    `Finished:  ${run.finishedAt}`,
    `Accounts:  ${accountLine}`,
    ...(notAudited.findingsNotWritten ? [`Findings:  ${notAudited.findingsNotWritten} could not be written to the findings table; the next run decides them again`] : []),
    ...(reason ? [`Reason:    ${reason}`] : []),
    '',
    'NOT AUDITED',
    ...(lists.length > 0 ? lists : ['  (the run did not name them; see the reason above)']),
    '',
    'WHAT THIS MEANS',
    '  Findings already open for what was not audited stay open; nothing there was resolved.',
    ...(notAudited.accountListIncomplete ? ['  Accounts missing from the incomplete list were not taken to have left the organization.'] : []),
    '  New faults there cannot have been found by this run.',
    '',
    'WHAT TO DO',
    `  See why accounts could not be entered:  ${listCheckCommand('AUD-001', 'OPEN')}`,
    `  See the regions that errored:           ${listCheckCommand('AUD-002', 'OPEN')}`,
    '  See the recent runs:                    org-trail-auditor runs list',
    '',
    '-- org-trail-auditor',
  ].join('\n');

  const allNamed = [...notAudited.accountIds, ...notAudited.notStartedAccountIds];
  const accountIds = [...new Set(allNamed)].sort();
  return {
    subject: toSnsSubject(`[${severity}] ${headline}`),
    email,
    chatbot: {
      version: '1.0',
      source: 'custom',
      id: `run#${runId}`,
      content: {
        textType: 'client-markdown',
        title: cut(`:warning: ${chatText(headline, CHAT_LIMITS.title)}`, CHAT_LIMITS.title),
        description: cut(
          [
            `*Accounts* ${chatText(accountLine)}`,
            ...(reason ? [`*Reason* ${chatText(reason, 1000)}`] : []),
            ...lists.map((list) => chatText(list, 2000)),
            'Open findings of what was not audited stay open.',
          ].join('\n'),
          CHAT_LIMITS.description,
        ),
        nextSteps: [`\`${listCheckCommand('AUD-001', 'OPEN')}\``, '`org-trail-auditor runs list`'],
        keywords: [severity, run.outcome, 'RUN_INCOMPLETE'],
      },
      metadata: {
        threadId: `run#${runId}`,
        summary: toSnsSubject(headline),
        eventType: 'RUN_INCOMPLETE',
        relatedResources: [],
        additionalContext: { runId, outcome: run.outcome, trigger: run.trigger },
      },
    },
    attributes: { severity, checkId: '-', accountIds: accountIds.length > 0 ? accountIds.slice(0, 1000).map((id) => attributeValue(id)) : ['-'], event: 'RUN_INCOMPLETE' },
  };
}

function namedList(label: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const shown = names
    .slice(0, LISTED)
    .map((name) => plainLine(name, 64))
    .join(', ');
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
  return `  ${label} (${names.length}): ${shown}${more}`;
}
