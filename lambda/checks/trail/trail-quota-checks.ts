/**
 * CFG-012: CloudTrail allows 5 trails per account and region, a quota that cannot be raised.
 *
 * Counted from each account-region's DescribeTrails(includeShadowTrails=true): every distinct trail
 * ARN listed there counts, organization trail or not. The list holds the trails created in that
 * region, the shadows of the account's multi-region trails created elsewhere (a multi-region trail
 * counts in every region), and the shadows of organization trails applied to the account, which
 * occupy the member's regions too. Account-regions that were not read, or whose read failed, are
 * skipped. The finding is about the account and region; its resource is the account ID.
 */
import { answerOf, type SnapshotTrail } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import { nameList } from './trail-finding-text';

export const TRAILS_PER_REGION_QUOTA = 5;

/** The distinct trails a region's DescribeTrails lists, by ARN (or name, for a trail without one). */
export function distinctTrails(trails: readonly SnapshotTrail[]): string[] {
  return [...new Set(trails.map((trail) => trail.TrailARN ?? trail.Name ?? '').filter((id) => id !== ''))].sort();
}

export function evaluateTrailQuotaChecks(context: EvaluationContext): void {
  for (const account of context.model.auditedAccounts) {
    const accountId = account.Id as string;
    const data = context.model.accountData(accountId);
    if (!data || data.error) continue; // AUD-001's
    const regions = answerOf(data.regionData) ?? {}; // regions that could not be read are AUD-002's
    for (const [region, regionData] of Object.entries(regions).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const listed = regionData.error ? undefined : answerOf(regionData.trails);
      if (!listed) continue;
      const trails = distinctTrails(listed);
      const subject = { accountId, region, resource: accountId };
      if (trails.length < TRAILS_PER_REGION_QUOTA) {
        context.evaluated('CFG-012', subject);
        continue;
      }
      context.fire(
        'CFG-012',
        subject,
        `Account ${accountId} has ${trails.length} trails in ${region} (quota ${TRAILS_PER_REGION_QUOTA}, shadow trails included): ${nameList(trails)}.`,
        { accountId, region, count: String(trails.length) },
      );
    }
  }
}
