/**
 * The read-only IAM actions the collector needs, each listed (no wildcard actions). The member
 * role (every member account) and the audit function's own role (the management account) are
 * built from these lists, so the two cannot drift apart.
 */

/** The organization itself: read in the management account only. */
export const ORGANIZATION_READ_ACTIONS = [
  'organizations:DescribeOrganization',
  'organizations:ListAccounts',
  'organizations:ListAWSServiceAccessForOrganization',
  'organizations:ListDelegatedAdministrators',
  'organizations:DescribeResourcePolicy',
  'account:ListRegions',
] as const;

/** Trails and the regions they cover, read in every account. */
export const TRAIL_READ_ACTIONS = [
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'cloudtrail:GetInsightSelectors',
  'ec2:DescribeRegions',
] as const;

/**
 * The configuration of the log bucket, and the listing of its delivery evidence. (HeadBucket, which
 * finds the bucket's region, and ListObjectsV2 are both authorized by s3:ListBucket.)
 */
export const BUCKET_READ_ACTIONS = [
  's3:GetBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketPublicAccessBlock',
  's3:GetLifecycleConfiguration',
  's3:GetBucketVersioning',
  's3:GetBucketLogging',
  's3:GetBucketObjectLockConfiguration',
  's3:ListBucket',
] as const;

/** The KMS key, SNS topic, log group and CloudWatch Logs role an org trail names. */
export const TRAIL_RESOURCE_READ_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'sns:GetTopicAttributes',
  'logs:DescribeLogGroups',
  'iam:GetRole',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
] as const;

/** Everything the member role allows, in the order its policy lists them. */
export const MEMBER_ROLE_ACTIONS: readonly string[] = [...TRAIL_READ_ACTIONS, ...BUCKET_READ_ACTIONS, ...TRAIL_RESOURCE_READ_ACTIONS];
