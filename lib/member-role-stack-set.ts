import { Stack } from 'aws-cdk-lib';
import { CfnStackSet } from 'aws-cdk-lib/aws-cloudformation';
import { Construct } from 'constructs';
import { MEMBER_ROLE_PARAMETERS, memberRoleTemplate } from './member-role-template';
import { TAMPER_FORWARDING_PARAMETERS, withTamperEventForwarding } from './tamper-event-forwarding';

export interface MemberRoleStackSetProps {
  memberRoleName: string;
  /** The audit function's role ARN: the only principal the member role trusts. */
  auditorRoleArn: string;
  organizationId: string;
  /** The organization root or OUs the role is deployed to (and to accounts that join them later). */
  organizationalUnitIds: string[];
  /** The member account that owns the trail's log bucket: its role also reads buckets it owns. */
  logArchiveAccountId: string | undefined;
  /**
   * Other member accounts that own a trail's KMS key, SNS topic, log group or CloudWatch Logs role:
   * their role (and the log archive account's) also reads those resources they own.
   */
  trailResourceAccountIds: readonly string[];
}

/** The stack set's name in CloudFormation (one per organization). */
export const MEMBER_ROLE_STACK_SET_NAME = 'OrgTrailAuditorMemberRole';

/**
 * The member audit role in every member account, now and for accounts that join later: a
 * service-managed StackSet with automatic deployment. IAM is global, so one region (the stack's)
 * is enough. One template for every account: conditions on the account ID inside it give the
 * resource owners their extra policies (see member-role-template.ts and docs/permissions.md for why
 * this and not a second StackSet). The management account itself is never a target (StackSets skip it); the audit
 * function reads it with its own role.
 */
export class MemberRoleStackSet extends Construct {
  readonly stackSet: CfnStackSet;

  constructor(scope: Construct, id: string, props: MemberRoleStackSetProps) {
    super(scope, id);
    this.stackSet = new CfnStackSet(this, 'StackSet', {
      stackSetName: MEMBER_ROLE_STACK_SET_NAME,
      description: 'org-trail-auditor: the read-only audit role in every member account',
      permissionModel: 'SERVICE_MANAGED',
      callAs: 'SELF',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: { Active: true },
      operationPreferences: {
        regionConcurrencyType: 'PARALLEL',
        maxConcurrentPercentage: 100,
        // An account where the role cannot be created (an SCP, a name clash) must not hold the
        // others back: the auditor reports it as AUD-001 on its next run.
        failureTolerancePercentage: 100,
        concurrencyMode: 'SOFT_FAILURE_TOLERANCE',
      },
      parameters: [
        { parameterKey: MEMBER_ROLE_PARAMETERS.roleName, parameterValue: props.memberRoleName },
        { parameterKey: MEMBER_ROLE_PARAMETERS.auditorRoleArn, parameterValue: props.auditorRoleArn },
        { parameterKey: MEMBER_ROLE_PARAMETERS.organizationId, parameterValue: props.organizationId },
        { parameterKey: TAMPER_FORWARDING_PARAMETERS.managementEventBusArn, parameterValue: `arn:${Stack.of(this).partition}:events:${Stack.of(this).region}:${Stack.of(this).account}:event-bus/default` },
      ],
      stackInstancesGroup: [
        {
          deploymentTargets: { organizationalUnitIds: props.organizationalUnitIds },
          regions: [Stack.of(this).region],
        },
      ],
      templateBody: JSON.stringify(
        withTamperEventForwarding(memberRoleTemplate({ logArchiveAccountId: props.logArchiveAccountId, trailResourceAccountIds: props.trailResourceAccountIds })),
      ),
    });
  }
}
