/**
 * Runs the simulated AWS in a child process, so that a benchmark measures the collector's CPU
 * alone: the parent's process.cpuUsage() then holds the SDK clients' work only, and the server's
 * parsing and answering runs on another core.
 *
 *   const aws = await startSimulatedAwsInChildProcess(snapshot, { latencyMs: 50, recordCalls: false });
 *   const clients = createAwsClientFactory({ endpoint: aws.endpoint, credentials: aws.homeCredentials, … });
 *   …
 *   await aws.stop();
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot } from '../../../lambda/snapshot/types';
import type { ChildReply, ChildRequest } from './child-process-messages';
import type { SimulatedAwsServerOptions } from './simulated-aws-server';

export interface ChildProcessAws {
  endpoint: string;
  homeCredentials: { accessKeyId: string; secretAccessKey: string };
  memberRoleName: string;
  /** Calls the server received by operation (every attempt), its CPU time so far and its memory. */
  stats(): Promise<{ callCounts: Record<string, number>; cpuMicros: number; rss: number }>;
  stop(): Promise<void>;
}

export async function startSimulatedAwsInChildProcess(snapshot: Snapshot, options: SimulatedAwsServerOptions = {}): Promise<ChildProcessAws> {
  const directory = mkdtempSync(join(tmpdir(), 'simulated-aws-'));
  const snapshotPath = join(directory, 'snapshot.json');
  writeFileSync(snapshotPath, JSON.stringify(snapshot));
  // From dist (compiled JavaScript) or from source (ts-node), whichever this module was loaded from.
  const fromSource = __filename.endsWith('.ts');
  const child = fork(join(__dirname, `child-process-entry.${fromSource ? 'ts' : 'js'}`), [], {
    execArgv: fromSource ? ['-r', 'ts-node/register/transpile-only'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const cleanUp = () => rmSync(directory, { recursive: true, force: true });
  try {
    const started = await request(child, { type: 'start', snapshotPath, options }, 'started');
    cleanUp();
    return {
      endpoint: started.endpoint,
      homeCredentials: started.homeCredentials,
      memberRoleName: started.memberRoleName,
      stats: async () => {
        const { callCounts, cpuMicros, rss } = await request(child, { type: 'stats' }, 'stats');
        return { callCounts, cpuMicros, rss };
      },
      stop: async () => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send({ type: 'stop' } satisfies ChildRequest);
        await exited;
      },
    };
  } catch (error) {
    cleanUp();
    child.kill();
    throw error;
  }
}

/** Sends one request and waits for its reply of type `expected` (or the child's failure or exit). */
function request<T extends ChildReply['type']>(child: ChildProcess, message: ChildRequest, expected: T): Promise<Extract<ChildReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: ChildReply) => {
      if (reply.type === expected) {
        done();
        resolve(reply as Extract<ChildReply, { type: T }>);
      } else if (reply.type === 'failed') {
        done();
        reject(new Error(`simulated AWS child process: ${reply.message}`));
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`simulated AWS child process exited (${code}) before answering ${message.type}`));
    };
    const done = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(message);
  });
}
