/**
 * The one argument parser of the CLI (commander): every command, its flags and its generated help.
 * Actions validate their flags into options and call the command; the modules that need the AWS
 * SDK (live audit, findings, runs) are imported only when such a command runs, so `--version` and
 * `audit --snapshot` load none of it.
 */
import { Command, Option } from 'commander';
import { SETTING_SPECS, DEFAULT_SETTINGS, type EvaluationSettings } from '../checks/settings';
import { SEVERITIES } from '../findings/finding';
import { FINDING_STATUSES } from '../findings/finding-record';
import { REPORT_FORMATS } from '../report/report-format';
import { OUTPUT_FORMATS } from '../report/stored-findings-listing';
import { auditOptionsFromFlags, CONCURRENCY_RANGE, DEFAULT_CONCURRENCY, DEFAULT_MEMBER_ROLE_NAME } from './audit-options';
import { CHECKS_FORMATS } from './checks-formats';
import { accountFlag, checkFlag, findingId, formatFlag, limitFlag, listFormat, reasonFlag, RUNS_LIMIT, severityList, statusList, untilFlag } from './findings-options';
import { PROGRAM, UsageError, type CliIo } from './io';
import { withOutputFile } from './output-file';
import type { StoreLocation } from './store-location';
import { VERSION } from './version';

/** Help is wrapped at this width whatever the terminal, so that docs/cli.md can quote it. */
export const HELP_WIDTH = 100;
/** The stack the `findings` and `runs` commands read the table names from (deployed-tables.ts's DEFAULT_STACK_NAME). */
const DEFAULT_STACK = 'OrgTrailAuditor';

const EXIT_CODES_HELP = `
Exit codes: 0 done (for audit: whatever was found), 1 unexpected failure, 2 bad usage or input
(also: no AWS credentials), 3 a finding at or above --fail-on.`;

/** A parse error of one command (unknown option, missing value …), with the command's path. */
export class CommandLineError extends Error {
  constructor(
    readonly commandPath: string,
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CommandLineError';
  }
}

type Flags = Record<string, string | boolean | undefined>;

