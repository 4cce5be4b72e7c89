/** The auditor's CLI commands as alerts print them, ready to paste into a POSIX shell. */

/** Longest finding ID an alert prints in a command; a longer (or unprintable) one is listed instead. */
const MAX_COMMAND_ID_LENGTH = 1_000;
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/;

/** Quotes one shell word: single quotes, with embedded single quotes escaped. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_.:/@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * True when a finding ID can be printed in a command line: printable and of sane length. A
 * resource name from the organization may be neither; the alert then lists the findings of the
 * account and check instead of printing the ID.
 */
export function isPrintableFindingId(findingId: string): boolean {
  return findingId.length <= MAX_COMMAND_ID_LENGTH && !UNPRINTABLE.test(findingId);
}

export function showFindingCommand(findingId: string): string {
  return `org-trail-auditor findings show ${shellWord(findingId)}`;
}

export function suppressFindingCommand(findingId: string): string {
  return `org-trail-auditor findings suppress ${shellWord(findingId)} --reason "WHY" --until YYYY-MM-DD`;
}

export function listCheckCommand(checkId: string, status: string): string {
  return `org-trail-auditor findings list --check ${shellWord(checkId)} --status ${status}`;
}

/** The findings of one check in one account (the fallback when an ID cannot be printed). */
export function listAccountCheckCommand(accountId: string, checkId: string): string {
  return `org-trail-auditor findings list --account ${shellWord(accountId)} --check ${shellWord(checkId)}`;
}
