/**
 * Collection benchmark (`npm run bench`): collects and evaluates synthetic organizations of 1,000
 * and 5,000 members, all 17 default regions enabled, through the simulated organization answering
 * every call after 50 ms, with the collector's production settings (default concurrency, adaptive
 * retries). Prints wall time, API calls per member, peak memory and the lower bound for the work:
 * the longer of the ListAccounts page chain and total calls × latency / concurrency.
 *
 * Targets (DESIGN.md): 5,000 members in under 2.5 minutes, peak memory under 1 GB, within 1.5× of
 * the lower bound.
 */
import { evaluate } from '../lambda/checks/evaluate';
import { collectOrganization, DEFAULT_CONCURRENCY } from '../lambda/collect';
import { defaultRetryStrategy } from '../lambda/collect/retry-strategy';
import { SimulatedOrganization } from '../test/support/simulated-org';
import { syntheticMemberId, syntheticOrganization } from './synthetic-org';

const LATENCY_MS = 50;
const LIST_ACCOUNTS_PAGE = 20;
const SIZES = (process.env.BENCH_MEMBERS ?? '1000,5000').split(',').map(Number);

async function benchmark(members: number): Promise<void> {
  const original = syntheticOrganization({ members });
  const organization = new SimulatedOrganization(original, { latencyMs: LATENCY_MS, recordCalls: false });
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

  const started = Date.now();
  const { snapshot, stats } = await collectOrganization({
    clients: organization.clientFactory({ retryStrategy: defaultRetryStrategy }),
    logArchiveAccountId: syntheticMemberId(1),
    concurrency: DEFAULT_CONCURRENCY,
    now: () => new Date(original.capturedAt),
  });
  const collectedMs = Date.now() - started;
  const evaluation = evaluate(snapshot);
  const evaluatedMs = Date.now() - started - collectedMs;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const expectedFindings = evaluate(original).findings.length;
  const listAccountsChainMs = Math.ceil((members + 1) / LIST_ACCOUNTS_PAGE) * LATENCY_MS;
  const callBoundMs = (stats.totalApiCalls * LATENCY_MS) / DEFAULT_CONCURRENCY;
  const lowerBoundMs = Math.max(listAccountsChainMs, callBoundMs);
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(34)} ${value}`);
  console.log(`\n${members} members, ${LATENCY_MS} ms per call, concurrency ${DEFAULT_CONCURRENCY}`);
  line('collection wall time', `${(collectedMs / 1000).toFixed(1)} s`);
  line('evaluation time', `${(evaluatedMs / 1000).toFixed(2)} s (${evaluation.findings.length} findings; original ${expectedFindings})`);
  line('accounts audited / failed / total', `${stats.accountsAudited} / ${stats.accountsFailed} / ${stats.accountsTotal}${stats.complete ? '' : ' (PARTIAL)'}`);
  line('API calls', `${stats.totalApiCalls} (${(stats.totalApiCalls / members).toFixed(2)} per member), ${stats.retries} retries`);
  line('peak memory (RSS)', `${(peakRss / 2 ** 20).toFixed(0)} MB`);
  line('lower bound', `${(lowerBoundMs / 1000).toFixed(1)} s (ListAccounts chain ${(listAccountsChainMs / 1000).toFixed(1)} s, calls × latency / concurrency ${(callBoundMs / 1000).toFixed(1)} s)`);
  line('ratio to the lower bound', `${(collectedMs / lowerBoundMs).toFixed(2)}×`);
}

async function main(): Promise<void> {
  for (const members of SIZES) await benchmark(members);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
