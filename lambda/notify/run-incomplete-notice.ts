/** The one message a PARTIAL or FAILED run sends: what was not audited, so silence is not read as health. */
import type { RunRecord } from '../findings/run-record';
import type { AlertMessage } from './alert-message';
import { listCheckCommand } from './cli-command-text';
import { CHAT_LIMITS, cut } from './finding-alert';
import { toSnsSubject } from './sns-limits';

/** At most this many accounts or regions are named per list; the rest are counted. */
const LISTED = 200;

export function runIncompleteMessage(run: RunRecord): AlertMessage {
  const notAudited = run.notAudited ?? { accountIds: [], accountRegions: [], notStartedAccountIds: [] };
  const { accounts } = run;
  const missing = accounts.failed + accounts.notStarted;
  const severity = run.outcome === 'FAILED' ? 'HIGH' : 'MEDIUM';
  const headline =
    run.outcome === 'FAILED'
      ? `Audit run ${run.runId} FAILED: the organization was not (fully) audited`
      : `Audit run ${run.runId} was PARTIAL: ${missing} of ${accounts.total} account(s) not audited`;
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
    `Accounts:  ${accounts.total} in scope, ${accounts.audited} audited, ${accounts.failed} failed, ${accounts.notStarted} not started`,
    ...(notAudited.reason ? [`Reason:    ${notAudited.reason}`] : []),
    '',
    'NOT AUDITED',
    ...(lists.length > 0 ? lists : ['  (the run did not name them; see the reason above)']),
    '',
    'WHAT THIS MEANS',
    '  Findings already open for what was not audited stay open; nothing there was resolved.',
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
      id: `run#${run.runId}`,
      content: {
        textType: 'client-markdown',
        title: cut(`:warning: ${headline}`, CHAT_LIMITS.title),
        description: cut(
          [
            `*Accounts* ${accounts.total} in scope · ${accounts.audited} audited · ${accounts.failed} failed · ${accounts.notStarted} not started`,
            ...(notAudited.reason ? [`*Reason* ${notAudited.reason}`] : []),
            ...lists,
            'Open findings of what was not audited stay open.',
          ].join('\n'),
          CHAT_LIMITS.description,
        ),
        nextSteps: [`\`${listCheckCommand('AUD-001', 'OPEN')}\``, '`org-trail-auditor runs list`'],
        keywords: [severity, run.outcome, 'RUN_INCOMPLETE'],
      },
      metadata: {
        threadId: `run#${run.runId}`,
        summary: toSnsSubject(headline),
        eventType: 'RUN_INCOMPLETE',
        relatedResources: [],
        additionalContext: { runId: run.runId, outcome: run.outcome, trigger: run.trigger },
      },
    },
    attributes: { severity, checkId: '-', accountIds: accountIds.length > 0 ? accountIds.slice(0, 1000) : ['-'], event: 'RUN_INCOMPLETE' },
  };
}

function namedList(label: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const shown = names.slice(0, LISTED).join(', ');
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
  return `  ${label} (${names.length}): ${shown}${more}`;
}
