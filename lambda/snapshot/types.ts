/**
 * The organization snapshot: the one document that `collect` writes and `evaluate` reads.
 *
 * Every leaf is the AWS SDK for JavaScript v3's own output shape, with dates as ISO-8601 strings
 * (see docs/snapshot.md). The types below are built from the SDK's exported shapes so that a
 * change in an SDK model shows up here as a compile error, not as a silent mismatch.
 *
 * Conventions that every reader relies on:
 *   - a key that is absent means "not collected": the checks that need it are skipped;
 *   - `null` means "collected, and there is none" (e.g. no bucket policy);
 *   - `{ error: { code, message } }` in place of an answer means the call failed.
 */
import type { Region as AccountRegion } from '@aws-sdk/client-account';
import type {
  GetEventSelectorsCommandOutput,
  GetInsightSelectorsCommandOutput,
  GetTrailStatusCommandOutput,
  Trail,
} from '@aws-sdk/client-cloudtrail';
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { Region as Ec2Region } from '@aws-sdk/client-ec2';
import type { Role } from '@aws-sdk/client-iam';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type {
  Account,
  DelegatedAdministrator,
  EnabledServicePrincipal,
  Organization,
  PolicySummary,
  ResourcePolicy,
  Root,
} from '@aws-sdk/client-organizations';
import type {
  GetBucketVersioningOutput,
  Payer,
  LifecycleRule,
  LoggingEnabled,
  ObjectLockConfiguration,
  PolicyStatus,
  PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';

/** An SDK shape as it travels through JSON: every `Date` becomes an ISO-8601 string. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** A whole command output, less the SDK's `$metadata`, as it travels through JSON. */
export type CommandOutput<T> = Jsonified<Omit<T, '$metadata'>>;

/** The error of a call that failed. `code` is the SDK error's `name`. */
export interface ApiError {
  code: string;
  message?: string;
}

/** What is recorded in place of an answer when the call failed. */
export interface Failed {
  error: ApiError;
}

/** The answer of a call, or the error that replaced it. */
export type Recorded<T> = T | Failed;

export type SnapshotOrganization = Jsonified<Organization>;
export type SnapshotAccount = Jsonified<Account>;
export type SnapshotTrail = Jsonified<Trail>;
export type SnapshotTrailStatus = CommandOutput<GetTrailStatusCommandOutput>;
export type SnapshotEventSelectors = CommandOutput<GetEventSelectorsCommandOutput>;
export type SnapshotInsightSelectors = CommandOutput<GetInsightSelectorsCommandOutput>;
export type SnapshotAccountRegion = Jsonified<AccountRegion>;
export type SnapshotEc2Region = Jsonified<Ec2Region>;
export type SnapshotRole = Jsonified<Role>;
export type SnapshotLifecycleRule = Jsonified<LifecycleRule>;
export type SnapshotKeyMetadata = Jsonified<KeyMetadata>;
export type SnapshotLogGroup = Jsonified<LogGroup>;
/** organizations:ListRoots → .Roots[] (Id, Arn, Name, PolicyTypes). */
export type SnapshotRoot = Jsonified<Root>;

/** One policy attached to a target: ListPoliciesForTarget's summary plus DescribePolicy's Content. */
export interface SnapshotTargetPolicy extends Jsonified<PolicySummary> {
  /** organizations:DescribePolicy → .Policy.Content (the policy document, JSON text). */
  Content?: string;
}

/**
 * The policies attached to one target (root, OU or account), per policy type enabled on the root
 * (`SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`). A list that could not be read is `{error}`.
 */
export type TargetPolicies = Record<string, Recorded<SnapshotTargetPolicy[]>>;

/** One region of one account, as read with that account's credentials. */
export interface RegionData {
  /** Present only when the region could not be read at all. */
  error?: ApiError;
  /** cloudtrail:DescribeTrails(includeShadowTrails=true) → .trailList; `{error}` when the list could not be read. */
  trails?: Recorded<SnapshotTrail[]>;
  /**
   * cloudtrail:GetTrailStatus(Name=TrailARN) → whole output, per trail ARN; the whole map is
   * `{error}` when the statuses could not be read at all.
   */
  trailStatus?: Recorded<Record<string, Recorded<SnapshotTrailStatus>>>;
  /** cloudtrail:GetEventSelectors(TrailName=TrailARN) → whole output, per trail ARN. */
  eventSelectors?: Record<string, Recorded<SnapshotEventSelectors>>;
  /** cloudtrail:GetInsightSelectors(TrailName=TrailARN) → whole output; null when Insights is off. */
  insightSelectors?: Record<string, Recorded<SnapshotInsightSelectors> | null>;
}

/** Everything read in one account. */
export interface AccountData {
  /** Present only when the account could not be entered at all (assume-role failure). */
  error?: ApiError;
  /** account:ListRegions → .Regions (one of `regions` / `ec2Regions` is recorded). */
  regions?: Recorded<SnapshotAccountRegion[]>;
  /** ec2:DescribeRegions(AllRegions=true), called inside the account → .Regions */
  ec2Regions?: Recorded<SnapshotEc2Region[]>;
  /** iam:GetRole(AWSServiceRoleForCloudTrail) → .Role, or null; management account only. */
  cloudTrailServiceLinkedRole?: Recorded<SnapshotRole> | null;
  /** Per region; `{error}` when the account's regions could not be read at all. */
  regionData?: Recorded<Record<string, RegionData>>;
}

/**
 * Delivery evidence of one bucket: per account, per region, the delivery time (read from the object
 * key, at the key's precision; see DLV-008) of the newest log or digest file found within the
 * evidence window, null when the bucket holds none, or the error of the listing.
 */
export type DeliveryEvidence = Record<string, Record<string, Recorded<string> | null>>;

/** Everything read about one bucket named by an org trail. */
export interface BucketData {
  /** Present only when the bucket could not be read (e.g. NoSuchBucket, AccessDenied). */
  error?: ApiError;
  /** The account whose credentials read the bucket. */
  ownerAccountId?: string;
  /** The bucket's region, normalised (null location → us-east-1). */
  region?: string | null;
  /** s3:GetBucketPolicy → .Policy, or null. */
  policy?: Recorded<string> | null;
  /** s3:GetBucketPolicyStatus → .PolicyStatus, or null. */
  policyStatus?: Recorded<Jsonified<PolicyStatus>> | null;
  /** s3:GetPublicAccessBlock → .PublicAccessBlockConfiguration, or null. */
  publicAccessBlock?: Recorded<Jsonified<PublicAccessBlockConfiguration>> | null;
  /** s3:GetBucketLifecycleConfiguration → .Rules, or null. */
  lifecycleRules?: Recorded<SnapshotLifecycleRule[]> | null;
  /** s3:GetBucketVersioning, less $metadata. */
  versioning?: Recorded<CommandOutput<GetBucketVersioningOutput>>;
  /** s3:GetBucketLogging → .LoggingEnabled, or null. */
  logging?: Recorded<Jsonified<LoggingEnabled>> | null;
  /** s3:GetObjectLockConfiguration → .ObjectLockConfiguration, or null. */
  objectLock?: Recorded<Jsonified<ObjectLockConfiguration>> | null;
  deliveryEvidence?: DeliveryEvidence;
  /** s3:GetBucketRequestPayment → .Payer ("BucketOwner" | "Requester"). v2. */
  requestPayment?: Recorded<Payer>;
}

/** A KMS key named by an org trail. */
export interface KmsKeyData {
  /** kms:DescribeKey → .KeyMetadata */
  metadata?: Recorded<SnapshotKeyMetadata>;
  /** kms:GetKeyPolicy(PolicyName=default) → .Policy */
  policy?: Recorded<string> | null;
}

/** An SNS topic named by an org trail. */
export interface SnsTopicData {
  /** sns:GetTopicAttributes → .Attributes */
  attributes: Record<string, string>;
}

/** The CloudWatch Logs role named by an org trail. */
export interface RoleData {
  /** iam:GetRole → .Role, with AssumeRolePolicyDocument URL-decoded. */
  role: Recorded<SnapshotRole>;
  /** Every inline and attached policy document of the role, as JSON text. */
  policies?: Recorded<string[]>;
}

export interface Snapshot {
  snapshotVersion: 1;
  /** "Now" for every time-based check. */
  capturedAt: string;
  partition: string;
  /** The account the collection ran in. */
  auditorAccountId: string;
  /** organizations:DescribeOrganization → .Organization */
  organization: Recorded<SnapshotOrganization>;
  /** organizations:ListAccounts → .Accounts (all pages); `{error}` when the list could not be read at all. */
  accounts: Recorded<SnapshotAccount[]>;
  /** v2: set when the ListAccounts page chain stopped early; `accounts` then holds the pages read. */
  accountsIncomplete?: ApiError;
  /** v2: organizations:ListRoots → .Roots */
  roots?: Recorded<SnapshotRoot[]>;
  /**
   * v2: per account the GRD checks and the policy questions look at, organizations:ListParents up
   * to the root, nearest first (OU IDs then the root ID).
   */
  accountPaths?: Record<string, Recorded<string[]>>;
  /** v2: per target on those paths (root, OU or account ID), its policies per enabled policy type. */
  targetPolicies?: Record<string, Recorded<TargetPolicies>>;
  /** organizations:ListAWSServiceAccessForOrganization → .EnabledServicePrincipals */
  enabledServicePrincipals?: Recorded<Jsonified<EnabledServicePrincipal>[]>;
  /** organizations:ListDelegatedAdministrators(cloudtrail.amazonaws.com) → .DelegatedAdministrators */
  delegatedAdministrators?: Recorded<Jsonified<DelegatedAdministrator>[]>;
  /** organizations:DescribeResourcePolicy → .ResourcePolicy, or null when there is none. */
  resourcePolicy?: Recorded<Jsonified<ResourcePolicy>> | null;
  /** Per account ID. */
  accountData: Record<string, AccountData>;
  /** Per bucket name named by an org trail. */
  buckets?: Record<string, BucketData>;
  /** Per KMS key ARN as the trail gives it; null when the key does not exist. */
  kmsKeys?: Record<string, Recorded<KmsKeyData> | null>;
  /** Per topic ARN; null when the topic does not exist. */
  snsTopics?: Record<string, Recorded<SnsTopicData> | null>;
  /** Per log group ARN as the trail gives it; null when the log group does not exist. */
  logGroups?: Record<string, Recorded<SnapshotLogGroup> | null>;
  /** Per role ARN; null when the role does not exist. */
  roles?: Record<string, Recorded<RoleData> | null>;
}

/**
 * A snapshot in which every list was read (no `{error}` in place of `accounts`, a region map, a
 * region's `trails` or a trail status map): what the bundled fixtures are, and what a writer
 * building a snapshot list by list holds. It is assignable to Snapshot; readers of a loaded
 * snapshot use Snapshot, whose types make them handle the failed lists.
 */
export interface ListedRegionData extends Omit<RegionData, 'trails' | 'trailStatus'> {
  trails?: SnapshotTrail[];
  trailStatus?: Record<string, Recorded<SnapshotTrailStatus>>;
}

export interface ListedAccountData extends Omit<AccountData, 'regionData'> {
  regionData?: Record<string, ListedRegionData>;
}

export interface ListedSnapshot extends Omit<Snapshot, 'accounts' | 'accountData'> {
  accounts: SnapshotAccount[];
  accountData: Record<string, ListedAccountData>;
}

/** True when a recorded answer is the error of a failed call. */
export function isFailed(value: unknown): value is Failed {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof (value as { error: unknown }).error === 'object' &&
    (value as { error: unknown }).error !== null
  );
}

/** The answer of a recorded call, or undefined when the call failed or was not made. */
export function answerOf<T>(value: Recorded<T> | undefined): T | undefined {
  return value === undefined || isFailed(value) ? undefined : (value as T);
}
