import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../lambda/checks/catalog';
import { EXIT } from '../../lambda/cli/io';
import { collectLive } from '../../lambda/cli/live-audit';
import { main } from '../../lambda/cli/main';
import { SEVERITIES } from '../../lambda/findings/finding';
import { healthyOrg } from '../support/snapshots';
import { recordingIo } from './recording-io';

jest.mock('../../lambda/cli/live-audit', () => ({ collectLive: jest.fn() }));
const collectLiveMock = collectLive as jest.MockedFunction<typeof collectLive>;

const ROOT = join(__dirname, '..', '..');
const DEMO = join(ROOT, 'examples', 'demo-org.json');
const HEALTHY = join(ROOT, 'test', 'fixtures', 'healthy-org.json');

async function run(args: string[], io = recordingIo()) {
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** A usage error: exit 2, one line on stderr naming the problem, nothing on stdout. */
async function expectUsageError(args: string[], message: string | RegExp) {
  const { code, out, err } = await run(args);
  expect(code).toBe(EXIT.USAGE);
  expect(out).toBe('');
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).toMatch(/^org-trail-auditor: /);
  expect(err).toMatch(message);
}

describe('audit --snapshot', () => {
  it('--format json prints exactly one JSON object: the findings and their summary', async () => {
    const { code, out, err } = await run(['audit', '--snapshot', DEMO, '--format', 'json']);
    expect(code).toBe(EXIT.OK);
    expect(err).toBe('');
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'findings', 'summary']);
    expect(report.summary.findings).toBe(report.findings.length);
    expect(report.summary.accounts).toBe(7);
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(['findingId', 'checkId', 'severity', 'accountId', 'accountName', 'region', 'resource', 'title', 'detail', 'remediation']);
    }
  });

  it('prints a table by default, without colours when stdout is not a terminal', async () => {
    const { code, out } = await run(['audit', '--snapshot', HEALTHY]);
    expect(code).toBe(EXIT.OK);
    expect(out).toContain('No findings.');
    expect(out.trimEnd().split('\n').pop()).toBe('0 findings: 0 CRITICAL, 0 HIGH, 0 MEDIUM, 0 LOW, 0 INFORMATIONAL');
    expect(out).not.toContain('\x1b[');
  });

  it('colours the table on a terminal unless NO_COLOR is set', async () => {
    const tty = await run(['audit', '--snapshot', HEALTHY], recordingIo({ stdoutIsTTY: true }));
    expect(tty.out).toContain('\x1b[');
    const noColour = await run(['audit', '--snapshot', HEALTHY], recordingIo({ stdoutIsTTY: true, env: { NO_COLOR: '1' } }));
    expect(noColour.out).not.toContain('\x1b[');
  });

  it('--min-severity filters the printed findings (any case) and the summary says how many it hid', async () => {
    const all = JSON.parse((await run(['audit', '--snapshot', DEMO, '--format', 'json'])).out);
    const high = JSON.parse((await run(['audit', '--snapshot', DEMO, '--format', 'json', '--min-severity', 'high'])).out);
    const kept = all.findings.filter((f: { severity: string }) => f.severity === 'CRITICAL' || f.severity === 'HIGH');
    expect(high.findings).toEqual(kept);
    expect(high.summary.belowMinSeverity).toBe(all.findings.length - kept.length);
  });

  it('--fail-on exits 3 when a finding at or above the level exists, and still prints the report', async () => {
    const demo = await run(['audit', '--snapshot', DEMO, '--format', 'csv', '--fail-on', 'HIGH']);
    expect(demo.code).toBe(EXIT.FINDINGS_AT_FAIL_ON);
    expect(demo.out.startsWith('checkId,severity,')).toBe(true);
    const healthy = await run(['audit', '--snapshot', HEALTHY, '--fail-on', 'INFORMATIONAL']);
    expect(healthy.code).toBe(EXIT.OK);
  });

  it('--fail-on looks at every finding, also those --min-severity hides', async () => {
    const { code, out } = await run(['audit', '--snapshot', DEMO, '--format', 'json', '--min-severity', 'CRITICAL', '--fail-on', 'LOW']);
    expect(code).toBe(EXIT.FINDINGS_AT_FAIL_ON);
    expect(JSON.parse(out).findings.every((f: { severity: string }) => f.severity === 'CRITICAL')).toBe(true);
  });

  it('applies threshold flags to the evaluation', async () => {
    // The healthy organization's latest delivery is 5 minutes old: fine by default (120), stale at 1.
    const checkIds = async (args: string[]) =>
      JSON.parse((await run(['audit', '--snapshot', HEALTHY, '--format', 'json', ...args])).out).findings.map((f: { checkId: string }) => f.checkId);
    expect(await checkIds([])).toEqual([]);
    expect(await checkIds(['--delivery-stale-minutes', '1'])).toContain('DLV-006');
  });

  it('reports a bad snapshot in one line naming the file and the path, exit 2', async () => {
    await expectUsageError(['audit', '--snapshot', join(ROOT, 'no-such-file.json')], /no-such-file\.json: no such file$/m);
    await expectUsageError(['audit', '--snapshot', join(ROOT, 'package.json')], /package\.json: not a snapshot: the key "snapshotVersion" is missing/);
  });
});

