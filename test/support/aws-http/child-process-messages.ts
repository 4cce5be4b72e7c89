/** The messages between a parent and the simulated AWS it runs in a child process. */
import type { SimulatedAwsServerOptions } from './simulated-aws-server';

export type ChildRequest =
  | { type: 'start'; snapshotPath: string; options: SimulatedAwsServerOptions }
  | { type: 'stats' }
  | { type: 'stop' };

export type ChildReply =
  | { type: 'started'; endpoint: string; homeCredentials: { accessKeyId: string; secretAccessKey: string }; memberRoleName: string }
  | { type: 'stats'; callCounts: Record<string, number>; cpuMicros: number; rss: number }
  | { type: 'failed'; message: string };
