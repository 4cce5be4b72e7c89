/** ORG-009: A member account is not covered by the organization trail. */
import { answerOf } from '../../snapshot/types';
import { wasEntered } from '../audit-account-access';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import type { OrgTrail } from '../model';
import { trailVars } from './org-subjects';

export const ORG_009: CheckDefinition = {
  id: 'ORG-009',
  family: 'ORG',
  severity: 'HIGH',
  title: 'Member account is not covered by the organization trail',
  description:
    "The member's DescribeTrails (with shadow trails) in the org trail's home region was read without error and does not list the org trail. " +
    'Not raised where ORG-003 explains it (home region not enabled in the member), nor for an account that joined less than `newAccountGraceHours` (default 24) before capturedAt; ' +
    'not evaluated for a member the auditor could not enter. Finding: account = the member, region = the home region, resource = the trail ARN.',
  remediation:
    "Account {accountId} does not see the organization trail {trail} in {region}, so its activity is not recorded. " +
    'Check from the account with `aws cloudtrail describe-trails --include-shadow-trails --region {region}`, and from the management account that CloudTrail trusted access is on ' +
    '(`aws organizations list-aws-service-access-for-organization`) and that the account is ACTIVE in the organization (`aws organizations describe-account --account-id {accountId}`).',
};

/** ORG-009: every member past its grace period must list the org trail in the home region. */
export function evaluateMemberCoverage(ctx: EvaluationContext, trail: OrgTrail): void {
  for (const member of ctx.model.members) {
    const accountId = member.Id as string;
    if (!wasEntered(ctx.model, accountId) || ctx.model.isWithinGrace(member)) continue;
    const view = ctx.model.regionData(accountId, trail.homeRegion);
    const trails = view && !view.error ? answerOf(view.trails) : undefined;
    if (!trails) continue; // not read: AUD-002 says so
    const subject = { accountId, region: trail.homeRegion, resource: trail.arn };
    const listed = trails.some((seen) => seen.TrailARN === trail.arn);
    if (listed || ctx.model.regionOptIn(accountId, trail.homeRegion) === 'not-enabled') {
      ctx.evaluated('ORG-009', subject); // covered, or explained by ORG-003
      continue;
    }
    const seen = trails.map((other) => other.TrailARN ?? other.Name).filter(Boolean);
    ctx.fire(
      'ORG-009',
      subject,
      `DescribeTrails (with shadow trails) in member ${accountId}, ${trail.homeRegion} does not list ${trail.arn}; it lists ${seen.length ? seen.join(', ') : 'no trail'}.`,
      { ...trailVars(trail), accountId },
    );
  }
}
