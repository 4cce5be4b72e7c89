/**
 * The real process: an AWS command that fails prints one line on stderr, and the AWS SDK's
 * multi-line Node.js version warning is not among them (bin/cli.ts silences it).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function cli(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bin', 'cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
  });
}

describe('the org-trail-auditor process', () => {
  it('reports an unreachable endpoint in one line, without the SDK\'s Node.js warning', () => {
    // Prepare: credentials and a region, and endpoints nothing listens on.
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
    };
    // Act
    const result = cli(['runs', 'list'], env);
    // Assess
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^org-trail-auditor: cannot reach AWS \(ECONNREFUSED/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.status).toBe(1);
  });
});
