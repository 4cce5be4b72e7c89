/**
 * `org-trail-auditor findings …` and `org-trail-auditor runs …`: what auditors read and change in
 * the deployed auditor's findings and runs tables. The parser (program.ts) hands each command its
 * validated options; this module, and the SDK it needs, is loaded only when one of them runs.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { standaloneClientConfig } from '../aws/client-settings';
import { createAuditStore, type AuditStore } from '../findings/audit-store';
import { DEFAULT_STACK_NAME, resolveAuditTableNames, TableLocationError } from '../findings/deployed-tables';
import { compareFindings, type Severity } from '../findings/finding';
import { FINDING_STATUSES, type FindingRecord, type FindingStatus } from '../findings/finding-record';
import { suppressFinding, suppressionEnd, SuppressionError, unsuppressFinding } from '../findings/suppression';
import { formatFindingDetail, formatFindings, formatRuns, type OutputFormat } from '../report/stored-findings-listing';
import { describeAwsError, isCallerSetupError } from './aws-errors';
import { EXIT, PROGRAM, UsageError, type CliIo } from './io';
import type { StoreLocation } from './store-location';

/** Environment variable that points the commands at another DynamoDB endpoint (e.g. DynamoDB Local). */
export const DYNAMODB_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_DYNAMODB';

export interface ListFindingsOptions extends StoreLocation {
  statuses: FindingStatus[];
  severities: Severity[];
  account?: string;
  check?: string;
  format: OutputFormat;
}

export async function listFindingsCommand(options: ListFindingsOptions, io: CliIo): Promise<number> {
  return withErrors(io, async () => {
    const { statuses, severities, account, check } = options;
    const store = await openStore(options, io);
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
    io.stdout(formatFindings(matching, options.format));
    return EXIT.OK;
  });
}

export async function showFindingCommand(id: string, options: StoreLocation & { format: 'table' | 'json' }, io: CliIo): Promise<number> {
  return withErrors(io, async () => {
    const store = await openStore(options, io);
    const record = await existingFinding(store, id);
    io.stdout(options.format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : formatFindingDetail(record));
    return EXIT.OK;
  });
}

export async function suppressFindingCommand(id: string, options: StoreLocation & { reason: string; until: string; by?: string }, io: CliIo): Promise<number> {
  return withErrors(io, async () => {
    const now = new Date();
    try {
      suppressionEnd(options.until, now);
    } catch (error) {
      if (error instanceof SuppressionError) throw new UsageError(error.message);
      throw error;
    }
    const store = await openStore(options, io);
    await existingFinding(store, id);
    const record = await suppressFinding(store.findings, id, { reason: options.reason, until: options.until, by: options.by ?? whoAmI(io), now });
    io.stdout(`Suppressed ${id} until ${record.suppression?.until}.\n`);
    return EXIT.OK;
  });
}

export async function unsuppressFindingCommand(id: string, options: StoreLocation & { by?: string }, io: CliIo): Promise<number> {
  return withErrors(io, async () => {
    const store = await openStore(options, io);
    await existingFinding(store, id);
    await unsuppressFinding(store.findings, id, { by: options.by ?? whoAmI(io), now: new Date() });
    io.stdout(`${id} is OPEN again; the next audit run reports on it as usual.\n`);
    return EXIT.OK;
  });
}

export async function listRunsCommand(options: StoreLocation & { limit: number; format: OutputFormat }, io: CliIo): Promise<number> {
  return withErrors(io, async () => {
    const store = await openStore(options, io);
    io.stdout(formatRuns(await store.runs.listRecent(options.limit), options.format));
    return EXIT.OK;
  });
}

/** The finding, or a usage error: an ID that names no finding is the caller's mistake (exit 2). */
async function existingFinding(store: AuditStore, id: string): Promise<FindingRecord> {
  const record = await store.findings.get(id);
  if (!record) throw new UsageError(`no finding ${id} in table ${store.findings.tableName} (see: ${PROGRAM} findings list --status ALL)`);
  return record;
}

function whoAmI(io: CliIo): string {
  return io.env.USER ?? io.env.USERNAME ?? 'unknown';
}

/**
 * The tables, found by name or through the stack's outputs. The clients use --profile's credentials
 * and, without --region, the region the SDK resolves: AWS_REGION, then the profile's `region`.
 */
async function openStore(location: StoreLocation, io: CliIo): Promise<AuditStore> {
  if (Boolean(location.table) !== Boolean(location.runsTable) && location.stack === undefined) {
    // One name given: the other still comes from the stack; say which stack is asked.
    io.stderr(`note: reading the other table's name from stack ${DEFAULT_STACK_NAME}\n`);
  }
  const credentials =
    io.env.AWS_ACCESS_KEY_ID && io.env.AWS_SECRET_ACCESS_KEY && !location.profile
      ? { accessKeyId: io.env.AWS_ACCESS_KEY_ID, secretAccessKey: io.env.AWS_SECRET_ACCESS_KEY, ...(io.env.AWS_SESSION_TOKEN ? { sessionToken: io.env.AWS_SESSION_TOKEN } : {}) }
      : undefined;
  const region = location.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  const common = {
    // The shared timeouts, retries and deadline handling; the region as the SDK resolves it.
    ...standaloneClientConfig(region),
    ...(location.profile ? { profile: location.profile } : {}),
    ...(credentials ? { credentials } : {}),
  };
  const names = await resolveAuditTableNames(
    { findingsTable: location.table, runsTable: location.runsTable, stackName: location.stack ?? DEFAULT_STACK_NAME },
    new CloudFormationClient(common),
  );
  const endpoint = io.env[DYNAMODB_ENDPOINT_ENV];
  return createAuditStore(new DynamoDBClient({ ...common, ...(endpoint ? { endpoint } : {}) }), names);
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
    io.stderr(`${PROGRAM}: ${error instanceof TableLocationError || error instanceof SuppressionError ? error.message : describeAwsError(error)}\n`);
    return isCallerSetupError(error) ? EXIT.USAGE : EXIT.FAILED;
  }
}
