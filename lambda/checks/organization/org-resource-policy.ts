import { evaluatePolicy, type ContextValue } from '../../policy/evaluate-policy';

/** The AWS Organizations calls CloudTrail's service-linked role makes to run organization trails. */
export const CLOUDTRAIL_SLR_ORGANIZATIONS_ACTIONS = [
  'organizations:DescribeOrganization',
  'organizations:ListAccounts',
  'organizations:ListAWSServiceAccessForOrganization',
  'organizations:ListDelegatedAdministrators',
] as const;

export const CLOUDTRAIL_SLR_NAME = 'AWSServiceRoleForCloudTrail';

/** `arn:PARTITION:iam::ACCOUNT:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail` */
export function cloudTrailServiceLinkedRoleArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/cloudtrail.amazonaws.com/${CLOUDTRAIL_SLR_NAME}`;
}

export interface OrganizationIdentity {
  partition: string;
  managementAccountId: string;
  organizationId: string;
  /** The organization's ARN as DescribeOrganization gives it, when read. */
  organizationArn?: string;
}

/** What the organization's resource policy denies CloudTrail's service-linked role. */
export interface CloudTrailSlrDenial {
  /** The SLR's actions that an explicit Deny applies to (empty when none). */
  deniedActions: string[];
  /** The Deny statements that apply (Sid, or `Statement[i]`). */
  statements: string[];
  /** Condition operators the evaluator does not know, read conservatively (a Deny counts). */
  unknownOperators: string[];
}

/**
 * Evaluates the organization's resource-based policy against each call the CloudTrail SLR makes.
 * The SLR's calls carry its role ARN, its account and the organization ID as request context.
 * These actions have no resource-level permissions, so a Deny applies when its Resource matches
 * `*` or the organization's ARN (either reading counts: the conservative one).
 *
 * Throws PolicyParseError when the policy text is not a policy document.
 */
export function denialsOfCloudTrailSlr(policyContent: string, organization: OrganizationIdentity): CloudTrailSlrDenial {
  const roleArn = cloudTrailServiceLinkedRoleArn(organization.partition, organization.managementAccountId);
  const organizationArn =
    organization.organizationArn ?? `arn:${organization.partition}:organizations::${organization.managementAccountId}:organization/${organization.organizationId}`;
  const context: Record<string, ContextValue> = {
    'aws:PrincipalArn': roleArn,
    'aws:PrincipalAccount': organization.managementAccountId,
    'aws:PrincipalOrgID': organization.organizationId,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': false,
    'aws:SecureTransport': true,
  };
  const denial: CloudTrailSlrDenial = { deniedActions: [], statements: [], unknownOperators: [] };
  for (const action of CLOUDTRAIL_SLR_ORGANIZATIONS_ACTIONS) {
    for (const resource of ['*', organizationArn]) {
      const decision = evaluatePolicy(policyContent, {
        principal: { arn: roleArn, accountId: organization.managementAccountId },
        action,
        resource,
        context,
      });
      if (decision.decision !== 'ExplicitDeny') continue;
      if (!denial.deniedActions.includes(action)) denial.deniedActions.push(action);
      for (const statement of decision.statements) if (!denial.statements.includes(statement)) denial.statements.push(statement);
      for (const operator of decision.unknownOperators) if (!denial.unknownOperators.includes(operator)) denial.unknownOperators.push(operator);
    }
  }
  return denial;
}
