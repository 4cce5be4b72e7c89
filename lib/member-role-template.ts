/**
 * The CloudFormation template the StackSet deploys in every member account: the audit role,
 * read-only, trusted only by the audit function's role and only from inside the organization.
 * Plain JSON (no CDK): it travels inline in the StackSet's TemplateBody.
 *
 * One template for every kind of account. Every member gets the role with the three reads its own
 * checks need (MEMBER_READ_ACTIONS). The accounts that own trail resources (the configured log
 * archive account and `trailResourceAccountIds`) also get a policy with the reads of a trail's KMS
 * key, SNS topic, log group and role; the log archive account alone gets the log bucket reads (the
 * collector reads buckets only through the management account or the log archive account). Each
 * read is scoped to resources the account itself owns. CloudFormation conditions on
 * AWS::AccountId, written at synth time from the configured IDs, decide where each policy exists.
 */
import {
  BUCKET_READ_ACTIONS,
  KMS_KEY_READ_ACTIONS,
  LOG_GROUP_READ_ACTIONS,
  MANAGED_POLICY_READ_ACTIONS,
  MEMBER_READ_ACTIONS,
  ROLE_READ_ACTIONS,
  SNS_TOPIC_READ_ACTIONS,
} from './read-permissions';

/** The template's parameters, filled by the StackSet. */
export const MEMBER_ROLE_PARAMETERS = {
  roleName: 'MemberRoleName',
  auditorRoleArn: 'AuditorRoleArn',
  organizationId: 'OrganizationId',
} as const;

/** Logical IDs and names inside the template that tests and docs refer to. */
export const MEMBER_ROLE_TEMPLATE_NAMES = {
  role: 'MemberAuditRole',
  memberPolicy: 'read-own-trail-view',
  resourceOwnerPolicyResource: 'TrailResourceReads',
  resourceOwnerPolicy: 'read-trail-resources-owned-here',
  resourceOwnerCondition: 'OwnsTrailResources',
  logBucketPolicyResource: 'LogBucketReads',
  logBucketPolicy: 'read-log-buckets-owned-here',
  logArchiveCondition: 'IsLogArchiveAccount',
} as const;

/** CloudFormation accepts from 2 to 10 conditions in one Fn::Or. */
const MAX_CONDITIONS_PER_OR = 10;

export interface MemberRoleTemplateOptions {
  /** The member account that owns the trail's log bucket; undefined: the management account owns it. */
  logArchiveAccountId: string | undefined;
  /**
   * Other member accounts that own a KMS key, SNS topic, log group or role an organization trail
   * names. (The log archive account is always one of the owners.)
   */
  trailResourceAccountIds: readonly string[];
}

export type ConditionFunction = { 'Fn::Equals': [unknown, string] } | { 'Fn::Or': ConditionFunction[] };

export interface IamStatementJson {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface MemberRoleTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters: Record<string, { Type: 'String'; Description: string; AllowedPattern: string }>;
  Conditions?: Record<string, ConditionFunction>;
  Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, { Value: unknown }>;
}

const sub = (text: string) => ({ 'Fn::Sub': text });

/** The statements of the policy every member's role holds: DescribeRegions and DescribeTrails support no resource-level permissions; GetTrailStatus names the org trail, which the management account owns. */
export function memberReadStatements(): IamStatementJson[] {
  return [{ Sid: 'SeeTheOrganizationTrailsFromThisAccount', Effect: 'Allow', Action: [...MEMBER_READ_ACTIONS], Resource: '*' }];
}

/**
 * The log archive account's bucket reads: configuration, request payment and the delivery-evidence
 * listing, limited by s3:ResourceAccount to buckets the account owns (a bucket ARN carries no
 * account).
 */
export function logBucketReadStatements(): IamStatementJson[] {
  return [
    {
      Sid: 'ReadLogBucketsOwnedHere',
      Effect: 'Allow',
      Action: [...BUCKET_READ_ACTIONS],
      Resource: sub('arn:${AWS::Partition}:s3:::*'),
      Condition: { StringEquals: { 's3:ResourceAccount': { Ref: 'AWS::AccountId' } } },
    },
  ];
}

/**
 * A resource owner's reads of the trail's KMS key, SNS topic, log group and role, each limited by
 * its ARN to resources of the account the stack instance runs in. AWS managed policies attached
 * to the trail's CloudWatch Logs role are read too (they are public documents).
 */
