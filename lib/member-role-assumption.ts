import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';

export interface MemberRoleAssumptionProps {
  /** The member audit role's name, the same in every member account. */
  memberRoleName: string;
  /** The organization ID (`o-…`), configured or read at deploy time (OrganizationLookup). */
  organizationId: string;
}

/** The statement ID tests and docs refer to. */
export const ASSUME_MEMBER_ROLE_SID = 'AssumeMemberAuditRole';

/**
 * sts:AssumeRole on the member audit role, by name, in any account of the organization and no
 * other: `aws:ResourceOrgID` is the organization of the account that owns the role, so a role of
 * the same name in an account outside the organization cannot be assumed (nor can credentials be
 * handed there by mistake).
 */
export function memberRoleAssumptionStatement(stack: Stack, props: MemberRoleAssumptionProps): PolicyStatement {
  return new PolicyStatement({
    sid: ASSUME_MEMBER_ROLE_SID,
    actions: ['sts:AssumeRole'],
    resources: [`arn:${stack.partition}:iam::*:role/${props.memberRoleName}`],
    conditions: { StringEquals: { 'aws:ResourceOrgID': props.organizationId } },
  });
}

/**
 * Lets a role (the audit function's, or any step of the audit that enters member accounts) assume
 * the member audit role inside the organization, with the cdk-nag acknowledgement of the account
 * wildcard.
 */
export function grantMemberRoleAssumption(role: IRole, props: MemberRoleAssumptionProps): void {
  role.addToPrincipalPolicy(memberRoleAssumptionStatement(Stack.of(role), props));
  acknowledgeAwsSolutionsFinding(
    role,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${props.memberRoleName}]`,
    'The member audit role has one fixed name in every member account, and accounts join the organization after deployment: the account is the only wildcard, aws:ResourceOrgID limits it to accounts of this organization, and the member role trusts only this role (aws:PrincipalOrgID).',
  );
}
