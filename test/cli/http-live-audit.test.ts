/**
 * The CLI's live audit end to end over HTTP, configured the way a user configures it: credentials
 * and AWS_ENDPOINT_URL in the environment, no client injected. The SDK's own configuration points
 * every client (S3 path-style, as for any IP endpoint) at the simulated AWS, and the report lists
 * the findings the snapshot's offline evaluation gives.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../lambda/checks/evaluate';
import { main } from '../../lambda/cli/main';
import type { Snapshot } from '../../lambda/snapshot/types';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';
import { fixture, type FixtureName } from '../support/snapshots';
import { recordingIo } from './recording-io';

const ENVIRONMENT = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_PROFILE'] as const;
const saved = Object.fromEntries(ENVIRONMENT.map((name) => [name, process.env[name]]));
let server: SimulatedAwsServer;
let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'live-audit-'));
});

afterEach(async () => {
  jest.useRealTimers();
  await server.close();
  rmSync(directory, { recursive: true, force: true });
  for (const name of ENVIRONMENT) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

function logArchiveOf(snapshot: Snapshot): string[] {
  const owner = Object.values(snapshot.buckets ?? {})
    .map((bucket) => bucket.ownerAccountId)
    .find((id) => id && id !== snapshot.auditorAccountId);
  return owner ? ['--log-archive-account', owner] : [];
}

test.each<FixtureName>(['healthy-org', 'demo-org'])('audit of %s over HTTP reports the offline evaluation', async (name) => {
  const original = fixture(name);
  server = await SimulatedAwsServer.start(original);
  Object.assign(process.env, { AWS_ENDPOINT_URL: server.endpoint, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1' });
  delete process.env.AWS_PROFILE;
  // The audit's clock is the snapshot's capture time (timers stay real: HTTP, timeouts and retries run as usual).
  jest.useFakeTimers({ now: new Date(original.capturedAt), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] });
  const saved = join(directory, 'collected.json');
  const io = recordingIo({ env: { ...process.env } });

  const code = await main(['audit', ...logArchiveOf(original), '--format', 'json', '--save-snapshot', saved], io);

  expect(io.err).not.toMatch(/org-trail-auditor:/);
  expect(code).toBe(0);
  const reported = JSON.parse(io.out) as { findings: { checkId: string; accountId: string; region: string | null; resource: string }[] };
  const expected = evaluate(original).findings;
  expect(reported.findings.map((f) => [f.checkId, f.accountId, f.region, f.resource])).toEqual(expected.map((f) => [f.checkId, f.accountId, f.region, f.resource]));
  const collected = JSON.parse(readFileSync(saved, 'utf8')) as Snapshot;
  expect(evaluate(collected).findings).toEqual(expected);
  expect(server.callsOf('GetCallerIdentity')).toHaveLength(1);
});
