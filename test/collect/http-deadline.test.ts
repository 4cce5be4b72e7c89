/**
 * Deadlines against a stalling AWS over HTTP, with the production timeouts (a stalled call alone
 * would take 3 × 8 s): one member that never answers costs the run at most its time budget and is
 * reported (AUD-001/AUD-002) instead of holding the run; the run's deadline stops every call in
 * flight, records them as DeadlineExceeded, and starts no new account.
 */
import { evaluate } from '../../lambda/checks/evaluate';
import { DeadlineExceededError } from '../../lambda/aws/call-deadline';
import { collectOrganization } from '../../lambda/collect';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';
import { withMembers } from '../support/simulated-members';
import { healthyOrg } from '../support/snapshots';

const MEMBER_SLOW = '333333333333';
const MEMBER_STUCK = '444444444444';
const NOW = () => new Date('2026-11-22T10:00:00.000Z');

let server: SimulatedAwsServer;
afterEach(async () => {
  await server.close();
});

test('a member that stops answering costs at most its time budget and is reported, not waited for', async () => {
  server = await SimulatedAwsServer.start(healthyOrg());
  server.addFault({ accountId: MEMBER_SLOW, operation: 'DescribeTrails', fault: { kind: 'stall' } });
  server.addFault({ operation: 'AssumeRole', matches: (call) => String(call.input.RoleArn).includes(MEMBER_STUCK), fault: { kind: 'stall' } });
  const started = Date.now();

  const { snapshot, stats } = await collectOrganization({
    clients: server.clientFactory(),
    logArchiveAccountId: '222222222222',
    accountTimeBudgetMs: 1_500,
    now: NOW,
  });

  expect(Date.now() - started).toBeLessThan(8_000);
  // The slow member was entered: its home region is unreadable (AUD-002).
  expect(snapshot.accountData[MEMBER_SLOW]?.regionData?.['us-east-1']).toEqual({
    error: { code: 'DeadlineExceeded', message: `account ${MEMBER_SLOW} used up its time budget of 2 s` },
  });
  // The stuck member could not be entered (AUD-001).
  expect(snapshot.accountData[MEMBER_STUCK]?.error?.code).toBe('DeadlineExceeded');
  const findings = evaluate(snapshot).findings.map((f) => `${f.checkId} ${f.accountId}`);
  expect(findings).toEqual(expect.arrayContaining([`AUD-002 ${MEMBER_SLOW}`, `AUD-001 ${MEMBER_STUCK}`]));
  // The other members were collected as usual.
  expect(snapshot.accountData['222222222222']?.regionData?.['us-east-1']?.trails).toHaveLength(1);
  expect(stats.accountsFailed).toBe(1);
  expect(stats.complete).toBe(true);
});

test("the run's deadline aborts the calls in flight, records them, and starts no new account", async () => {
  server = await SimulatedAwsServer.start(withMembers(healthyOrg(), 20, '222222222222'));
  // Every member stalls in DescribeRegions, the first call inside the account.
  server.addFault({ operation: 'DescribeRegions', matches: (call) => call.accountId !== '111111111111', fault: { kind: 'stall' } });
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DeadlineExceededError('the run neared the Lambda deadline')), 1_500);
  const started = Date.now();

  const { snapshot, stats } = await collectOrganization({
    clients: server.clientFactory(),
    logArchiveAccountId: '222222222222',
    concurrency: 4,
    deadline: controller.signal,
    now: NOW,
  });

  expect(Date.now() - started).toBeLessThan(6_000);
  expect(stats.deadlineExceeded).toBe(true);
  expect(stats.complete).toBe(false);
  // The four accounts in flight were stopped and say why; none after them was started.
  const stopped = Object.entries(snapshot.accountData).filter(([, data]) => data.ec2Regions && 'error' in data.ec2Regions);
  expect(stopped).toHaveLength(4);
  for (const [, data] of stopped) expect(data.ec2Regions).toEqual({ error: { code: 'DeadlineExceeded', message: 'the run neared the Lambda deadline' } });
  expect(stats.accountsNotStarted).toBe(snapshot.accounts.length - 1 - 4);
  expect(server.callsOf('AssumeRole')).toHaveLength(4);
});
