import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';
import {
  BUCKET_READ_ACTIONS,
  KMS_KEY_READ_ACTIONS,
  LOG_GROUP_READ_ACTIONS,
  MANAGED_POLICY_READ_ACTIONS,
  MANAGEMENT_TRAIL_READ_ACTIONS,
  ORGANIZATION_READ_ACTIONS,
  ROLE_READ_ACTIONS,
  SNS_TOPIC_READ_ACTIONS,
} from './read-permissions';

/** The statement IDs of the management-account reads, as tests and docs/permissions.md name them. */
export const MANAGEMENT_READ_SIDS = {
  organization: 'ReadOrganization',
  listTrails: 'ListTrails',
  ownTrails: 'ReadOwnOrganizationTrails',
  logBuckets: 'ReadLogBuckets',
  keysAndTopics: 'ReadTrailKeysAndTopics',
  ownLogGroups: 'ReadOwnLogGroups',
  ownRoles: 'ReadOwnRoles',
  managedPolicies: 'ReadManagedPoliciesOfOwnRoles',
} as const;

/**
 * The reads the collector makes with the audit function's own credentials in the management
 * account (lambda/collect/management-account-collector.ts, collect-organization.ts): the
 * organization, its trails, and the resources the org trails name. Each is scoped as far as the
 * API allows; where a read may cross accounts (a log bucket, KMS key or SNS topic of another
 * account is read with the function's own credentials first, or when the owner's member role
 * cannot be assumed), the other account's resource policy is what admits it.
 */
export function managementAccountReadStatements(stack: Stack): PolicyStatement[] {
  const { partition, account } = stack;
  const sids = MANAGEMENT_READ_SIDS;
  return [
    new PolicyStatement({ sid: sids.organization, actions: [...ORGANIZATION_READ_ACTIONS], resources: ['*'] }),
    new PolicyStatement({ sid: sids.listTrails, actions: ['cloudtrail:DescribeTrails'], resources: ['*'] }),
    new PolicyStatement({
      sid: sids.ownTrails,
      actions: MANAGEMENT_TRAIL_READ_ACTIONS.filter((action) => action !== 'cloudtrail:DescribeTrails'),
      resources: [`arn:${partition}:cloudtrail:*:${account}:trail/*`],
    }),
    new PolicyStatement({ sid: sids.logBuckets, actions: [...BUCKET_READ_ACTIONS], resources: [`arn:${partition}:s3:::*`] }),
    new PolicyStatement({
      sid: sids.keysAndTopics,
      actions: [...KMS_KEY_READ_ACTIONS, ...SNS_TOPIC_READ_ACTIONS],
      resources: [`arn:${partition}:kms:*:*:key/*`, `arn:${partition}:sns:*:*:*`],
    }),
    new PolicyStatement({ sid: sids.ownLogGroups, actions: [...LOG_GROUP_READ_ACTIONS], resources: [`arn:${partition}:logs:*:${account}:log-group:*`] }),
    new PolicyStatement({ sid: sids.ownRoles, actions: [...ROLE_READ_ACTIONS], resources: [`arn:${partition}:iam::${account}:role/*`] }),
    new PolicyStatement({
      sid: sids.managedPolicies,
      actions: [...MANAGED_POLICY_READ_ACTIONS],
      resources: [`arn:${partition}:iam::${account}:policy/*`, `arn:${partition}:iam::aws:policy/*`],
    }),
  ];
}

/**
 * Gives a role (the audit function's, or a step of the audit that collects the management
 * account) the management-account reads, and acknowledges each wildcard cdk-nag reports with the
 * reason it is needed.
 */
export function grantManagementAccountReads(role: IRole): void {
  for (const statement of managementAccountReadStatements(Stack.of(role))) role.addToPrincipalPolicy(statement);
  const acknowledgements: Record<string, string> = {
    'Resource::*':
      "organizations:DescribeOrganization, ListAccounts, ListAWSServiceAccessForOrganization, ListDelegatedAdministrators, ListRoots, account:ListRegions and cloudtrail:DescribeTrails support no resource-level permissions; ListParents, ListPoliciesForTarget and DescribePolicy are asked about every account, OU, root and policy of the organization (the whole organization, by design), and DescribeResourcePolicy about the organization's own resource policy. The steps that hold these reads run with Lambda active tracing, whose xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions either.",
    'Resource::arn:<AWS::Partition>:cloudtrail:*:<AWS::AccountId>:trail/*':
      'GetTrailStatus, GetEventSelectors and GetInsightSelectors of the organization trails this account owns: their names are discovered at run time, the account is fixed.',
    'Resource::arn:<AWS::Partition>:s3:::*':
      'The log bucket of each organization trail is discovered at run time and may belong to any account (a bucket ARN carries no account): the function reads it first with its own credentials, and the bucket policy of another account decides whether that is allowed. Bucket-configuration reads and s3:ListBucket only; no object is read.',
    'Resource::arn:<AWS::Partition>:kms:*:*:key/*':
      'kms:DescribeKey and kms:GetKeyPolicy of the KMS key a trail names, discovered at run time; when its owner cannot be entered through the member role it is read across accounts, which the key policy must allow.',
    'Resource::arn:<AWS::Partition>:sns:*:*:*':
      'sns:GetTopicAttributes of the SNS topic a trail names, discovered at run time; when its owner cannot be entered through the member role it is read across accounts, which the topic policy must allow.',
    'Resource::arn:<AWS::Partition>:logs:*:<AWS::AccountId>:log-group:*':
      'logs:DescribeLogGroups (by name prefix) for the log group a trail names in this account; the name is discovered at run time.',
    'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/*':
      'Read-only IAM calls on the CloudWatch Logs role a trail names and on the CloudTrail service-linked role, in this account only; the trail role is discovered at run time.',
    'Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:policy/*':
      'iam:GetPolicy and GetPolicyVersion of the customer managed policies attached to the trail role, in this account only; discovered at run time.',
    'Resource::arn:<AWS::Partition>:iam::aws:policy/*':
      'iam:GetPolicy and GetPolicyVersion of AWS managed policies attached to the trail role: public documents, named at run time.',
  };
  for (const [finding, reason] of Object.entries(acknowledgements)) acknowledgeAwsSolutionsFinding(role, `AwsSolutions-IAM5[${finding}]`, reason);
}
