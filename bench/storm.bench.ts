/**
 * Storm benchmark (`npm run bench:storm`): 5,000 members × 17 regions going stale at once — 85,000
 * DLV-008 findings in one run — reconciled and notified against dynalite (in a process of its own)
 * and a recording SNS that refuses what SNS refuses. Three runs on the same tables:
 *
 *   1. the storm opens: 85,000 new findings, one grouped alert;
 *   2. nothing changed: 85,000 still open (nothing should be written);
 *   3. the storm resolves: 85,000 resolved, one grouped alert.
 *
 * Prints, per run, the wall time, the DynamoDB calls by operation, the SNS messages (and their
 * size) and the peak RSS of this process, and last
 * `storm: N findings reconciled and notified in X s` for the slower of the two storms.
 * Target: each storm well inside the finish step's 15-minute timeout (lib/audit-steps.ts), where
 * reconcile runs, on a 2-core machine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EvaluationResult } from '../lambda/checks/context';
import { createAuditStore } from '../lambda/findings/audit-store';
import { findingKey, type Finding } from '../lambda/findings/finding';
import { reconcileRun, type ReconcileRunInput } from '../lambda/findings/reconcile';
import type { RunRecord } from '../lambda/findings/run-record';
import { FINDINGS_TABLE, RUNS_TABLE } from '../lambda/findings/table-design';
import { SnsAlertPublisher } from '../lambda/notify/alert-publisher';
import { createTables, dynaliteClient } from '../test/support/dynalite';
import { RecordingSns } from '../test/support/recording-sns';
import { syntheticMemberId } from './synthetic-org';

const MEMBERS = Number(process.env.STORM_MEMBERS ?? 5000);
const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1',
  'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1',
] as const;
const MANAGEMENT = '111111111111';
const TOPIC = 'arn:aws:sns:us-east-1:111111111111:org-trail-auditor-alerts';

function staleFinding(accountId: string, region: string): Finding {
  return {
    checkId: 'DLV-008',
    accountId,
    region,
    resource: `org-cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/${accountId}/CloudTrail/${region}/`,
    severity: 'HIGH',
    title: 'No recent delivery evidence for this account and region',
    detail: `The bucket org-cloudtrail-logs holds no CloudTrail log file for account ${accountId} in ${region} delivered within 180 minutes before 2026-11-30T20:00:00Z; the newest found was delivered at 2026-11-30T16:55Z.`,
    remediation: `Check that the organization trail still covers ${accountId} and ${region}: aws cloudtrail get-trail-status --name arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail, then list the newest files: aws s3 ls s3://org-cloudtrail-logs/AWSLogs/o-a1b2c3d4e5/${accountId}/CloudTrail/${region}/`,
  };
}

interface Measured {
  label: string;
  findings: number;
  seconds: number;
  calls: Map<string, number>;
  messages: number;
  largestMessageBytes: number;
  peakRssMb: number;
  /** CPU seconds of this process (the auditor's code and the SDK) and of the dynalite process. */
  cpuSeconds: number;
  serverCpuSeconds: number;
  record: RunRecord;
}

function serverCpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { cpuMicros: number }) => resolve(message.cpuMicros));
    child.send('cpu');
  });
}

