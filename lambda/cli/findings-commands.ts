// PLACEHOLDER owned by the findings work (issue 4): replaced by the real implementation.
import type { CliIo } from './io';

/** `org-trail-auditor findings …`: returns the exit code. */
export async function runFindingsCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new Error('findings commands are not available yet');
}

/** `org-trail-auditor runs …`: returns the exit code. */
export async function runRunsCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new Error('runs commands are not available yet');
}
