import { evaluate } from '../../lambda/checks/evaluate';
import { collectOrganization } from '../../lambda/collect';
import { healthyOrg } from '../support/snapshots';
import { withMembers } from '../support/simulated-members';
import { SimulatedOrganization } from '../support/simulated-org';

const NOW = () => new Date('2026-11-22T10:00:00.000Z');

test('once the deadline guard says stop, no new account starts and the rest are listed as not started', async () => {
  const organization = new SimulatedOrganization(withMembers(healthyOrg(), 30, '222222222222'));
  let started = 0;
  const progress: number[] = [];
  const { snapshot, stats } = await collectOrganization({
    clients: organization.clientFactory(),
    logArchiveAccountId: '222222222222',
    concurrency: 4,
    shouldStartAccount: () => started++ < 10,
    onProgress: (p) => progress.push(p.accountsDone),
    now: NOW,
  });

  const members = snapshot.accounts.map((a) => a.Id as string).filter((id) => id !== '111111111111');
  const collected = members.filter((id) => id in snapshot.accountData);
  expect(collected).toHaveLength(10);
  expect(stats.accountsNotStarted).toBe(members.length - 10);
  expect(stats.notStartedAccountIds).toEqual(members.filter((id) => !collected.includes(id)).sort());
  expect(stats.complete).toBe(false);
  expect(progress).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  // No role was assumed in an account that was not started.
  const assumed = organization.callsOf('AssumeRole').map((c) => String(c.input.RoleArn).split(':')[4]);
  for (const id of stats.notStartedAccountIds) expect(assumed).not.toContain(id);

  // Absent accounts are not evaluated, so reconcile can resolve nothing for them.
  const covered = [...evaluate(snapshot).coverage];
  for (const id of stats.notStartedAccountIds) expect(covered.filter((key) => key.includes(`#${id}#`))).toEqual([]);
});
