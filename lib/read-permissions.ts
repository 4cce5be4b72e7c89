/**
 * The read-only IAM actions the collector calls, each listed (no wildcard actions), grouped by the
 * account that grants them. The member role (StackSet template) and the audit function's own role
 * (the management account) are built from these lists, so code and policy cannot drift apart.
 *
 * Which account grants what (docs/permissions.md):
 * - the management account (the function's own role): the organization, its own trails, log
 *   groups and roles, and the log bucket, KMS key and SNS topic wherever their policy admits it;
 * - every ordinary member (the member role): only what its own checks read inside it;
 * - the accounts that own trail resources (`trailResourceAccountIds` and the log archive account):
 *   the ordinary member's reads plus the KMS key, SNS topic, log group and role reads;
 * - the log archive account alone: the log bucket reads besides.
 */

/** The organization itself, its policies and where each account sits in it: the management account only. */
export const ORGANIZATION_READ_ACTIONS = [
  'organizations:DescribeOrganization',
  'organizations:ListAccounts',
  'organizations:ListAWSServiceAccessForOrganization',
  'organizations:ListDelegatedAdministrators',
  'organizations:DescribeResourcePolicy',
  // v2: roots, each account's path up to its root, and the policies attached along it.
  'organizations:ListRoots',
  'organizations:ListParents',
  'organizations:ListPoliciesForTarget',
  'organizations:DescribePolicy',
  'account:ListRegions',
] as const;

/**
 * The organization trails, read in the management account: its trails in every enabled region, and
 * the home-region status, event selectors and Insights selectors of the org trails it owns.
 */
export const MANAGEMENT_TRAIL_READ_ACTIONS = [
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'cloudtrail:GetInsightSelectors',
] as const;

/**
 * What an ordinary member's checks read inside it (lambda/collect/member-account-collector.ts): the
 * regions it has enabled, the trails it sees in each org trail's home region (shadow trails
 * included), and the status of the org trails it lists.
 */
export const MEMBER_READ_ACTIONS = ['ec2:DescribeRegions', 'cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus'] as const;

/**
 * The configuration of a trail's log bucket and the listing of its delivery evidence, read in the
 * account that owns the bucket. (HeadBucket, which finds the bucket's region, and ListObjectsV2 are
 * both authorized by s3:ListBucket.)
 */
export const BUCKET_READ_ACTIONS = [
  's3:GetBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketPublicAccessBlock',
  's3:GetLifecycleConfiguration',
  's3:GetBucketVersioning',
  's3:GetBucketLogging',
  's3:GetBucketObjectLockConfiguration',
  // v2: whether the bucket makes its readers pay.
  's3:GetBucketRequestPayment',
  's3:ListBucket',
] as const;

/** A trail's KMS key, read in the account in its ARN. */
export const KMS_KEY_READ_ACTIONS = ['kms:DescribeKey', 'kms:GetKeyPolicy'] as const;

/** A trail's SNS topic, read in the account in its ARN. */
export const SNS_TOPIC_READ_ACTIONS = ['sns:GetTopicAttributes'] as const;

/** A trail's CloudWatch Logs log group, found by name prefix in the account in its ARN. */
export const LOG_GROUP_READ_ACTIONS = ['logs:DescribeLogGroups'] as const;

/** A trail's CloudWatch Logs role and its inline policies, read in the account in its ARN. */
export const ROLE_READ_ACTIONS = ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'] as const;

/** The managed policies attached to that role: the account's own, or AWS managed ones. */
export const MANAGED_POLICY_READ_ACTIONS = ['iam:GetPolicy', 'iam:GetPolicyVersion'] as const;
