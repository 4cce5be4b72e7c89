/** What the ORG checks share: the service principal, the organization subject and a trail's remediation names. */
import type { FindingSubject } from '../../findings/finding';
import type { EvaluationContext } from '../context';
import type { OrgTrail } from '../model';

export const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

export const ORGANIZATION_SCOPE =
  'Finding: account = the management account, region = none, resource = the organization ID (not evaluated when DescribeOrganization could not be read).';

/** The subject of an organization-scoped finding, when the organization's ID is known. */
export function organizationSubject(ctx: EvaluationContext): FindingSubject | undefined {
  const organizationId = ctx.model.organizationId;
  return organizationId ? { accountId: ctx.model.managementAccountId, region: null, resource: organizationId } : undefined;
}

/** The names every ORG remediation about one trail uses. */
export function trailVars(trail: OrgTrail): Record<string, string> {
  return { trail: trail.name, trailArn: trail.arn, region: trail.homeRegion };
}
