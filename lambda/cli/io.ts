/** The command's name, as it prefixes every one-line error. */
export const PROGRAM = 'org-trail-auditor';

/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  /** Writes to standard output (the command's result only: never progress or errors). */
  stdout(text: string): void;
  /** Writes to standard error (progress, warnings, the one-line error). */
  stderr(text: string): void;
  /** Whether standard error is a terminal (progress bar) or not (plain progress lines). */
  stderrIsTTY: boolean;
  /** Whether standard output is a terminal (the table report uses colours only then). Absent: no. */
  stdoutIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

/** Exit codes of every command. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, FINDINGS_AT_FAIL_ON: 3 } as const;

/** A usage or input error: printed as one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {}