async function startServer(): Promise<{ endpoint: string; child: ChildProcess }> {
  const child = fork(join(__dirname, 'dynalite-server.js'), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return { endpoint: line.trim(), child };
}

async function main(): Promise<void> {
  const { endpoint, child } = await startServer();
  try {
    const dynamodb = dynaliteClient(endpoint);
    const calls = new Map<string, number>();
    dynamodb.middlewareStack.add(
      (next, context) => (args) => {
        const name = context.commandName ?? 'unknown';
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
    const names = await createTables(dynamodb, [FINDINGS_TABLE, RUNS_TABLE], 'storm-');
    const store = createAuditStore(dynamodb, { findingsTable: names[FINDINGS_TABLE.logicalName], runsTable: names[RUNS_TABLE.logicalName] });
    const sns = new RecordingSns();
    const publisher = new SnsAlertPublisher(sns.client, TOPIC);

    const accounts = Array.from({ length: MEMBERS }, (_, i) => syntheticMemberId(i + 1));
    const stale = accounts.flatMap((accountId) => REGIONS.map((region) => staleFinding(accountId, region)));
    const scope = { auditedAccountIds: new Set([MANAGEMENT, ...accounts]), listComplete: true };
    const coverage = new Set(stale.map((finding) => findingKey(finding)));
    console.log(`storm benchmark: ${MEMBERS} members × ${REGIONS.length} regions = ${stale.length} DLV-008 findings; dynalite in its own process; ${require('node:os').cpus().length} cores (shared with other work: figures vary)`);

    let hour = 0;
    const run = async (label: string, evaluation: EvaluationResult): Promise<Measured> => {
      hour += 1;
      const startedAt = new Date(Date.parse('2026-11-30T20:00:00Z') + hour * 3_600_000);
      const input: ReconcileRunInput = {
        runId: `storm-${hour}`,
        trigger: 'SCHEDULE',
        startedAt: startedAt.toISOString(),
        finishedAt: new Date(startedAt.getTime() + 600_000).toISOString(),
        evaluation,
        accounts: { total: MEMBERS + 1, audited: MEMBERS + 1, failed: 0, notStarted: 0 },
        apiCalls: 0,
        outcome: 'SUCCEEDED',
      };
      calls.clear();
      sns.take();
      global.gc?.();
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      const serverCpuBefore = await serverCpuMicros(child);
      const cpuBefore = process.cpuUsage();
      const started = Date.now();
      const record = await reconcileRun(input, { store, publisher, now: () => new Date(input.finishedAt), warn: (message) => console.warn(`  warning: ${message}`) });
      const seconds = (Date.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const serverCpuSeconds = ((await serverCpuMicros(child)) - serverCpuBefore) / 1e6;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const published = sns.take();
      const measured: Measured = {
        label,
        findings: evaluation.findings.length || coverage.size,
        seconds,
        calls: new Map(calls),
        messages: published.length,
        largestMessageBytes: Math.max(0, ...published.map((p) => p.bytes)),
        peakRssMb: peakRss / 2 ** 20,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        serverCpuSeconds,
        record,
      };
      print(measured);
      return measured;
    };

    const opening = await run('the storm opens', { findings: stale, coverage, accountScope: scope });
    await run('nothing changed', { findings: stale, coverage, accountScope: scope });
    const resolving = await run('the storm resolves', { findings: [], coverage, accountScope: scope });

    const slower = opening.seconds >= resolving.seconds ? opening : resolving;
    console.log(`\nstorm: ${slower.findings} findings reconciled and notified in ${slower.seconds.toFixed(1)} s`);
  } finally {
    child.disconnect();
  }
}

function print(m: Measured): void {
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(26)} ${value}`);
  const byOperation = [...m.calls].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => `${name.replace(/Command$/, '')} ${count}`);
  const { findings: f, alerts: a } = m.record;
  console.log(`\n${m.label}`);
  line('wall time', `${m.seconds.toFixed(1)} s`);
  line('CPU', `${m.cpuSeconds.toFixed(1)} s auditor + ${m.serverCpuSeconds.toFixed(1)} s dynalite`);
  line('run record', `${m.record.outcome}; opened ${f.opened}, still open ${f.stillOpen}, resolved ${f.resolved}, not written ${f.notWritten}`);
  line('alerts', `${a.messagesPublished} message(s) for ${a.findingsAlerted} finding(s), ${a.findingsPending} pending, ${a.publishFailures} publish failure(s)`);
  line('DynamoDB calls', `${[...m.calls.values()].reduce((x, y) => x + y, 0)}: ${byOperation.join(', ')}`);
  line('SNS messages', `${m.messages}${m.messages > 0 ? ` (largest ${(m.largestMessageBytes / 1024).toFixed(1)} KB of 256 KB)` : ''}`);
  line('peak RSS', `${m.peakRssMb.toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
