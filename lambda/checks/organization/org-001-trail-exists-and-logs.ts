/** ORG-001: No organization trail exists, or none is logging. */
import type { FindingSubject } from '../../findings/finding';
import { answerOf, isFailed } from '../../snapshot/types';
import { wasEntered } from '../audit-account-access';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { globalServiceRegion } from './org-regions';
import { ORGANIZATION_SCOPE } from './org-subjects';

export const ORG_001: CheckDefinition = {
  id: 'ORG-001',
  family: 'ORG',
  severity: 'CRITICAL',
  title: 'No organization trail is logging',
  description:
    "The management account owns no organization trail, or none of its org trails is logging (`IsLogging` false in the owner's status of every one). " +
    '"No org trail" is only concluded when the management account was entered and every region read for it answered DescribeTrails; ' +
    'a trail whose status could not be read is not taken for stopped. ' +
    ORGANIZATION_SCOPE,
  remediation:
    '{situation}, so the API activity of every account in organization {organizationId} goes unrecorded. ' +
    'Where no organization trail exists, create one from the management account with ' +
    '`aws cloudtrail create-trail --name org-trail --s3-bucket-name BUCKET --is-organization-trail --is-multi-region-trail --enable-log-file-validation --region {region}`; ' +
    'then start it with `aws cloudtrail start-logging --name {trailArn} --region {region}`.',
};

export function evaluateTrailsExistAndLog(ctx: EvaluationContext, organization: FindingSubject): void {
  const trails = ctx.model.orgTrails;
  const statuses = trails.map((trail) => answerOf(trail.status));
  // With no org trail at all, the remediation's commands create and start one named org-trail.
  const vars = { organizationId: organization.resource, trailArn: 'org-trail', region: globalServiceRegion(ctx.model.partition) };

  if (statuses.some((status) => status?.IsLogging === true)) {
    ctx.evaluated('ORG-001', organization);
  } else if (trails.length > 0) {
    // Every org trail must be known to be stopped: an unreadable status is not a stopped trail.
    if (!statuses.every((status) => status?.IsLogging === false)) return;
    const stopped = trails.map((trail) => `${trail.arn} (home ${trail.homeRegion})`).join(', ');
    ctx.fire('ORG-001', organization, `Every organization trail is stopped (IsLogging false): ${stopped}.`, {
      ...vars,
      situation: trails.length === 1 ? `The organization trail ${trails[0].name} is stopped` : `All ${trails.length} organization trails are stopped`,
      trailArn: trails[0].arn,
      region: trails[0].homeRegion,
    });
  } else {
    const read = managementTrailListing(ctx);
    if (!read) return;
    const others = read.otherTrails.length ? `; its other trails: ${read.otherTrails.join(', ')}` : '; it has no trail at all';
    ctx.fire('ORG-001', organization, `DescribeTrails in the management account ${ctx.model.managementAccountId} (regions ${read.regions.join(', ')}) lists no organization trail${others}.`, {
      ...vars,
      situation: 'The management account owns no organization trail',
    });
  }
}

/**
 * The management account's DescribeTrails answers, when they are complete enough to conclude
 * that no org trail exists: the account was entered, at least one region answered and no region
 * it has enabled failed. Undefined otherwise.
 */
function managementTrailListing(ctx: EvaluationContext): { regions: string[]; otherTrails: string[] } | undefined {
  const accountId = ctx.model.managementAccountId;
  if (!wasEntered(ctx.model, accountId)) return undefined;
  const regionData = ctx.model.regionsOf(accountId);
  if (regionData === undefined || isFailed(regionData)) return undefined; // the regions could not be read: AUD-002
  const regions: string[] = [];
  const otherTrails = new Set<string>();
  for (const region of Object.keys(regionData).sort()) {
    const data = regionData[region];
    if (data.error) {
      if (ctx.model.regionOptIn(accountId, region) === 'not-enabled') continue;
      return undefined;
    }
    const trails = answerOf(data.trails);
    if (!trails) return undefined; // not collected, or DescribeTrails failed (AUD-002)
    regions.push(region);
    for (const trail of trails) otherTrails.add(trail.TrailARN ?? trail.Name ?? '(unnamed)');
  }
  return regions.length > 0 ? { regions, otherTrails: [...otherTrails].sort() } : undefined;
}
