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
  /** The terminal's width in columns, when standard output is a terminal. */
  stdoutColumns?: number;
  env: NodeJS.ProcessEnv;
  /** Reads all of standard input (for `--snapshot -`). Absent: standard input cannot be read. */
  readStdin?: () => Promise<string>;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stdoutColumns: process.stdout.columns,
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Exit codes of every command. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, FINDINGS_AT_FAIL_ON: 3 } as const;

/** A usage or input error: printed as one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {}
