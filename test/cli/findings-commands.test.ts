import { CloudFormationClient, CloudFormationServiceException, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { EXIT, type CliIo } from '../../lambda/cli/io';
import { main } from '../../lambda/cli/main';
import { createAuditStore, type AuditStore } from '../../lambda/findings/audit-store';
import { findingKey, type Finding } from '../../lambda/findings/finding';
import { reconcileRun } from '../../lambda/findings/reconcile';
import { FINDINGS_TABLE, RUNS_TABLE } from '../../lambda/findings/table-design';
import type { AlertMessage } from '../../lambda/notify/alert-message';
import { createTables, dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';

let server: RunningDynalite;
let store: AuditStore;
let names: Record<string, string>;
const cloudFormation = mockClient(CloudFormationClient);

const A = '222222222222';
const B = '333333333333';

function finding(checkId: string, accountId: string, severity: Finding['severity'], resource: string, title = `${checkId} title`): Finding {
  return { checkId, accountId, region: 'us-east-1', resource, severity, title, detail: `detail of ${checkId}`, remediation: `fix ${checkId}` };
}

const critical = finding('DLV-001', A, 'CRITICAL', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail');
const high = finding('ORG-009', B, 'HIGH', B, 'Member, "not covered", by the trail');
const low = finding('S3-005', A, 'LOW', 'org-logs');
const fixed = finding('CFG-001', A, 'MEDIUM', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail');

beforeAll(async () => {
  server = await startDynalite();
  const client = dynaliteClient(server.endpoint);
  names = await createTables(client, [FINDINGS_TABLE, RUNS_TABLE], 'cli-');
  store = createAuditStore(client, { findingsTable: names.FindingsTable, runsTable: names.RunsTable });
  const publisher = { publish: async (_message: AlertMessage) => undefined };
  const run = (runId: string, startedAt: string, findings: Finding[], healthy: Finding[]) =>
    reconcileRun(
      {
        runId,
        trigger: 'SCHEDULE',
        startedAt,
        finishedAt: startedAt,
        evaluation: {
          findings,
          coverage: new Set([...findings, ...healthy].map((f) => findingKey(f))),
          accountScope: { auditedAccountIds: new Set([A, B]), listComplete: true },
        },
        accounts: { total: 3, audited: 3, failed: 0, notStarted: 0 },
        apiCalls: 10,
        outcome: 'SUCCEEDED',
      },
      { store, publisher, now: () => new Date('2026-01-10T12:00:00Z') },
    );
  await run('run-1', '2026-01-10T01:00:00.000Z', [critical, high, low, fixed], []);
  await run('run-2', '2026-01-10T02:00:00.000Z', [critical, high, low], [fixed]);
});

afterAll(async () => {
  cloudFormation.restore();
  await server.close();
});

beforeEach(() => {
  cloudFormation.reset();
  cloudFormation.on(DescribeStacksCommand, { StackName: 'OrgTrailAuditor' }).resolves({
    Stacks: [
      {
        StackName: 'OrgTrailAuditor',
        CreationTime: new Date(),
        StackStatus: 'CREATE_COMPLETE',
        Outputs: [
          { OutputKey: 'FindingsTableName', OutputValue: names.FindingsTable },
          { OutputKey: 'RunsTableName', OutputValue: names.RunsTable },
        ],
      },
    ],
  });
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(command: 'findings' | 'runs', ...args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrIsTTY: false,
    env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_DYNAMODB: server.endpoint, USER: 'alice' },
  };
  const code = await main([command, ...args], io);
  return { code, stdout, stderr };
}

describe('where the tables are', () => {
  test('read from the outputs of the default stack', async () => {
    const result = await cli('findings', 'list');
    expect(result.code).toBe(EXIT.OK);
    expect(cloudFormation.commandCalls(DescribeStacksCommand).map((call) => call.args[0].input.StackName)).toEqual(['OrgTrailAuditor']);
    expect(result.stdout).toContain(findingKey(critical));
  });

  test('given by name, without asking CloudFormation', async () => {
    const result = await cli('findings', 'list', '--table', names.FindingsTable, '--runs-table', names.RunsTable);
    expect(result.code).toBe(EXIT.OK);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  test('a stack that does not exist is one clear line', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: 'Nope' })
      .rejects(new CloudFormationServiceException({ name: 'ValidationError', $fault: 'client', message: 'Stack with id Nope does not exist', $metadata: {} }));
    const result = await cli('findings', 'list', '--stack', 'Nope');
    expect(result.code).toBe(EXIT.FAILED);
    expect(result.stderr).toBe('org-trail-auditor: stack Nope does not exist in this account and region; pass --stack NAME (and --region), or --table and --runs-table\n');
  });

  test('a stack without the outputs names the missing output', async () => {
    cloudFormation.on(DescribeStacksCommand, { StackName: 'Other' }).resolves({ Stacks: [{ StackName: 'Other', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] }] });
    const result = await cli('findings', 'list', '--stack', 'Other');
    expect(result.code).toBe(EXIT.FAILED);
    expect(result.stderr).toMatch(/^org-trail-auditor: stack Other has no output FindingsTableName or RunsTableName;/);
  });
});

describe('findings list', () => {
  test('open findings by default, most severe first', async () => {
    const { stdout } = await cli('findings', 'list');
    const ids = [critical, high, low].map((f) => findingKey(f));
    const positions = ids.map((id) => stdout.indexOf(id));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(stdout).not.toContain(findingKey(fixed));
    expect(stdout).toContain('3 finding(s): 1 CRITICAL, 1 HIGH, 1 LOW');
  });

  test.each([
    [['--severity', 'HIGH'], [high]],
    [['--severity', 'critical,low'], [critical, low]],
    [['--account', A], [critical, low]],
    [['--check', 'ORG-009'], [high]],
    [['--status', 'RESOLVED'], [fixed]],
    [['--status', 'ALL', '--account', A], [critical, fixed, low]],
  ])('filters %j', async (args, expected) => {
    const { stdout, code } = await cli('findings', 'list', ...args, '--format', 'json');
    expect(code).toBe(EXIT.OK);
    expect((JSON.parse(stdout) as { findingId: string }[]).map((r) => r.findingId)).toEqual(expected.map((f) => findingKey(f)));
  });

  test('csv quotes what needs quoting', async () => {
    const { stdout } = await cli('findings', 'list', '--check', 'ORG-009', '--format', 'csv');
    const [header, row] = stdout.split('\r\n');
    expect(header.split(',').slice(0, 7)).toEqual(['findingId', 'checkId', 'accountId', 'region', 'resource', 'severity', 'status']);
    expect(row).toContain('"Member, ""not covered"", by the trail"');
  });

  test.each([
    [['--status', 'CLOSED'], /--status "CLOSED": expected OPEN, RESOLVED, SUPPRESSED or ALL/],
    [['--severity', 'SEVERE'], /--severity "SEVERE": expected CRITICAL/],
    [['--account', '12'], /--account "12": expected a 12-digit account ID/],
    [['--format', 'xml'], /--format "xml": expected table, json, csv/],
    [['--colour'], /findings list: unknown option '--colour'/],
    [['--format', 'JSONL'], /--format "JSONL": expected table, json, csv/],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const result = await cli('findings', 'list', ...args);
    expect(result.code).toBe(EXIT.USAGE);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('findings show, suppress and unsuppress', () => {
  test('show prints the finding and its history', async () => {
    const { stdout, code } = await cli('findings', 'show', findingKey(fixed));
    expect(code).toBe(EXIT.OK);
    expect(stdout).toContain('Status:        RESOLVED');
    expect(stdout).toMatch(/2026-01-10T01:00:00.000Z {2}OPENED +MEDIUM +run run-1/);
    expect(stdout).toMatch(/2026-01-10T02:00:00.000Z {2}RESOLVED +MEDIUM +run run-2/);
  });

  test('show of an unknown or malformed ID', async () => {
    const unknown = await cli('findings', 'show', 'DLV-001#999999999999#-#nothing');
    expect(unknown.code).toBe(EXIT.USAGE);
    expect(unknown.stderr).toMatch(/^org-trail-auditor: no finding DLV-001#999999999999#-#nothing in table/);
    const malformed = await cli('findings', 'show', 'DLV-001');
    expect(malformed.code).toBe(EXIT.USAGE);
  });

  test('suppress, list suppressed, unsuppress', async () => {
    const id = findingKey(low);
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const suppressed = await cli('findings', 'suppress', id, '--reason', 'access logs go to the SIEM instead', '--until', until);
    expect(suppressed).toMatchObject({ code: EXIT.OK, stderr: '' });
    const record = await store.findings.get(id);
    expect(record).toMatchObject({ status: 'SUPPRESSED', suppression: { reason: 'access logs go to the SIEM instead', by: 'alice' } });
    expect(record?.history.at(-1)).toMatchObject({ event: 'SUPPRESSED', by: 'alice' });

    const listed = await cli('findings', 'list', '--status', 'SUPPRESSED', '--format', 'json');
    expect((JSON.parse(listed.stdout) as { findingId: string }[]).map((r) => r.findingId)).toEqual([id]);

    expect((await cli('findings', 'unsuppress', id)).code).toBe(EXIT.OK);
    expect((await store.findings.get(id))?.status).toBe('OPEN');
    const again = await cli('findings', 'unsuppress', id);
    expect(again.code).toBe(EXIT.FAILED);
    expect(again.stderr).toContain('is OPEN, not SUPPRESSED');
  });

  test.each([
    [['--until', '2099-01-01'], /--reason is required/],
    [['--reason', 'ok'], /--until is required/],
    [['--reason', 'ok', '--until', '2020-01-01'], /--until 2020-01-01 is not in the future/],
    [['--reason', 'ok', '--until', 'next week'], /--until "next week" is not a date/],
  ])('suppress refuses %j', async (args, message) => {
    const result = await cli('findings', 'suppress', findingKey(critical), ...args);
    expect(result.code).toBe(EXIT.USAGE);
    expect(result.stderr).toMatch(message);
  });

  test('an ID that names no finding is a usage error: one line, exit 2, for suppress and unsuppress', async () => {
    const until = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (const args of [['suppress', 'DLV-001#999999999999#-#nothing', '--reason', 'x', '--until', until], ['unsuppress', 'DLV-001#999999999999#-#nothing']]) {
      const result = await cli('findings', ...args);
      expect(result.code).toBe(EXIT.USAGE);
      expect(result.stderr).toMatch(/^org-trail-auditor: no finding DLV-001#999999999999#-#nothing in table \S+ \(see: org-trail-auditor findings list --status ALL\)\n$/);
    }
  });

  test('a resolved finding cannot be suppressed', async () => {
    const result = await cli('findings', 'suppress', findingKey(fixed), '--reason', 'x', '--until', new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
    expect(result.code).toBe(EXIT.FAILED);
    expect(result.stderr).toContain('is RESOLVED');
  });
});

describe('reaching AWS', () => {
  test("--profile: the profile's credentials and, without --region, the profile's region", async () => {
    // Prepare: a shared config file with the profile, and no region in the environment.
    const saved = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
    const config = join(mkdtempSync(join(tmpdir(), 'aws-config-')), 'config');
    writeFileSync(config, '[profile audit]\nregion = eu-west-1\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = secret\n');
    process.env.AWS_CONFIG_FILE = config;
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      let stderr = '';
      const io: CliIo = { stdout: () => undefined, stderr: (text) => void (stderr += text), stderrIsTTY: false, env: { AWS_ENDPOINT_URL_DYNAMODB: server.endpoint } };
      // Act
      const code = await main(['findings', 'list', '--profile', 'audit'], io);
      // Assess
      expect({ code, stderr }).toEqual({ code: EXIT.OK, stderr: '' });
      const client = cloudFormation.call(0).thisValue as CloudFormationClient;
      expect(await client.config.region()).toBe('eu-west-1');
      expect((await client.config.credentials()).accessKeyId).toBe('AKIDPROFILE');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  test('a stack lookup whose endpoint does not resolve is one clear line, exit 1', async () => {
    const lookup = Object.assign(new Error('getaddrinfo ENOTFOUND cloudformation.nowhere-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'cloudformation.nowhere-1.amazonaws.com' });
    cloudFormation.on(DescribeStacksCommand, { StackName: 'OrgTrailAuditor' }).rejects(lookup);
    const result = await cli('findings', 'list');
    expect(result.code).toBe(EXIT.FAILED);
    expect(result.stderr).toBe(
      'org-trail-auditor: cannot reach cloudformation.nowhere-1.amazonaws.com (its DNS name does not resolve): check the network, --region, and any AWS_ENDPOINT_URL* setting\n',
    );
  });
});

describe('runs list', () => {
  test('newest first, in every format', async () => {
    const table = await cli('runs', 'list');
    expect(table.code).toBe(EXIT.OK);
    expect(table.stdout.indexOf('run-2')).toBeLessThan(table.stdout.indexOf('run-1'));
    const json = JSON.parse((await cli('runs', 'list', '--format', 'json')).stdout) as { runId: string; findings: { resolved: number } }[];
    expect(json.map((r) => [r.runId, r.findings.resolved])).toEqual([['run-2', 1], ['run-1', 0]]);
    const csv = (await cli('runs', 'list', '--limit', '1', '--format', 'csv')).stdout.trim().split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[1].startsWith('run-2,SCHEDULE,')).toBe(true);
  });

  test('-o writes the list to a file, and nothing when the command fails', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'runs-output-'));
    const written = await cli('runs', 'list', '-f', 'json', '-o', join(directory, 'runs.json'));
    expect(written).toMatchObject({ code: EXIT.OK, stdout: '' });
    expect((JSON.parse(readFileSync(join(directory, 'runs.json'), 'utf8')) as { runId: string }[]).map((r) => r.runId)).toEqual(['run-2', 'run-1']);
    const failed = await cli('findings', 'show', 'DLV-001#999999999999#-#nothing', '-o', join(directory, 'finding.txt'));
    expect(failed.code).toBe(EXIT.USAGE);
    expect(existsSync(join(directory, 'finding.txt'))).toBe(false);
  });

  test('a bad limit is a usage error', async () => {
    expect((await cli('runs', 'list', '--limit', '0')).code).toBe(EXIT.USAGE);
  });
});
