import {
  collectOrganization,
  CollectorCredentialsError,
  createAwsClientFactory,
  DEFAULT_REGION,
  formatCostReport,
  type AwsClientFactory,
} from '../collect';
import { ProgressDisplay } from '../collect/progress-display';
import type { Snapshot } from '../snapshot/types';
import { UsageError, type CliIo } from './io';
import { profileRegion } from './profile-region';

/** The `audit` flags that only matter when collecting from a live organization. */
export interface LiveAuditOptions {
  profile?: string;
  region?: string;
  memberRoleName: string;
  logArchiveAccountId?: string;
  concurrency: number;
  /** Regions never read. */
  skipRegions?: string[];
  /** DLV-008's window, in minutes (the evaluation's evidenceMaxAgeMinutes). */
  evidenceMaxAgeMinutes?: number;
  /** Replaces the AWS client factory (tests point it at a simulated organization). */
  clients?: AwsClientFactory;
}

/**
 * Collects a snapshot of the live organization. Progress goes to stderr (a bar on a terminal, plain
 * lines otherwise), then the run's cost. Without usable credentials, a UsageError of one line.
 */
export async function collectLive(options: LiveAuditOptions, io: CliIo): Promise<Snapshot> {
  const clients =
    options.clients ??
    createAwsClientFactory({
      region: await liveRegion(options, io),
      profile: options.profile,
      memberRoleName: options.memberRoleName,
      maxSockets: Math.max(64, options.concurrency * 2),
    });
  const progress = new ProgressDisplay({ write: io.stderr, isTTY: io.stderrIsTTY });
  try {
    const { snapshot, stats } = await collectOrganization({
      clients,
      logArchiveAccountId: options.logArchiveAccountId,
      concurrency: options.concurrency,
      skipRegions: options.skipRegions,
      evidenceMaxAgeMinutes: options.evidenceMaxAgeMinutes,
      onProgress: (p) => progress.update(p),
    });
    progress.finish();
    io.stderr(formatCostReport(stats));
    return snapshot;
  } catch (error) {
    progress.finish();
    if (error instanceof CollectorCredentialsError) throw new UsageError(error.message);
    throw error;
  }
}

/** --region, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's region, else us-east-1. */
export async function liveRegion(options: Pick<LiveAuditOptions, 'region' | 'profile'>, io: Pick<CliIo, 'env'>): Promise<string> {
  return options.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? (await profileRegion(options.profile ?? io.env.AWS_PROFILE)) ?? DEFAULT_REGION;
}
