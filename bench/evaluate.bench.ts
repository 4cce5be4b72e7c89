/**
 * `npm run bench:evaluate`: evaluates a synthetic 5,000-member organization (17 regions each, a few
 * seeded faults) and prints the time and memory it took against the targets of DESIGN.md:
 * evaluation under 2 s and the whole process under 500 MB at its peak (RSS). Exit code 1 when a
 * target is missed. BENCH_MEMBERS=N changes the size.
 *
 * Run it built (node --expose-gc dist/bench/evaluate.bench.js): ts-node would measure the compiler.
 */
import { performance } from 'node:perf_hooks';
import { evaluate } from '../lambda/checks/evaluate';
import { SEVERITIES } from '../lambda/findings/finding';
import { parseSnapshot } from '../lambda/snapshot/load-snapshot';
import { DEFAULT_COMMERCIAL_REGIONS, syntheticOrganization } from './synthetic-org';

const TARGET_EVALUATION_MS = 2_000;
const TARGET_PEAK_RSS_MB = 500;

const members = Number(process.env.BENCH_MEMBERS ?? 5_000);
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => bytes / 1_048_576;
const timed = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
};

function main(): number {
  const faults = {
    unreachableMembers: Math.floor(members / 100),
    uncoveredMembers: Math.floor(members / 200),
    unreadableMembers: Math.floor(members / 500),
    staleEvidence: Math.floor(members / 10),
  };
  const [generated, generateMs] = timed(() => syntheticOrganization({ members, faults }));
  let json: string | undefined = JSON.stringify(generated);
  const jsonBytes = Buffer.byteLength(json);
  const [snapshot, loadMs] = timed(() => parseSnapshot(json as string, 'synthetic'));
  json = undefined;
  collectGarbage();

  const heapBefore = process.memoryUsage().heapUsed;
  const [result, evaluateMs] = timed(() => evaluate(snapshot));
  const heapAfter = process.memoryUsage().heapUsed;
  const [, secondEvaluateMs] = timed(() => evaluate(snapshot));
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const bySeverity = SEVERITIES.map((s) => `${result.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const byCheck = new Map<string, number>();
  for (const finding of result.findings) byCheck.set(finding.checkId, (byCheck.get(finding.checkId) ?? 0) + 1);
  const evaluationOk = evaluateMs < TARGET_EVALUATION_MS;
  const memoryOk = peakRssMb < TARGET_PEAK_RSS_MB;
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

  const lines = [
    `Evaluation benchmark: ${members} members + management account, ${DEFAULT_COMMERCIAL_REGIONS.length} regions each`,
    `  seeded faults        ${Object.entries(faults).map(([k, v]) => `${k}=${v}`).join(' ')}`,
    `  generate             ${generateMs.toFixed(0)} ms`,
    `  snapshot size        ${mb(jsonBytes).toFixed(1)} MB of JSON`,
    `  load (parse+schema)  ${loadMs.toFixed(0)} ms`,
    `  evaluate             ${evaluateMs.toFixed(0)} ms (second run ${secondEvaluateMs.toFixed(0)} ms)   target < ${TARGET_EVALUATION_MS} ms: ${verdict(evaluationOk)}`,
    `  heap grown by eval   ${mb(heapAfter - heapBefore).toFixed(1)} MB`,
    `  peak RSS (process)   ${peakRssMb.toFixed(0)} MB   target < ${TARGET_PEAK_RSS_MB} MB: ${verdict(memoryOk)}`,
    `  findings             ${result.findings.length} (${bySeverity})`,
    `  by check             ${[...byCheck].sort().map(([id, n]) => `${id}=${n}`).join(' ') || '-'}`,
    `  coverage entries     ${result.coverage.size}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return evaluationOk && memoryOk ? 0 : 1;
}

process.exitCode = main();
