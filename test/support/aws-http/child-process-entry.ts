/**
 * The simulated AWS in a process of its own (see child-process-server.ts): started by fork(), it
 * reads the snapshot file it is given, serves it on loopback and answers its parent's messages.
 */
import { readFileSync } from 'node:fs';
import type { Snapshot } from '../../../lambda/snapshot/types';
import type { ChildRequest, ChildReply } from './child-process-messages';
import { SimulatedAwsServer } from './simulated-aws-server';

let server: SimulatedAwsServer | undefined;

function reply(message: ChildReply): void {
  process.send?.(message);
}

process.on('message', (message: ChildRequest) => {
  void (async () => {
    switch (message.type) {
      case 'start': {
        const snapshot = JSON.parse(readFileSync(message.snapshotPath, 'utf8')) as Snapshot;
        server = await SimulatedAwsServer.start(snapshot, message.options);
        reply({ type: 'started', endpoint: server.endpoint, homeCredentials: server.homeCredentials, memberRoleName: server.memberRoleName });
        break;
      }
      case 'stats': {
        const cpu = process.cpuUsage();
        reply({ type: 'stats', callCounts: server?.callCounts() ?? {}, cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage().rss });
        break;
      }
      case 'stop':
        await server?.close();
        process.disconnect?.();
        break;
    }
  })().catch((error: unknown) => {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  });
});
