/**
 * The CLI: `org-trail-auditor COMMAND …`. Parses with the one parser (program.ts) and turns every
 * error into one line on stderr and an exit code: 2 for bad usage or input, 1 for anything
 * unexpected. No stack trace unless ORG_TRAIL_AUDITOR_DEBUG is set.
 */
import { SettingsError } from '../checks/settings';
import { describeNetworkError } from './aws-errors';
import { EXIT, PROGRAM, UsageError, type CliIo } from './io';
import { buildProgram, checkHelpTopic, CommandLineError } from './program';

/** Runs the CLI with `args` (argv without node and the script); resolves to the exit code. */
export async function main(args: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.OK;
  try {
    const program = buildProgram(io, (code) => (exitCode = code));
    checkHelpTopic(program, args);
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof CommandLineError) {
    // --help and --version end the parse with exit code 0: not an error.
    if (error.exitCode === 0) return EXIT.OK;
    const where = error.commandPath ? `${error.commandPath}: ` : '';
    const help = `${PROGRAM}${error.commandPath ? ` ${error.commandPath}` : ''} --help`;
    io.stderr(`${PROGRAM}: ${where}${oneLine(error.message)} (see "${help}")\n`);
    return EXIT.USAGE;
  }
  // The snapshot loader (and its JSON schema validator) is loaded by the commands that read one, not up front.
  const { SnapshotLoadError } = await import('../snapshot/load-snapshot');
  const isUserError = error instanceof UsageError || error instanceof SnapshotLoadError || error instanceof SettingsError;
  const message = describeNetworkError(error) ?? (error instanceof Error ? error.message : String(error));
  io.stderr(`${PROGRAM}: ${firstLine(message)}\n`);
  if (!isUserError && io.env.ORG_TRAIL_AUDITOR_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return isUserError ? EXIT.USAGE : EXIT.FAILED;
}

function firstLine(message: string): string {
  return message.split(/\r?\n/, 1)[0];
}

function oneLine(message: string): string {
  return message.trim().split(/\r?\n/).map((line) => line.trim()).join(' ');
}
