/**
 * What `npm pack` ships: the CLI's built files, the docs, README and LICENSE, and nothing else
 * (no sources, tests or CDK app); and every module the CLI imports is among the built files shipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[]; bin: Record<string, string>; scripts: Record<string, string> };

/** The state machine's step functions' entry points (lib/audit-steps.ts bundles them). */
const STEP_ENTRIES = ['lambda/plan.ts', 'lambda/collect-batch.ts', 'lambda/finish.ts'];

/** The project's .ts modules the CLI reaches from bin/cli.ts, through static and dynamic imports. */
function cliModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), match[1]);
      const candidates = [`${target}.ts`, join(target, 'index.ts')];
      const found = candidates.find((candidate) => existsSync(candidate));
      if (found) visit(found);
    }
  };
  visit(join(ROOT, 'bin', 'cli.ts'));
  return [...seen].map((file) => relative(ROOT, file));
}

/** npm's reading of a `files` entry, enough for ours: a directory prefix or an exact path; `!` excludes. */
function shipped(path: string): boolean {
  const included = packageJson.files.filter((entry) => !entry.startsWith('!')).some((entry) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry));
  return included && !path.endsWith('.map');
}

describe('the npm package', () => {
  it('ships every module the CLI imports, built', () => {
    const modules = cliModules();
    expect(modules).toContain('lambda/cli/findings-commands.ts'); // reached through a dynamic import
    const missing = modules.map((file) => `dist/${file.replace(/\.ts$/, '.js')}`).filter((built) => !shipped(built));
    expect(missing).toEqual([]);
    expect(shipped(packageJson.bin['org-trail-auditor'])).toBe(true);
  });

  it('never ships the CDK app, the state machine\'s steps and their run plumbing, sources or tests', () => {
    const modules = cliModules();
    const deployedOnly = (file: string) => file.startsWith('lib/') || file.startsWith('lambda/steps/') || file.startsWith('lambda/run/') || STEP_ENTRIES.includes(file);
    expect(modules.filter(deployedOnly)).toEqual([]);
    const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
    const outside = listing[0].files.map((f) => f.path).filter((path) => !/^(dist\/|docs\/|README\.md$|LICENSE$|package\.json$)/.test(path) || path.endsWith('.ts') || path.startsWith('dist/test/') || path.startsWith('dist/lib/'));
    expect(outside).toEqual([]);
  });
});