/** The program, writing to `io`; the chosen command's exit code is passed to `setExitCode`. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command(PROGRAM)
    .description('Audits AWS CloudTrail organization trails and member accounts for the faults that make audit logs silently go missing.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [command]', 'show the help of a command')
    .configureHelp({ helpWidth: HELP_WIDTH })
    .addHelpText('after', `${EXIT_CODES_HELP}\nDocumentation: docs/cli.md.`);

  addAuditCommand(program, io, setExitCode);

  program
    .command('checks')
    .description('list every check the auditor runs: its stable ID, default severity and title')
    .option('-f, --format <format>', `${CHECKS_FORMATS.join(' or ')} (json adds each check's description and remediation)`, 'table')
    .option('-o, --output <file>', 'write the list to FILE instead of standard output')
    .action(async (flags: Flags) => {
      const format = formatFlag(flags.format as string, CHECKS_FORMATS, 'table');
      const { runChecksCommand } = await import('./checks-command');
      setExitCode(await withOutputFile(outputFlag(flags), io, (out) => runChecksCommand(format, out)));
    });

  addFindingsCommands(program, io, setExitCode);
  addRunsCommands(program, io, setExitCode);

  // No command, or a word that is none: one line, exit 2 (never the help on stdout).
  program.allowExcessArguments(true).action(() => {
    const [word] = program.args;
    if (word === undefined) throw new UsageError(`no command given; run "${PROGRAM} --help" to see the commands`);
    throw new UsageError(`unknown command ${JSON.stringify(word)}; the commands are ${commandNames(program).join(', ')}`);
  });

  for (const command of allCommands(program)) {
    command.exitOverride((error) => {
      throw new CommandLineError(commandPath(command), error.message.replace(/^error: /, ''), error.exitCode);
    });
    command.configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Parse errors are printed by main.ts, as one line with the command's name.
      outputError: () => undefined,
    });
    command.showSuggestionAfterError(true);
  }
  return program;
}

function addAuditCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const audit = program
    .command('audit')
    .summary('audit the live organization, or a saved snapshot (--snapshot FILE), and print the findings')
    .description(
      'Audit the live organization (with the current AWS credentials, from the management account) or a ' +
        'saved snapshot (--snapshot FILE, offline), and print the findings.',
    )
    .optionsGroup('Source:')
    .option('-s, --snapshot <file>', 'evaluate this snapshot file instead of the live organization (- reads standard input)')
    .optionsGroup('Live audit (without --snapshot):')
    .option('-p, --profile <name>', 'AWS profile to use (default: AWS_PROFILE, or the standard credential chain)')
    .option('-r, --region <region>', "region of the API calls that need one (default: AWS_REGION, then the profile's region, then us-east-1)")
    .option('--member-role-name <name>', `role assumed in each member account (default ${DEFAULT_MEMBER_ROLE_NAME})`)
    .option('--log-archive-account <id>', 'account whose credentials read the log bucket (12 digits)')
    .option('--concurrency <n>', `accounts collected at once (default ${DEFAULT_CONCURRENCY}, ${CONCURRENCY_RANGE.min}..${CONCURRENCY_RANGE.max})`)
    .option('--save-snapshot <file>', 'also write the collected snapshot to FILE (JSON)')
    .optionsGroup('Output:')
    .option('-f, --format <format>', `${REPORT_FORMATS.join(', ')} (default table; any case)`)
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .option('--min-severity <level>', 'print only findings at or above LEVEL')
    .option('--fail-on <level>', 'exit 3 when a finding at or above LEVEL exists')
    .option('-q, --quiet', 'nothing on standard error but an error (no progress, no cost report)')
    .option('--no-color', 'no colours in the table (also: NO_COLOR=1; FORCE_COLOR=1 forces them)')
    .optionsGroup('Thresholds:');
  for (const key of Object.keys(SETTING_SPECS) as (keyof EvaluationSettings)[]) {
    const spec = SETTING_SPECS[key];
    audit.addOption(new Option(`--${spec.flag} <n>`, `${spec.description} (default ${DEFAULT_SETTINGS[key]}, ${spec.min}..${spec.max})`));
  }
  audit
    .optionsGroup('')
    .addHelpText('after', `\nLEVEL: ${SEVERITIES.join(', ')} (any case).${EXIT_CODES_HELP}`)
    .action(async (_: Flags, command: Command) => {
      const options = auditOptionsFromFlags(longNamedFlags(command));
      // The checks and the report load when an audit runs, not for --help or --version.
      setExitCode(await (await import('./audit-command')).runAuditCommand(options, io));
    });
}

function addFindingsCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const findings = program.command('findings').description("query and manage the findings stored by the deployed auditor (its DynamoDB tables)");
  const commands = () => import('./findings-commands');

  withStoreLocation(
    findings
      .command('list')
      .description('the findings, most severe first')
      .option('--status <list>', `${FINDING_STATUSES.join(', ')} or ALL, comma-separated (default OPEN)`)
      .option('--severity <list>', `${SEVERITIES.join(', ')}, comma-separated`)
      .option('--account <id>', 'one account (12 digits)')
      .option('--check <id>', 'one check, e.g. DLV-002')
      .option('-f, --format <format>', `${OUTPUT_FORMATS.join(', ')} (default table)`)
      .option('-o, --output <file>', 'write the list to FILE instead of standard output'),
  ).action(async (flags: Flags) => {
    const options = {
      ...storeLocation(flags),
      statuses: statusList(flags.status as string | undefined),
      severities: severityList(flags.severity as string | undefined),
      account: accountFlag(flags.account as string | undefined),
      check: checkFlag(flags.check as string | undefined),
      format: listFormat(flags.format as string | undefined),
    };
    const { listFindingsCommand } = await commands();
    setExitCode(await withOutputFile(outputFlag(flags), io, (out) => listFindingsCommand(options, out)));
  });

  withStoreLocation(
    findings
      .command('show')
      .description('one finding and its history')
      .argument('<id>', 'the finding ID: CHECK#ACCOUNT#REGION#RESOURCE (region - when global); quote it')
      .option('-f, --format <format>', 'table or json (default table)')
      .option('-o, --output <file>', 'write the finding to FILE instead of standard output'),
  ).action(async (id: string, flags: Flags) => {
    const format = formatFlag(flags.format as string | undefined, ['table', 'json'] as const, 'table');
    const { showFindingCommand } = await commands();
    setExitCode(await withOutputFile(outputFlag(flags), io, (out) => showFindingCommand(findingId(id), { ...storeLocation(flags), format }, out)));
  });

  withStoreLocation(
    findings
      .command('suppress')
      .description('accept a finding until a date: it raises no alert until then, then reopens')
      .argument('<id>', 'the finding ID (CHECK#ACCOUNT#REGION#RESOURCE)')
      .option('--reason <text>', 'why the risk is accepted (required)')
      .option('--until <date>', 'YYYY-MM-DD (through that day, UTC) or an ISO time (required)')
      .option('--by <name>', 'who accepts it (default: $USER)'),
  ).action(async (id: string, flags: Flags) => {
    const options = { ...storeLocation(flags), reason: reasonFlag(flags.reason as string | undefined), until: untilFlag(flags.until as string | undefined), by: flags.by as string | undefined };
    setExitCode(await (await commands()).suppressFindingCommand(findingId(id), options, io));
  });

  withStoreLocation(
    findings
      .command('unsuppress')
      .description('take an acceptance back: the finding is OPEN again')
      .argument('<id>', 'the finding ID (CHECK#ACCOUNT#REGION#RESOURCE)')
      .option('--by <name>', 'who takes it back (default: $USER)'),
  ).action(async (id: string, flags: Flags) => {
    setExitCode(await (await commands()).unsuppressFindingCommand(findingId(id), { ...storeLocation(flags), by: flags.by as string | undefined }, io));
  });

  groupAction(findings);
}

function addRunsCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const runs = program.command('runs').description("list the deployed auditor's audit runs");
  withStoreLocation(
    runs
      .command('list')
      .description('the latest audit runs, newest first: trigger, start, outcome, accounts audited, findings opened and resolved')
      .option('--limit <n>', `how many (default ${RUNS_LIMIT.default}, ${RUNS_LIMIT.min}..${RUNS_LIMIT.max})`)
      .option('-f, --format <format>', `${OUTPUT_FORMATS.join(', ')} (default table)`)
      .option('-o, --output <file>', 'write the list to FILE instead of standard output'),
  ).action(async (flags: Flags) => {
    const options = { ...storeLocation(flags), limit: limitFlag(flags.limit as string | undefined), format: listFormat(flags.format as string | undefined) };
    const { listRunsCommand } = await import('./findings-commands');
    setExitCode(await withOutputFile(outputFlag(flags), io, (out) => listRunsCommand(options, out)));
  });
  groupAction(runs);
}

/** The flags that say where the tables are, and with which credentials: on every findings/runs command. */
function withStoreLocation(command: Command): Command {
  return command
    .optionsGroup('Where the tables are:')
    .option('--table <name>', 'the findings table by name (with --runs-table: CloudFormation is not asked)')
    .option('--runs-table <name>', 'the runs table by name')
    .option('--stack <name>', `the deployed stack whose outputs name the tables (default ${DEFAULT_STACK})`)
    .option('-p, --profile <name>', 'AWS profile to use (default: AWS_PROFILE, or the standard credential chain)')
    .option('-r, --region <region>', "the stack's region (default: AWS_REGION, then the profile's region)")
    .optionsGroup('')
    .addHelpText('after', '\nAWS_ENDPOINT_URL_DYNAMODB=URL points the commands at another DynamoDB endpoint (DynamoDB Local).');
}

