/**
 * `org-trail-auditor findings …` and `org-trail-auditor runs …`: what auditors read and change in
 * the findings and runs tables. `args` are the words after `findings` / `runs`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { standaloneClientConfig } from '../aws/client-settings';
import { createAuditStore, type AuditStore } from '../findings/audit-store';
import { DEFAULT_STACK_NAME, resolveAuditTableNames, TableLocationError } from '../findings/deployed-tables';
import { compareFindings, isSeverity, parseFindingKey, SEVERITIES, type Severity } from '../findings/finding';
import { FINDING_STATUSES, isFindingStatus, type FindingRecord, type FindingStatus } from '../findings/finding-record';
import { formatFindingDetail, formatFindings, formatRuns, OUTPUT_FORMATS, type OutputFormat } from '../report/stored-findings-listing';
import { suppressFinding, suppressionEnd, SuppressionError, unsuppressFinding } from '../findings/suppression';
import { EXIT, PROGRAM, UsageError, type CliIo } from './io';

/** Environment variable that points the commands at another DynamoDB endpoint (e.g. DynamoDB Local). */
export const DYNAMODB_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_DYNAMODB';

const LOCATION_OPTIONS = {
  table: { type: 'string' },
  'runs-table': { type: 'string' },
  stack: { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const FINDINGS_USAGE = `Usage: org-trail-auditor findings COMMAND [options]

Commands:
  list                       Findings, most severe first
      --status S[,S]         OPEN (default), RESOLVED, SUPPRESSED or ALL
      --severity S[,S]       ${SEVERITIES.join(', ')}
      --account ID           One account (12 digits)
      --check ID             One check, e.g. DLV-002
      --format F             table (default), json or csv
  show ID                    One finding and its history (--format json for the item)
  suppress ID --reason TEXT --until DATE [--by NAME]
                             Accept a finding until DATE (YYYY-MM-DD, through that day UTC,
                             or an ISO time); it raises no alert until then, then reopens
  unsuppress ID [--by NAME]  Take an acceptance back: the finding is OPEN again

ID is the finding's identity CHECK#ACCOUNT#REGION#RESOURCE (region - when global), as printed by
list and by alerts; quote it in the shell.

Where the tables are (every command):
  --table NAME --runs-table NAME   The tables by name, or
  --stack NAME                     the deployed stack whose outputs name them (default ${DEFAULT_STACK_NAME})
  --region REGION                  Default: AWS_REGION / AWS_DEFAULT_REGION
  ${DYNAMODB_ENDPOINT_ENV}=URL     Use another DynamoDB endpoint (DynamoDB Local, tests)
`;

const RUNS_USAGE = `Usage: org-trail-auditor runs list [--limit N] [--format table|json|csv]

The latest audit runs, newest first (default 20): trigger, start, outcome, accounts audited and
the findings opened, reopened, still open and resolved. Tables are located as for "findings"
(--table/--runs-table, --stack, --region).
`;

/** `org-trail-auditor findings …`: returns the exit code. */
export async function runFindingsCommand(args: string[], io: CliIo): Promise<number> {
  return withErrors(io, async () => {
    const [command, ...rest] = args;
    switch (command) {
      case 'list':
        return listFindings(rest, io);
      case 'show':
        return showFinding(rest, io);
      case 'suppress':
        return suppress(rest, io);
      case 'unsuppress':
        return unsuppress(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(FINDINGS_USAGE);
        return command === undefined ? EXIT.USAGE : EXIT.OK;
      default:
        throw new UsageError(`unknown findings command "${command}"; expected list, show, suppress or unsuppress (see: org-trail-auditor findings --help)`);
    }
  });
}

/** `org-trail-auditor runs …`: returns the exit code. */
export async function runRunsCommand(args: string[], io: CliIo): Promise<number> {
  return withErrors(io, async () => {
    const [command, ...rest] = args;
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(RUNS_USAGE);
      return command === undefined ? EXIT.USAGE : EXIT.OK;
    }
    if (command !== 'list') throw new UsageError(`unknown runs command "${command}"; expected list (see: org-trail-auditor runs --help)`);
    const { values } = parse(rest, { limit: { type: 'string' }, format: { type: 'string' } }, 0);
    if (values.help) return usage(io, RUNS_USAGE);
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit ${values.limit}: expected a whole number from 1 to 1000`);
    const format = outputFormat(values.format);
    const store = await openStore(values, io);
    io.stdout(formatRuns(await store.runs.listRecent(limit), format));
    return EXIT.OK;
  });
}

async function listFindings(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { status: { type: 'string' }, severity: { type: 'string' }, account: { type: 'string' }, check: { type: 'string' }, format: { type: 'string' } }, 0);
  if (values.help) return usage(io, FINDINGS_USAGE);
  const statuses = statusList(values.status);
  const severities = severityList(values.severity);
  const account = values.account;
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new UsageError(`--account ${JSON.stringify(account)}: expected a 12-digit account ID`);
  const check = values.check?.toUpperCase();
  if (check !== undefined && !/^[A-Z0-9]+-\d{3}$/.test(check)) throw new UsageError(`--check ${JSON.stringify(values.check)}: expected a check ID such as DLV-002`);
  const format = outputFormat(values.format);
  const store = await openStore(values, io);

  // One query on the most selective index; the other filters apply to its answer.
  let records: FindingRecord[];
  if (account) records = await store.findings.listByAccount(account);
  else if (check) records = await store.findings.listByCheck(check);
  else {
    const single = severities.length === 1 ? severities[0] : undefined;
    records = (await Promise.all(statuses.map((status) => store.findings.listByStatus(status, single)))).flat();
  }
  const matching = records
    .filter((r) => statuses.includes(r.status) && severities.includes(r.severity) && (!account || r.accountId === account) && (!check || r.checkId === check))
    .sort((a, b) => compareFindings(a, b) || FINDING_STATUSES.indexOf(a.status) - FINDING_STATUSES.indexOf(b.status));
  io.stdout(formatFindings(matching, format));
  return EXIT.OK;
}

async function showFinding(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' } }, 1);
  if (values.help) return usage(io, FINDINGS_USAGE);
  const id = findingId(positionals[0]);
  const format = outputFormat(values.format);
  if (format === 'csv') throw new UsageError('--format csv is for lists; use table or json');
  const store = await openStore(values, io);
  const record = await store.findings.get(id);
  if (!record) {
    io.stderr(`${PROGRAM}: no finding ${id} in table ${store.findings.tableName} (see: org-trail-auditor findings list --status ALL)\n`);
    return EXIT.FAILED;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : formatFindingDetail(record));
  return EXIT.OK;
}

async function suppress(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { reason: { type: 'string' }, until: { type: 'string' }, by: { type: 'string' } }, 1);
  if (values.help) return usage(io, FINDINGS_USAGE);
  const id = findingId(positionals[0]);
  if (!values.reason?.trim()) throw new UsageError('--reason is required: say why the risk is accepted');
  if (!values.until) throw new UsageError('--until is required: the date the suppression ends (YYYY-MM-DD)');
  const now = new Date();
  try {
    suppressionEnd(values.until, now);
  } catch (error) {
    if (error instanceof SuppressionError) throw new UsageError(error.message);
    throw error;
  }
  const store = await openStore(values, io);
  const record = await suppressFinding(store.findings, id, { reason: values.reason, until: values.until, by: values.by ?? whoAmI(io), now });
  io.stdout(`Suppressed ${id} until ${record.suppression?.until}.\n`);
  return EXIT.OK;
}

async function unsuppress(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { by: { type: 'string' } }, 1);
  if (values.help) return usage(io, FINDINGS_USAGE);
  const id = findingId(positionals[0]);
  const store = await openStore(values, io);
  await unsuppressFinding(store.findings, id, { by: values.by ?? whoAmI(io), now: new Date() });
  io.stdout(`${id} is OPEN again; the next audit run reports on it as usual.\n`);
  return EXIT.OK;
}

type LocationValues = { table?: string; 'runs-table'?: string; stack?: string; region?: string; help?: boolean };

type CommandOptions = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends CommandOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: typeof LOCATION_OPTIONS & T; allowPositionals: true; strict: true }>>;

/** Parses a command's arguments (its own options and the table location ones); usage errors name the problem. */
function parse<const T extends CommandOptions>(args: string[], options: T, positionalCount: number): Parsed<T> {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ args, options: { ...LOCATION_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  if (!(parsed.values as LocationValues).help && parsed.positionals.length !== positionalCount) {
    throw new UsageError(positionalCount === 0 ? `unexpected argument "${parsed.positionals[0]}"` : 'expected one finding ID (CHECK#ACCOUNT#REGION#RESOURCE)');
  }
  return parsed;
}

function usage(io: CliIo, text: string): number {
  io.stdout(text);
  return EXIT.OK;
}

function findingId(raw: string | undefined): string {
  if (!raw) throw new UsageError('expected one finding ID (CHECK#ACCOUNT#REGION#RESOURCE)');
  try {
    parseFindingKey(raw);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return raw;
}

function statusList(raw: string | undefined): FindingStatus[] {
  if (raw === undefined) return ['OPEN'];
  const values = raw.toUpperCase().split(',').map((v) => v.trim());
  if (values.includes('ALL')) return [...FINDING_STATUSES];
  for (const value of values) {
    if (!isFindingStatus(value)) throw new UsageError(`--status ${JSON.stringify(raw)}: expected ${FINDING_STATUSES.join(', ')} or ALL (comma-separated)`);
  }
  return values as FindingStatus[];
}

function severityList(raw: string | undefined): Severity[] {
  if (raw === undefined) return [...SEVERITIES];
  const values = raw.toUpperCase().split(',').map((v) => v.trim());
  for (const value of values) {
    if (!isSeverity(value)) throw new UsageError(`--severity ${JSON.stringify(raw)}: expected ${SEVERITIES.join(', ')} (comma-separated)`);
  }
  return values as Severity[];
}

function outputFormat(raw: string | undefined): OutputFormat {
  const format = raw ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${JSON.stringify(raw)}: expected ${OUTPUT_FORMATS.join(', ')}`);
  return format as OutputFormat;
}

function whoAmI(io: CliIo): string {
  return io.env.USER ?? io.env.USERNAME ?? 'unknown';
}

async function openStore(values: LocationValues, io: CliIo): Promise<AuditStore> {
  const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('no AWS region: pass --region or set AWS_REGION');
  if (Boolean(values.table) !== Boolean(values['runs-table']) && values.stack === undefined) {
    // One name given: the other still comes from the stack; say which stack is asked.
    io.stderr(`note: reading the other table's name from stack ${DEFAULT_STACK_NAME}\n`);
  }
  const credentials =
    io.env.AWS_ACCESS_KEY_ID && io.env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: io.env.AWS_ACCESS_KEY_ID, secretAccessKey: io.env.AWS_SECRET_ACCESS_KEY, ...(io.env.AWS_SESSION_TOKEN ? { sessionToken: io.env.AWS_SESSION_TOKEN } : {}) }
      : undefined;
  const names = await resolveAuditTableNames(
    { findingsTable: values.table, runsTable: values['runs-table'], stackName: values.stack ?? DEFAULT_STACK_NAME },
    new CloudFormationClient({ ...standaloneClientConfig(region), ...(credentials ? { credentials } : {}) }),
  );
  const endpoint = io.env[DYNAMODB_ENDPOINT_ENV];
  return createAuditStore(new DynamoDBClient({ ...standaloneClientConfig(region), ...(endpoint ? { endpoint } : {}), ...(credentials ? { credentials } : {}) }), names);
}

/** Runs a command, turning every error into one line on stderr and an exit code. */
async function withErrors(io: CliIo, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${PROGRAM}: ${error.message}\n`);
      return EXIT.USAGE;
    }
    io.stderr(`${PROGRAM}: ${describeAwsError(error)}\n`);
    // Missing credentials are the caller's setup, like a missing flag: exit 2, as `audit` does.
    return error instanceof Error && error.name === 'CredentialsProviderError' ? EXIT.USAGE : EXIT.FAILED;
  }
}

function describeAwsError(error: unknown): string {
  if (error instanceof TableLocationError || error instanceof SuppressionError) return error.message;
  if (!(error instanceof Error)) return String(error);
  switch (error.name) {
    case 'CredentialsProviderError':
      return `no AWS credentials (${error.message}); configure a profile or set AWS_PROFILE`;
    case 'ResourceNotFoundException':
      return `table not found (${error.message}); check --table/--runs-table, --stack and --region`;
    case 'AccessDeniedException':
    case 'AccessDenied':
      return `access denied: ${error.message}`;
    default:
      return `${error.name}: ${error.message}`;
  }
}
