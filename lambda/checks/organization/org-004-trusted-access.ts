/** ORG-004: CloudTrail trusted access is not enabled in AWS Organizations. */
import type { FindingSubject } from '../../findings/finding';
import { answerOf } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { CLOUDTRAIL, ORGANIZATION_SCOPE } from './org-subjects';

export const ORG_004: CheckDefinition = {
  id: 'ORG-004',
  family: 'ORG',
  severity: 'HIGH',
  title: 'CloudTrail trusted access is not enabled in AWS Organizations',
  description:
    '`cloudtrail.amazonaws.com` is not among the organization\'s enabled service principals (ListAWSServiceAccessForOrganization): organization trails cannot reach member accounts. ' +
    ORGANIZATION_SCOPE,
  remediation:
    'AWS Organizations does not trust CloudTrail in organization {organizationId}, so organization trails cannot be created or reach member accounts. ' +
    'Enable it from the management account with `aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com`.',
};

export function evaluateTrustedAccess(ctx: EvaluationContext, organization: FindingSubject): void {
  const principals = answerOf(ctx.snapshot.enabledServicePrincipals);
  if (!principals) return;
  if (principals.some((principal) => principal.ServicePrincipal === CLOUDTRAIL)) {
    ctx.evaluated('ORG-004', organization);
    return;
  }
  const enabled = principals.map((principal) => principal.ServicePrincipal).filter(Boolean);
  ctx.fire('ORG-004', organization, `${CLOUDTRAIL} is not an enabled service principal; enabled: ${enabled.length ? enabled.join(', ') : 'none'}.`, {
    organizationId: organization.resource,
  });
}
