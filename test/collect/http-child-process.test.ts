/**
 * The simulated AWS in a child process (what the benchmark uses): the collector in this process
 * reads it over HTTP, and the child reports the calls it received and its own CPU time.
 */
import { evaluate } from '../../lambda/checks/evaluate';
import { collectOrganization, createAwsClientFactory } from '../../lambda/collect';
import { startSimulatedAwsInChildProcess, type ChildProcessAws } from '../support/aws-http/child-process-server';
import { healthyOrg } from '../support/snapshots';

let aws: ChildProcessAws | undefined;
afterEach(async () => {
  await aws?.stop();
});

test('collecting from the simulation in a child process gives the snapshot its findings, and the child counts the calls', async () => {
  const original = healthyOrg();
  aws = await startSimulatedAwsInChildProcess(original, { recordCalls: false });
  const clients = createAwsClientFactory({ endpoint: aws.endpoint, credentials: aws.homeCredentials, memberRoleName: aws.memberRoleName });

  const { snapshot, stats } = await collectOrganization({ clients, logArchiveAccountId: '222222222222', now: () => new Date(original.capturedAt) });
  const served = await aws.stats();

  expect(evaluate(snapshot).findings).toEqual(evaluate(original).findings);
  expect(Object.values(served.callCounts).reduce((sum, count) => sum + count, 0)).toBe(stats.totalApiCalls + stats.retries);
  expect(served.callCounts.AssumeRole).toBe(stats.apiCalls.AssumeRole);
  expect(served.cpuMicros).toBeGreaterThan(0);
}, 90_000);
