// PLACEHOLDER owned by the collector work (issue 3): replaced by the real implementation.
import type { Snapshot } from '../snapshot/types';
import type { CliIo } from './io';

/** The `audit` flags that only matter when collecting from a live organization. */
export interface LiveAuditOptions {
  profile?: string;
  region?: string;
  memberRoleName: string;
  logArchiveAccountId?: string;
  concurrency: number;
}

/** Collects a snapshot of the live organization, reporting progress and cost on io.stderr. */
export async function collectLive(_options: LiveAuditOptions, _io: CliIo): Promise<Snapshot> {
  throw new Error('live collection is not available yet');
}
