/** The auditor's CLI commands as alerts print them, ready to paste into a POSIX shell. */

/** Quotes one shell word: single quotes, with embedded single quotes escaped. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_.:/@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
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
