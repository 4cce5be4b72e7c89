/**
 * Bundle benchmark (`npm run bench:bundle`): bundles each step function as the stack does
 * (lib/lambda-bundling.ts: ESM, minified, the AWS SDK inside), prints each bundle's size, and the
 * cold-start import time: a fresh `node` importing the bundle (what Lambda's init does before the
 * first invocation), median of 7 runs. SDK clients a step does not use are not loaded at import:
 * they are imported when the step first needs them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { AUDIT_BUNDLING } from '../lib/lambda-bundling';

const ENTRIES = { plan: 'plan.ts', 'collect-batch': 'collect-batch.ts', finish: 'finish.ts' } as const;
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const root = join(__dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'bundles-'));
try {
  console.log(`\nStep function bundles (ESM, minified, AWS SDK bundled; externalModules: ${JSON.stringify(AUDIT_BUNDLING.externalModules)})`);
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const file = join(out, `${name}.mjs`);
    buildSync({
      entryPoints: [join(root, 'lambda', entry)],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: AUDIT_BUNDLING.mainFields,
      banner: { js: AUDIT_BUNDLING.banner ?? '' },
      minify: AUDIT_BUNDLING.minify,
      external: AUDIT_BUNDLING.externalModules,
      logLevel: 'error',
    });
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const output = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`], { encoding: 'utf8' });
      times.push(Number(output.trim()));
    }
    console.log(`  ${name.padEnd(14)} ${(statSync(file).size / 1024).toFixed(0).padStart(6)} KiB   cold-start import ${median(times).toFixed(0)} ms (median of ${RUNS})`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
