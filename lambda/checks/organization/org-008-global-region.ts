/** ORG-008: No logging organization trail records the global-service region. */
import type { FindingSubject } from '../../findings/finding';
import { answerOf } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import type { OrgTrail } from '../model';
import { globalServiceRegion } from './org-regions';
import { ORGANIZATION_SCOPE } from './org-subjects';

export const ORG_008: CheckDefinition = {
  id: 'ORG-008',
  family: 'ORG',
  severity: 'MEDIUM',
  title: 'No logging organization trail records us-east-1',
  description:
    "At least one org trail is logging, but none of the logging ones records the partition's global-service region (us-east-1 in aws; cn-north-1 in aws-cn; us-gov-west-1 in aws-us-gov): " +
    'each is single-region with another home region, so AWS Organizations calls and IAM, STS and CloudFront global events are not captured. ' +
    'When no org trail is logging, ORG-001 reports it and ORG-008 does not fire. ' +
    ORGANIZATION_SCOPE,
  remediation:
    'No logging organization trail of {organizationId} records {globalRegion}, where AWS Organizations, IAM, STS and CloudFront events are recorded. ' +
    'Make a logging org trail multi-region with `aws cloudtrail update-trail --name {trailArn} --is-multi-region-trail --region {region}`.',
};

export function evaluateGlobalRegionCoverage(ctx: EvaluationContext, organization: FindingSubject): void {
  const globalRegion = globalServiceRegion(ctx.model.partition);
  const logging = ctx.model.orgTrails.filter((trail) => answerOf(trail.status)?.IsLogging === true);
  if (logging.length === 0) return; // ORG-001's case, or statuses unknown
  const records = (trail: OrgTrail) => trail.trail.IsMultiRegionTrail === true || trail.homeRegion === globalRegion;
  if (logging.some(records)) {
    ctx.evaluated('ORG-008', organization);
    return;
  }
  if (!logging.every((trail) => trail.trail.IsMultiRegionTrail === false)) return; // a trail's scope is unknown
  const described = logging.map((trail) => `${trail.arn} (single-region, home ${trail.homeRegion})`).join(', ');
  ctx.fire('ORG-008', organization, `No logging org trail records ${globalRegion}: ${described}.`, {
    organizationId: organization.resource,
    globalRegion,
    trailArn: logging[0].arn,
    region: logging[0].homeRegion,
  });
}
