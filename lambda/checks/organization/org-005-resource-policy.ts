/** ORG-005: The organization's resource policy denies CloudTrail's service-linked role. */
import type { FindingSubject } from '../../findings/finding';
import { PolicyParseError } from '../../policy/evaluate-policy';
import { answerOf, isFailed } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { CLOUDTRAIL_SLR_ORGANIZATIONS_ACTIONS, cloudTrailServiceLinkedRoleArn, denialsOfCloudTrailSlr } from './org-resource-policy';
import { ORGANIZATION_SCOPE } from './org-subjects';

export const ORG_005: CheckDefinition = {
  id: 'ORG-005',
  family: 'ORG',
  severity: 'HIGH',
  title: "The organization's resource policy denies CloudTrail's service-linked role",
  description:
    "The organization's resource-based policy has a Deny that applies to `arn:aws:iam::MANAGEMENT:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail` " +
    `(named, by its account, or \`*\`) for any of ${CLOUDTRAIL_SLR_ORGANIZATIONS_ACTIONS.join(', ')}, evaluated with IAM's rules and the role's request context ` +
    '(aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID); a Deny with a condition operator the evaluator does not know counts, and the detail says so. ' +
    'No resource policy is healthy. A policy that cannot be parsed fires too (the conservative reading, as S3-002 does for a bucket policy): nothing shows that CloudTrail is not denied, and the detail says why it could not be read. ' +
    ORGANIZATION_SCOPE,
  remediation:
    "The resource policy of organization {organizationId} denies CloudTrail's service-linked role {actions} (statements {statements}), which organization trails need to find the organization's accounts. " +
    'Remove or narrow those statements: see the policy with `aws organizations describe-resource-policy` and replace it with `aws organizations put-resource-policy --content file://policy.json`.',
};

export function evaluateResourcePolicy(ctx: EvaluationContext, organization: FindingSubject): void {
  const policy = ctx.snapshot.resourcePolicy;
  if (policy === undefined || isFailed(policy)) return;
  if (policy === null) {
    ctx.evaluated('ORG-005', organization); // no resource policy: nothing denies anything
    return;
  }
  const content = policy.Content;
  if (content === undefined) return;
  let denial;
  try {
    denial = denialsOfCloudTrailSlr(content, {
      partition: ctx.model.partition,
      managementAccountId: ctx.model.managementAccountId,
      organizationId: organization.resource,
      organizationArn: answerOf(ctx.snapshot.organization)?.Arn,
    });
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
    // Conservative (CHECKS.md v2 leaves it to us): a policy AWS stored but we cannot read may deny anything.
    ctx.fire('ORG-005', organization, `The organization's resource policy could not be evaluated (${error.message}): whether it denies CloudTrail's service-linked role cannot be verified.`, {
      organizationId: organization.resource,
      actions: CLOUDTRAIL_SLR_ORGANIZATIONS_ACTIONS.join(', '),
      statements: 'unknown: the policy could not be parsed',
    });
    return;
  }
  if (denial.deniedActions.length === 0) {
    ctx.evaluated('ORG-005', organization);
    return;
  }
  const unknown = denial.unknownOperators.length
    ? ` Condition operators the evaluator does not know (${denial.unknownOperators.join(', ')}) were read as holding, the conservative reading for a Deny.`
    : '';
  ctx.fire(
    'ORG-005',
    organization,
    `Deny statements ${denial.statements.join(', ')} apply to ${cloudTrailServiceLinkedRoleArn(ctx.model.partition, ctx.model.managementAccountId)} for ${denial.deniedActions.join(', ')}.${unknown}`,
    { organizationId: organization.resource, actions: denial.deniedActions.join(', '), statements: denial.statements.join(', ') },
  );
}
