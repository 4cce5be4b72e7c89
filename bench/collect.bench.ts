/**
 * Collection benchmark (`npm run bench`): collects and evaluates synthetic organizations of 1,000
 * and 5,000 members, the 17 default regions enabled in each, through the simulated AWS over HTTP
 * (test/support/aws-http) running in a child process and answering every call after 50 ms. The
 * collector uses its production settings: the real SDK clients, HTTP handler, timeouts, adaptive
 * retries and the default concurrency.
 *
 * It prints wall time, API calls per member, CPU seconds per 1,000 calls (process.cpuUsage of this
 * process, which runs the collector alone), peak RSS, and the lower bound: the longest of
 *   (a) the ListAccounts page chain (pages × latency: each page needs the previous one's token),
 *   (b) calls × latency / concurrency (the calls in flight at once),
 *   (c) calls × the measured CPU cost per call (one Node.js process, one core);
 * and, as its last line, `ratio to the lower bound: X.XX`. Target: within 1.5× at 5,000 members,
 * peak RSS under 1 GB.
 *
 *   BENCH_MEMBERS=1000 npm run bench        # one size only
 *   BENCH_CONCURRENCY=128 npm run bench     # another concurrency
 */
import { evaluate } from '../lambda/checks/evaluate';
import { collectOrganization, createAwsClientFactory, DEFAULT_CONCURRENCY } from '../lambda/collect';
import { startSimulatedAwsInChildProcess } from '../test/support/aws-http/child-process-server';
import { syntheticMemberId, syntheticOrganization } from './synthetic-org';

const LATENCY_MS = 50;
const LIST_ACCOUNTS_PAGE = 20;
const SIZES = (process.env.BENCH_MEMBERS ?? '1000,5000').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? DEFAULT_CONCURRENCY);

async function benchmark(members: number): Promise<void> {
  const original = syntheticOrganization({ members });
  const aws = await startSimulatedAwsInChildProcess(original, { latencyMs: LATENCY_MS, recordCalls: false });
  try {
    const clients = createAwsClientFactory({
      region: 'us-east-1',
      endpoint: aws.endpoint,
      credentials: aws.homeCredentials,
      memberRoleName: aws.memberRoleName,
      maxSockets: Math.max(64, CONCURRENCY * 2),
    });
    global.gc?.();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const cpuBefore = process.cpuUsage();
    const started = Date.now();

    const { snapshot, stats } = await collectOrganization({
      clients,
      logArchiveAccountId: syntheticMemberId(1),
      concurrency: CONCURRENCY,
      now: () => new Date(original.capturedAt),
    });

    const collectedMs = Date.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const evaluation = evaluate(snapshot);
    const evaluatedMs = Date.now() - started - collectedMs;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const server = await aws.stats();

    const calls = stats.totalApiCalls + stats.retries;
    const cpuMsPerCall = (cpu.user + cpu.system) / 1000 / calls;
    const listAccountsChainMs = Math.ceil((members + 1) / LIST_ACCOUNTS_PAGE) * LATENCY_MS;
    const callBoundMs = (calls * LATENCY_MS) / CONCURRENCY;
    const cpuBoundMs = calls * cpuMsPerCall;
    const lowerBoundMs = Math.max(listAccountsChainMs, callBoundMs, cpuBoundMs);
    const expectedFindings = evaluate(original).findings.length;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(34)} ${value}`);

    console.log(`\n${members} members × 17 regions over HTTP, ${LATENCY_MS} ms per call, concurrency ${CONCURRENCY}`);
    line('collection wall time', seconds(collectedMs));
    line('evaluation time', `${(evaluatedMs / 1000).toFixed(2)} s (${evaluation.findings.length} findings; original ${expectedFindings})`);
    line('accounts audited / failed / total', `${stats.accountsAudited} / ${stats.accountsFailed} / ${stats.accountsTotal}${stats.complete ? '' : ' (PARTIAL)'}`);
    line('API calls', `${stats.totalApiCalls} (${(stats.totalApiCalls / members).toFixed(2)} per member), ${stats.retries} retries; server saw ${Object.values(server.callCounts).reduce((a, b) => a + b, 0)}`);
    line('collector CPU', `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s = ${(cpuMsPerCall).toFixed(2)} s per 1,000 calls`);
    line('simulated AWS CPU (child process)', `${(server.cpuMicros / 1e6).toFixed(1)} s`);
    line('peak RSS (collector)', `${(peakRss / 2 ** 20).toFixed(0)} MB`);
    line(
      'lower bound',
      `${seconds(lowerBoundMs)} = max(ListAccounts chain ${seconds(listAccountsChainMs)}, calls × latency / concurrency ${seconds(callBoundMs)}, calls × CPU per call ${seconds(cpuBoundMs)})`,
    );
    console.log(`ratio to the lower bound: ${(collectedMs / lowerBoundMs).toFixed(2)}`);
  } finally {
    await aws.stop();
  }
}

async function main(): Promise<void> {
  for (const members of SIZES) await benchmark(members);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
