/**
 * An offline audit (`audit --snapshot FILE`) loads none of the AWS SDK's client modules: the
 * collector and the findings commands are loaded only when used, and the collector's factory loads
 * each client module on first use. Checked in a fresh Node.js process (jest keeps its own module
 * registry), from source through ts-node.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs `main(args)` in a fresh process; returns the @aws-sdk/client-* packages it loaded. */
function clientModulesLoadedBy(args: string[]): { code: number; loaded: string[] } {
  const script = `
    const { main } = require('./lambda/cli/main');
    const io = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, stdoutIsTTY: false, env: {} };
    main(${JSON.stringify(args)}, io).then((code) => {
      const loaded = new Set(Object.keys(require.cache).map((file) => /@aws-sdk\\/(client-[a-z0-9-]+)/.exec(file)?.[1]).filter(Boolean));
      process.stdout.write(JSON.stringify({ code, loaded: [...loaded].sort() }));
    });`;
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    timeout: 90_000,
  });
  if (result.status !== 0) throw new Error(`the script failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { code: number; loaded: string[] };
}

test('auditing a snapshot file loads no AWS SDK client module', () => {
  const { code, loaded } = clientModulesLoadedBy(['audit', '--snapshot', 'examples/demo-org.json', '--format', 'json']);

  expect(code).toBe(0);
  expect(loaded).toEqual([]);
}, 100_000);

test('creating the collector loads only the client modules it uses', () => {
  const script = `
    const { createAwsClientFactory } = require('./lambda/collect/aws-client-factory');
    const before = Object.keys(require.cache).filter((f) => f.includes('@aws-sdk/client-')).length;
    createAwsClientFactory({ memberRoleName: 'r', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const loaded = new Set(Object.keys(require.cache).map((f) => /@aws-sdk\\/(client-[a-z0-9-]+)/.exec(f)?.[1]).filter(Boolean));
    process.stdout.write(JSON.stringify({ before, loaded: [...loaded].sort() }));`;
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    timeout: 90_000,
  });
  expect(result.status).toBe(0);
  // The factory identifies the caller through STS, so STS is loaded; nothing else until a client is asked for.
  expect(JSON.parse(result.stdout)).toEqual({ before: 1, loaded: ['client-sts'] });
}, 100_000);
