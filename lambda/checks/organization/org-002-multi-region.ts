/** ORG-002: The org trail records one region only. */
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import type { OrgTrail } from '../model';
import { trailVars } from './org-subjects';

export const ORG_002: CheckDefinition = {
  id: 'ORG-002',
  family: 'ORG',
  severity: 'HIGH',
  title: 'Organization trail records one region only',
  description:
    "An org trail has `IsMultiRegionTrail` false: only its home region is recorded, in every account. Finding: account = the trail owner, region = the trail's home region, resource = the trail ARN.",
  remediation:
    'The organization trail {trail} records only {region}: activity in every other region of every account goes unlogged. ' +
    'Make it multi-region with `aws cloudtrail update-trail --name {trailArn} --is-multi-region-trail --region {region}`.',
};

export function evaluateMultiRegion(ctx: EvaluationContext, trail: OrgTrail): void {
  const subject = { accountId: trail.ownerAccountId, region: trail.homeRegion, resource: trail.arn };
  if (trail.trail.IsMultiRegionTrail === false) {
    ctx.fire('ORG-002', subject, `${trail.arn} has IsMultiRegionTrail false: only ${trail.homeRegion} is recorded.`, trailVars(trail));
  } else if (trail.trail.IsMultiRegionTrail === true) {
    ctx.evaluated('ORG-002', subject);
  }
}
