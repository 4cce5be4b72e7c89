import { collectLive } from '../../lambda/cli/live-audit';
import { UsageError, type CliIo } from '../../lambda/cli/io';
import { createAwsClientFactory } from '../../lambda/collect';
import { ProgressDisplay } from '../../lambda/collect/progress-display';
import { healthyOrg } from '../support/snapshots';
import { withMembers } from '../support/simulated-members';
import { SimulatedOrganization } from '../support/simulated-org';

function captureIo(stderrIsTTY: boolean): CliIo & { err: string; out: string } {
  const io = { err: '', out: '', stderrIsTTY, env: {}, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

test('collectLive returns the snapshot, prints progress lines and the cost report on stderr only', async () => {
  const organization = new SimulatedOrganization(withMembers(healthyOrg(), 20, '222222222222'));
  const io = captureIo(false);
  const snapshot = await collectLive(
    { memberRoleName: 'OrgTrailAuditorMemberRole', logArchiveAccountId: '222222222222', concurrency: 8, clients: organization.clientFactory() },
    io,
  );
  expect(Object.keys(snapshot.accountData)).toHaveLength(24);
  expect(io.out).toBe('');
  expect(io.err).toMatch(/^23\/23 member accounts collected, 0 could not be entered, \d+ s$/m);
  expect(io.err).toMatch(/collection: 24 of 24 accounts audited, 0 could not be entered/);
  expect(io.err).toMatch(/^\s+\d+\s+ListObjectsV2$/m);
  expect(io.err).toMatch(/wall time [\d.]+ s; \d+ API calls \([\d.]+ per member account\), 0 retries/);
});

test('without credentials, collectLive fails with one line and a UsageError', async () => {
  const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
  const clients = createAwsClientFactory({
    memberRoleName: 'OrgTrailAuditorMemberRole',
    credentials: async () => {
      throw noCredentials;
    },
  });
  const io = captureIo(false);
  const failure = collectLive({ memberRoleName: 'OrgTrailAuditorMemberRole', concurrency: 4, clients }, io);
  await expect(failure).rejects.toThrow(UsageError);
  await expect(failure).rejects.toThrow(/^no AWS credentials found: Could not load credentials from any providers$/);
});

test('on a terminal the progress bar is redrawn in place and ends its line when done', () => {
  let now = 0;
  let written = '';
  const display = new ProgressDisplay({ isTTY: true, write: (t) => void (written += t) }, () => now);
  display.update({ accountsDone: 1, accountsTotal: 40, accountsFailed: 0, totalKnown: false });
  now = 50;
  display.update({ accountsDone: 2, accountsTotal: 40, accountsFailed: 1, totalKnown: false }); // within 100 ms: not redrawn
  now = 2000;
  display.update({ accountsDone: 40, accountsTotal: 40, accountsFailed: 1, totalKnown: true });
  display.finish();
  const frames = written.split('\r').filter(Boolean);
  expect(frames[0]).toBe('[#.............................] 1/40+ member accounts collected, 0 could not be entered, 0 s\x1b[K');
  expect(frames.at(-1)).toBe('[##############################] 40/40 member accounts collected, 1 could not be entered, 2 s\x1b[K\n');
  expect(frames).toHaveLength(3);
});

test('plain progress lines come at each tenth of the accounts, not for every account', () => {
  let written = '';
  const display = new ProgressDisplay({ isTTY: false, write: (t) => void (written += t) }, () => 0);
  for (let done = 1; done <= 100; done++) display.update({ accountsDone: done, accountsTotal: 100, accountsFailed: 0, totalKnown: true });
  display.finish();
  const lines = written.trim().split('\n');
  expect(lines).toHaveLength(11); // the first report, then 10%, 20% … 100%
  expect(lines.at(-1)).toBe('100/100 member accounts collected, 0 could not be entered, 0 s');
});
