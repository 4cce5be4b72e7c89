/** ORG-003: A member has not enabled the org trail's opt-in home region. */
import { wasEntered } from '../audit-account-access';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import type { OrgTrail } from '../model';
import { describeRegionOptStatus } from './org-regions';
import { trailVars } from './org-subjects';

export const ORG_003: CheckDefinition = {
  id: 'ORG-003',
  family: 'ORG',
  severity: 'HIGH',
  title: "Member has not enabled the org trail's opt-in home region",
  description:
    "An org trail's home region is an opt-in region that the member has not enabled (`RegionOptStatus` other than ENABLED / ENABLED_BY_DEFAULT in account:ListRegions, " +
    'or `OptInStatus` not-opted-in in ec2:DescribeRegions): the member sends no activity to the trail. ' +
    'Not evaluated for a member the auditor could not enter or whose region list was not read. Finding: account = the member, region = the home region, resource = the member account ID.',
  remediation:
    'Account {accountId} has not enabled {region}, the home region of the organization trail {trail}, so none of its activity reaches the trail. ' +
    'Enable the region from the management account with `aws account enable-region --account-id {accountId} --region-name {region}` (it takes a few minutes to hours), or move the trail to a region every account has.',
};

/** ORG-003, once per home region of the org trails (`trail` names one of them in the remediation). */
export function evaluateHomeRegionOptIn(ctx: EvaluationContext, region: string, trail: OrgTrail): void {
  for (const member of ctx.model.members) {
    const accountId = member.Id as string;
    if (!wasEntered(ctx.model, accountId)) continue;
    const optIn = ctx.model.regionOptIn(accountId, region);
    const subject = { accountId, region, resource: accountId };
    if (optIn === 'enabled') {
      ctx.evaluated('ORG-003', subject);
    } else if (optIn === 'not-enabled') {
      const status = describeRegionOptStatus(ctx.model.accountData(accountId), region);
      ctx.fire('ORG-003', subject, `Member ${accountId} has not enabled ${region}, the home region of ${trail.arn}: ${status}.`, { ...trailVars(trail), accountId });
    }
  }
}
