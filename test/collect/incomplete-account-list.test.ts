import { collectOrganization, formatCostReport } from '../../lambda/collect';
import { throttling } from '../support/simulated-aws-errors';
import { withMembers } from '../support/simulated-members';
import { SimulatedOrganization } from '../support/simulated-org';
import { healthyOrg } from '../support/snapshots';

const NOW = () => new Date('2026-11-22T10:00:00.000Z');
const MANAGEMENT = '111111111111';

/** 4 fixture accounts + 41 members = 45 accounts: pages of 20, 20 and 5. */
function organizationFailingOnPage(page: number) {
  const original = withMembers(healthyOrg(), 41, '222222222222');
  const organization = new SimulatedOrganization(original);
  const nextToken = page === 1 ? undefined : String((page - 1) * 20);
  // Throttled on every attempt: the SDK's retries run out and the page is lost.
  organization.fail({ operation: 'ListAccounts', error: () => throttling('Organizations'), matches: (call) => call.input.NextToken === nextToken });
  return { original, organization };
}

test('a ListAccounts page that fails after the retries: the pages read are kept, the error is recorded, their accounts are collected', async () => {
  const { original, organization } = organizationFailingOnPage(3);
  const progress: boolean[] = [];
  const { snapshot, stats } = await collectOrganization({
    clients: organization.clientFactory(),
    logArchiveAccountId: '222222222222',
    now: NOW,
    onProgress: (p) => progress.push(p.totalKnown),
  });

  const listed = original.accounts.slice(0, 40).map((a) => a.Id);
  expect(snapshot.accounts.map((a) => a.Id)).toEqual(listed);
  expect(snapshot.accountsIncomplete).toEqual({ code: 'TooManyRequestsException', message: expect.stringContaining("can't complete your request") });
  // Every listed member was entered; the five never listed were not.
  expect(Object.keys(snapshot.accountData).sort()).toEqual([...listed].sort());
  expect(organization.callsOf('ListAccounts').filter((c) => c.input.NextToken === '40')).toHaveLength(10);

  expect(stats).toMatchObject({
    accountsTotal: 40,
    accountsTotalKnown: false,
    accountsAudited: 40,
    accountsNotStarted: 0,
    listAccountsError: snapshot.accountsIncomplete,
    complete: false,
  });
  expect(progress.every((known) => known === false)).toBe(true);
  const report = formatCostReport(stats);
  expect(report).toContain("40 of 40 listed (the organization's total is unknown) accounts audited");
  expect(report).toContain('ListAccounts stopped early (TooManyRequestsException)');
  expect(report).not.toMatch(/\b0 of 4\d accounts not audited/);
});

test('a failure on the first page: no account listed, the management account still read, the list recorded as incomplete', async () => {
  const { organization } = organizationFailingOnPage(1);
  const { snapshot, stats } = await collectOrganization({ clients: organization.clientFactory(), logArchiveAccountId: '222222222222', now: NOW });

  expect(snapshot.accounts).toEqual([]);
  expect(snapshot.accountsIncomplete?.code).toBe('TooManyRequestsException');
  expect(Object.keys(snapshot.accountData)).toEqual([MANAGEMENT]);
  expect(snapshot.accountData[MANAGEMENT]?.regionData?.['us-east-1']?.trails).toHaveLength(1);
  // The trail's resources do not depend on the account list.
  expect(snapshot.buckets?.['org-trail-logs-222222222222']?.policy).toEqual(expect.any(String));
  expect(organization.callsOf('AssumeRole').filter((c) => !String(c.input.RoleArn).includes('222222222222'))).toEqual([]);
  expect(stats).toMatchObject({ accountsTotal: 0, accountsTotalKnown: false, complete: false });
});

test('a complete list records no accountsIncomplete and a known total', async () => {
  const organization = new SimulatedOrganization(withMembers(healthyOrg(), 41, '222222222222'));
  const { snapshot, stats } = await collectOrganization({ clients: organization.clientFactory(), logArchiveAccountId: '222222222222', now: NOW });
  expect(snapshot.accounts).toHaveLength(45);
  expect('accountsIncomplete' in snapshot).toBe(false);
  expect(stats).toMatchObject({ accountsTotal: 45, accountsTotalKnown: true, complete: true });
  expect(stats.listAccountsError).toBeUndefined();
});
