import type { Snapshot, SnapshotTrail } from '../../lambda/snapshot/types';
import { answerOf } from '../../lambda/snapshot/types';

/** The 17 regions enabled by default in every commercial AWS account (no opt-in needed). */
export const DEFAULT_REGIONS: readonly string[] = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
  'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

/**
 * Per ACTIVE member: the regions an org trail records for it (its home region; every enabled
 * region for a multi-region trail), as both simulations lay out the log bucket.
 */
export function recordedAccountRegions(snapshot: Snapshot, trail: SnapshotTrail | undefined): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (!trail?.HomeRegion) return result;
  const management = answerOf(snapshot.organization)?.MasterAccountId ?? snapshot.auditorAccountId;
  for (const account of answerOf(snapshot.accounts) ?? []) {
    if (!account.Id || account.Id === management || (account.State ?? account.Status) !== 'ACTIVE') continue;
    const regions = new Set([trail.HomeRegion]);
    if (trail.IsMultiRegionTrail) for (const region of enabledRegionsOf(snapshot, account.Id)) regions.add(region);
    result.set(account.Id, [...regions]);
  }
  return result;
}

function enabledRegionsOf(snapshot: Snapshot, accountId: string): readonly string[] {
  const data = snapshot.accountData?.[accountId];
  const listed = answerOf(data?.regions);
  if (listed) return listed.filter((r) => r.RegionOptStatus === 'ENABLED' || r.RegionOptStatus === 'ENABLED_BY_DEFAULT').map((r) => r.RegionName ?? '');
  const ec2 = answerOf(data?.ec2Regions);
  if (ec2) return ec2.filter((r) => r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName ?? '');
  return DEFAULT_REGIONS;
}
