/**
 * The CLI: `org-trail-auditor COMMAND …`. Dispatches to the commands and turns every error into one
 * line on stderr and an exit code: 2 for bad usage or input, 1 for anything unexpected. No stack
 * trace unless ORG_TRAIL_AUDITOR_DEBUG is set.
 */
import { SettingsError } from '../checks/settings';
import { SnapshotLoadError } from '../snapshot/load-snapshot';
import { AUDIT_HELP, runAuditCommand } from './audit-command';
import { CHECKS_HELP, runChecksCommand } from './checks-command';
import { EXIT, PROGRAM, UsageError, type CliIo } from './io';
import { VERSION } from './version';


type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  audit: runAuditCommand,
  checks: runChecksCommand,
  // Loaded when used: they bring the DynamoDB and CloudFormation clients, which other commands never need.
  findings: async (args, io) => (await import('./findings-commands')).runFindingsCommand(args, io),
  runs: async (args, io) => (await import('./findings-commands')).runRunsCommand(args, io),
};

/** Runs the CLI with `args` (argv without node and the script); resolves to the exit code. */
export async function main(args: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(args: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) throw new UsageError(`no command given; run "${PROGRAM} --help" to see the commands`);
  if (first === '--help' || first === '-h') {
    io.stdout(MAIN_HELP);
    return EXIT.OK;
  }
  if (first === 'help') return help(rest, io);
  if (first === '--version' || first === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.OK;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command) return command(rest, io);
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first}; run "${PROGRAM} --help" to see the options`);
  throw new UsageError(`unknown command ${JSON.stringify(first)}; the commands are ${Object.keys(COMMANDS).join(', ')}`);
}

/** `help [COMMAND]`. */
async function help(args: string[], io: CliIo): Promise<number> {
  const [topic] = args;
  if (topic === undefined) {
    io.stdout(MAIN_HELP);
    return EXIT.OK;
  }
  if (topic === 'audit') io.stdout(AUDIT_HELP);
  else if (topic === 'checks') io.stdout(CHECKS_HELP);
  else if (topic === 'findings' || topic === 'runs') return COMMANDS[topic](['--help'], io);
  else throw new UsageError(`help: unknown command ${JSON.stringify(topic)}; the commands are ${Object.keys(COMMANDS).join(', ')}`);
  return EXIT.OK;
}

function reportError(error: unknown, io: CliIo): number {
  const isUserError = error instanceof UsageError || error instanceof SnapshotLoadError || error instanceof SettingsError;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${PROGRAM}: ${firstLine(message)}\n`);
  if (!isUserError && io.env.ORG_TRAIL_AUDITOR_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return isUserError ? EXIT.USAGE : EXIT.FAILED;
}

function firstLine(message: string): string {
  return message.split(/\r?\n/, 1)[0];
}

export const MAIN_HELP = `Usage: ${PROGRAM} COMMAND [options]

Audits AWS CloudTrail organization trails and member accounts for the faults that make audit logs
silently go missing.

Commands:
  audit      audit the live organization, or a saved snapshot (--snapshot FILE), and print findings
  checks     list every check: ID, severity, title
  findings   query and manage the findings stored by the deployed auditor
  runs       list the deployed auditor's audit runs

Run "${PROGRAM} COMMAND --help" for a command's options.

Options:
  -h, --help     show this help
  -v, --version  print the version

Exit codes: 0 success, 1 unexpected failure, 2 bad usage or input, 3 findings at --fail-on.
`;