function outputFlag(flags: Flags): string | undefined {
  return typeof flags.output === 'string' ? flags.output : undefined;
}

function storeLocation(flags: Flags): StoreLocation {
  const text = (name: string) => {
    const value = flags[name];
    if (value === '') throw new UsageError(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs a value`);
    return typeof value === 'string' ? value : undefined;
  };
  return { table: text('table'), runsTable: text('runsTable'), stack: text('stack'), region: text('region'), profile: text('profile') };
}

/** A command group (findings, runs) given no subcommand, or an unknown one: one line, exit 2. */
function groupAction(group: Command): void {
  group.allowExcessArguments(true).action(() => {
    const [word] = group.args;
    const names = commandNames(group);
    if (word === undefined) throw new UsageError(`${group.name()}: expected a command: ${names.join(', ')} (see "${PROGRAM} ${group.name()} --help")`);
    throw new UsageError(`unknown ${group.name()} command ${JSON.stringify(word)}; expected ${names.join(', ')} (see "${PROGRAM} ${group.name()} --help")`);
  });
}

/** `help WORD` for a word that is no command: one line, exit 2 (commander would print the whole help). */
export function checkHelpTopic(program: Command, args: readonly string[]): void {
  const [first, topic] = args;
  if (first !== 'help' || topic === undefined || topic.startsWith('-')) return;
  const names = commandNames(program);
  if (!names.includes(topic)) throw new UsageError(`help: unknown command ${JSON.stringify(topic)}; the commands are ${names.join(', ')}`);
}

/** The command's flags by their long names (`min-severity`), as audit-options.ts reads them. */
function longNamedFlags(command: Command): Flags {
  const values = command.opts<Flags>();
  const flags: Flags = {};
  for (const option of command.options) {
    const long = option.long?.replace(/^--(no-)?/, '');
    if (long) flags[long] = values[option.attributeName()];
  }
  return flags;
}

function commandNames(command: Command): string[] {
  return command.commands.map((c) => c.name()).filter((name) => name !== 'help');
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