export function resourceOwnerReadStatements(): IamStatementJson[] {
  return [
    { Sid: 'ReadKmsKeysOwnedHere', Effect: 'Allow', Action: [...KMS_KEY_READ_ACTIONS], Resource: sub('arn:${AWS::Partition}:kms:*:${AWS::AccountId}:key/*') },
    { Sid: 'ReadSnsTopicsOwnedHere', Effect: 'Allow', Action: [...SNS_TOPIC_READ_ACTIONS], Resource: sub('arn:${AWS::Partition}:sns:*:${AWS::AccountId}:*') },
    { Sid: 'ReadLogGroupsOwnedHere', Effect: 'Allow', Action: [...LOG_GROUP_READ_ACTIONS], Resource: sub('arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:*') },
    { Sid: 'ReadRolesOwnedHere', Effect: 'Allow', Action: [...ROLE_READ_ACTIONS], Resource: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*') },
    {
      Sid: 'ReadManagedPoliciesOfThoseRoles',
      Effect: 'Allow',
      Action: [...MANAGED_POLICY_READ_ACTIONS],
      Resource: [sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/*'), sub('arn:${AWS::Partition}:iam::aws:policy/*')],
    },
  ];
}

/**
 * True in exactly the listed accounts: Fn::Equals on AWS::AccountId, joined by Fn::Or (nested
 * when there are more than ten).
 */
export function accountIsOneOf(accountIds: readonly string[]): ConditionFunction {
  if (accountIds.length === 0) throw new Error('accountIsOneOf: no account IDs');
  const equals: ConditionFunction[] = accountIds.map((id) => ({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, id] }));
  return anyOf(equals);
}

function anyOf(conditions: ConditionFunction[]): ConditionFunction {
  if (conditions.length === 1) return conditions[0] as ConditionFunction;
  if (conditions.length <= MAX_CONDITIONS_PER_OR) return { 'Fn::Or': conditions };
  const groups: ConditionFunction[] = [];
  for (let start = 0; start < conditions.length; start += MAX_CONDITIONS_PER_OR) {
    groups.push(anyOf(conditions.slice(start, start + MAX_CONDITIONS_PER_OR)));
  }
  return anyOf(groups);
}

export function memberRoleTemplate(options: MemberRoleTemplateOptions): MemberRoleTemplate {
  const ref = (name: string) => ({ Ref: name });
  const names = MEMBER_ROLE_TEMPLATE_NAMES;
  const logArchive = options.logArchiveAccountId;
  const owners = [...new Set([...(logArchive ? [logArchive] : []), ...options.trailResourceAccountIds])];
  const template: MemberRoleTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'org-trail-auditor: read-only role through which the audit function reads this account\'s view of the organization trails (and, in accounts that own trail resources, those resources).',
    Parameters: {
      [MEMBER_ROLE_PARAMETERS.roleName]: { Type: 'String', Description: 'Name of the audit role', AllowedPattern: '[\\w+=,.@-]{1,64}' },
      [MEMBER_ROLE_PARAMETERS.auditorRoleArn]: { Type: 'String', Description: 'ARN of the audit function\'s role in the management account', AllowedPattern: 'arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+' },
      [MEMBER_ROLE_PARAMETERS.organizationId]: { Type: 'String', Description: 'The organization ID (o-...)', AllowedPattern: 'o-[a-z0-9]{10,32}' },
    },
    Resources: {
      [names.role]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: ref(MEMBER_ROLE_PARAMETERS.roleName),
          Description: 'Assumed by the org-trail-auditor audit function to read this account\'s regions and its view of the organization trails (and, where this account owns them, the trail\'s bucket, key, topic, log group and role). Read-only.',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'AuditFunctionOnly',
                Effect: 'Allow',
                Principal: { AWS: ref(MEMBER_ROLE_PARAMETERS.auditorRoleArn) },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'aws:PrincipalOrgID': ref(MEMBER_ROLE_PARAMETERS.organizationId) } },
              },
            ],
          },
          Policies: [{ PolicyName: names.memberPolicy, PolicyDocument: { Version: '2012-10-17', Statement: memberReadStatements() } }],
          Tags: [{ Key: 'managed-by', Value: 'org-trail-auditor' }],
        },
      },
    },
    Outputs: { MemberAuditRoleArn: { Value: { 'Fn::GetAtt': [names.role, 'Arn'] } } },
  };
  const conditions: Record<string, ConditionFunction> = {};
  const rolePolicy = (policyName: string, statements: IamStatementJson[], condition: string) => ({
    Type: 'AWS::IAM::RolePolicy',
    Condition: condition,
    Properties: { RoleName: ref(names.role), PolicyName: policyName, PolicyDocument: { Version: '2012-10-17', Statement: statements } },
  });
  if (owners.length > 0) {
    conditions[names.resourceOwnerCondition] = accountIsOneOf(owners);
    template.Resources[names.resourceOwnerPolicyResource] = rolePolicy(names.resourceOwnerPolicy, resourceOwnerReadStatements(), names.resourceOwnerCondition);
  }
  if (logArchive) {
    conditions[names.logArchiveCondition] = accountIsOneOf([logArchive]);
    template.Resources[names.logBucketPolicyResource] = rolePolicy(names.logBucketPolicy, logBucketReadStatements(), names.logArchiveCondition);
  }
  if (Object.keys(conditions).length > 0) template.Conditions = conditions;
  return template;
}