describe('audit usage errors', () => {
  it.each([
    [['audit', '--snapshot', DEMO, '--colour'], /audit: unknown option --colour/],
    [['audit', '--snapshot'], /audit: option --snapshot needs a value/],
    [['audit', '--snapshot', DEMO, 'extra'], /audit: unexpected argument "extra"/],
    [['audit', '--snapshot', DEMO, '--format', 'xml'], /--format "xml" is not a format; expected one of table, json, csv, markdown/],
    [['audit', '--snapshot', DEMO, '--min-severity', 'urgent'], /--min-severity "urgent" is not a severity; expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL/],
    [['audit', '--snapshot', DEMO, '--fail-on', 'bad'], /--fail-on "bad" is not a severity/],
    [['audit', '--snapshot', DEMO, '--delivery-stale-minutes', 'soon'], /--delivery-stale-minutes "soon" is not allowed; expected a whole number from 1 to 10080/],
    [['audit', '--snapshot', DEMO, '--evidence-max-age-minutes', '10'], /--evidence-max-age-minutes "10" is not allowed; expected a whole number from 60 to 10080/],
    [['audit', '--snapshot', DEMO, '--profile', 'prod'], /--profile only applies to a live audit, not with --snapshot/],
    [['audit', '--concurrency', '0'], /--concurrency "0" is not allowed; expected a whole number from 1 to 512/],
    [['audit', '--concurrency', '513'], /--concurrency "513" is not allowed/],
    [['audit', '--log-archive-account', '1234'], /--log-archive-account "1234" is not an AWS account ID \(12 digits\)/],
    [['audit', '--region', 'Europe'], /--region "Europe" is not an AWS region name/],
    [['audit', '--member-role-name', 'bad role'], /--member-role-name "bad role" is not an IAM role name/],
    [['audit', '--save-snapshot', '/no/such/dir/s.json'], /--save-snapshot \/no\/such\/dir\/s.json: the directory \/no\/such\/dir does not exist/],
  ])('%j', async (args, message) => {
    await expectUsageError(args, message);
    expect(collectLiveMock).not.toHaveBeenCalled();
  });
});

describe('audit, live', () => {
  beforeEach(() => collectLiveMock.mockReset());

  it('collects with the live flags (and their defaults), saves the snapshot, then evaluates it', async () => {
    collectLiveMock.mockResolvedValue(healthyOrg());
    const path = join(mkdtempSync(join(tmpdir(), 'audit-live-')), 'snapshot.json');
    const { code, out, err } = await run(['audit', '--profile', 'mgmt', '--log-archive-account', '222222222222', '--save-snapshot', path, '--format', 'json']);
    expect(code).toBe(EXIT.OK);
    expect(collectLiveMock).toHaveBeenCalledWith(
      { profile: 'mgmt', region: undefined, memberRoleName: 'OrgTrailAuditorMemberRole', logArchiveAccountId: '222222222222', concurrency: 64 },
      expect.anything(),
    );
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(healthyOrg());
    expect(JSON.parse(out).findings).toEqual([]);
    expect(err).toBe(`Snapshot saved to ${path}\n`);
  });

  it('passes --region, --member-role-name and --concurrency through', async () => {
    collectLiveMock.mockResolvedValue(healthyOrg());
    await run(['audit', '--region', 'eu-west-1', '--member-role-name', 'AuditRole', '--concurrency', '8']);
    expect(collectLiveMock.mock.calls[0][0]).toMatchObject({ region: 'eu-west-1', memberRoleName: 'AuditRole', concurrency: 8 });
  });

  it('an unexpected collection failure is one line on stderr, exit 1', async () => {
    collectLiveMock.mockRejectedValue(new Error('Could not load credentials from any providers\n    at somewhere'));
    const { code, out, err } = await run(['audit']);
    expect(code).toBe(EXIT.FAILED);
    expect(out).toBe('');
    expect(err).toBe('org-trail-auditor: Could not load credentials from any providers\n');
  });
});

describe('checks', () => {
  it('--format json lists the whole catalog in order', async () => {
    const { code, out } = await run(['checks', '--format', 'json']);
    expect(code).toBe(EXIT.OK);
    const listed = JSON.parse(out).checks;
    expect(listed.map((c: { id: string }) => c.id)).toEqual(CHECKS.map((c) => c.id));
    for (const check of listed) {
      expect(SEVERITIES).toContain(check.severity);
      expect(Object.keys(check)).toEqual(['id', 'family', 'severity', 'title', 'description', 'remediation']);
    }
  });

  it('prints a table of ID, severity and title by default', async () => {
    const { out } = await run(['checks']);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ID +SEVERITY +TITLE$/);
    for (const check of CHECKS) expect(lines.some((line) => line.startsWith(check.id) && line.endsWith(check.title))).toBe(true);
  });

  it('rejects another format', async () => {
    await expectUsageError(['checks', '--format', 'csv'], /checks: --format "csv" is not a format; expected one of table, json/);
  });
});

describe('the program', () => {
  it('prints help for the program and each command on stdout, exit 0', async () => {
    for (const args of [['--help'], ['help'], ['audit', '--help'], ['help', 'audit'], ['checks', '-h']]) {
      const { code, out, err } = await run(args);
      expect(code).toBe(EXIT.OK);
      expect(out).toMatch(/^Usage: org-trail-auditor/);
      expect(err).toBe('');
    }
    expect((await run(['audit', '--help'])).out).toContain('--new-account-grace-hours N');
  });

  it('prints its version', async () => {
    const { code, out } = await run(['--version']);
    expect(code).toBe(EXIT.OK);
    expect(out).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('rejects no command, an unknown command and an unknown option', async () => {
    await expectUsageError([], /no command given/);
    await expectUsageError(['audits'], /unknown command "audits"; the commands are audit, checks, findings, runs/);
    await expectUsageError(['--verbose'], /unknown option --verbose/);
  });
});
