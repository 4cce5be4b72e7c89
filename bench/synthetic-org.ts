/**
 * A synthetic organization snapshot of any size, for benchmarks (evaluation here, collection in
 * bench/collect.bench.ts) and scale tests. Healthy by default; `faults` seeds known numbers of
 * faults so that a benchmark also exercises the code paths that raise findings.
 *
 *   const snapshot = syntheticOrganization({ members: 5000 });                       // healthy
 *   const faulty = syntheticOrganization({ members: 5000, faults: { unreachableMembers: 50 } });
 *
 * The organization: management account 111111111111 owning one multi-region organization trail
 * (home us-east-1, KMS-encrypted, CloudWatch Logs and SNS configured, log file validation on),
 * members 200000000001, 200000000002 … each with the given regions enabled (default: the 17
 * regions AWS enables by default) and the opt-in regions disabled, each member's view of the org
 * trail in the home region, and a log bucket in the log-archive account (the first member) holding
 * recent delivery evidence for every account and region. Deterministic: the same options give the
 * same snapshot.
 */
import type {
  ListedAccountData,
  BucketData,
  ListedRegionData,
  ListedSnapshot,
  SnapshotAccount,
  SnapshotAccountRegion,
  SnapshotTrail,
} from '../lambda/snapshot/types';

/** The regions every AWS account has enabled by default (no opt-in needed). */
export const DEFAULT_COMMERCIAL_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
];

/** Opt-in regions, listed as DISABLED in every account's region list. */
const OPT_IN_REGIONS: readonly string[] = ['af-south-1', 'ap-east-1', 'eu-south-1', 'eu-south-2', 'me-south-1', 'me-central-1', 'il-central-1'];

/** How many of each seeded fault; faulty members are taken from the end of the member list, one fault each. */
export interface SyntheticFaults {
  /** Members whose audit role cannot be assumed (AUD-001). */
  unreachableMembers?: number;
  /** Members whose home-region DescribeTrails does not list the org trail (ORG-009). */
  uncoveredMembers?: number;
  /** Members whose home region could not be read (AUD-002). */
  unreadableMembers?: number;
  /** Member-regions whose newest file in the bucket is older than the evidence window (DLV-008), from the first member on. */
  staleEvidence?: number;
}

export interface SyntheticOrganizationOptions {
  /** Member accounts, management account not included. */
  members: number;
  /** Regions enabled in every account (default DEFAULT_COMMERCIAL_REGIONS). */
  regions?: readonly string[];
  faults?: SyntheticFaults;
  /** Default 2026-11-22T10:00:00.000Z. */
  capturedAt?: string;
}

export const SYNTHETIC_MANAGEMENT_ACCOUNT = '111111111111';
const ORG_ID = 'o-synth00001';
const HOME_REGION = 'us-east-1';
const TRAIL_NAME = 'org-trail';
const TRAIL_ARN = `arn:aws:cloudtrail:${HOME_REGION}:${SYNTHETIC_MANAGEMENT_ACCOUNT}:trail/${TRAIL_NAME}`;
const KEY_ARN = `arn:aws:kms:${HOME_REGION}:${SYNTHETIC_MANAGEMENT_ACCOUNT}:key/0b6f6f3a-1c1d-4e4e-9f9f-5a5a5a5a5a5a`;
const TOPIC_ARN = `arn:aws:sns:${HOME_REGION}:${SYNTHETIC_MANAGEMENT_ACCOUNT}:cloudtrail-delivery`;
const LOG_GROUP = 'aws-cloudtrail-logs-org';
const LOG_GROUP_ARN = `arn:aws:logs:${HOME_REGION}:${SYNTHETIC_MANAGEMENT_ACCOUNT}:log-group:${LOG_GROUP}:*`;
const CWL_ROLE_ARN = `arn:aws:iam::${SYNTHETIC_MANAGEMENT_ACCOUNT}:role/CloudTrailCloudWatchLogsRole`;

/** The 12-digit ID of the n-th member (1-based). */
export function syntheticMemberId(n: number): string {
  return String(200_000_000_000 + n);
}

export function syntheticOrganization(options: SyntheticOrganizationOptions): ListedSnapshot {
  const { members, faults = {} } = options;
  if (!Number.isInteger(members) || members < 1) throw new Error(`members: expected a whole number of at least 1, got ${members}`);
  const regions = options.regions ?? DEFAULT_COMMERCIAL_REGIONS;
  if (!regions.includes(HOME_REGION)) throw new Error(`regions: must include the trail's home region ${HOME_REGION}`);
  const capturedAt = options.capturedAt ?? '2026-11-22T10:00:00.000Z';
  const minutesBefore = (minutes: number) => new Date(Date.parse(capturedAt) - minutes * 60_000).toISOString();

  const memberIds = Array.from({ length: members }, (_, i) => syntheticMemberId(i + 1));
  const logArchiveId = memberIds[0];
  const bucketName = `org-trail-logs-${logArchiveId}`;
  const faultOf = assignMemberFaults(memberIds, faults);

  const trail: SnapshotTrail = {
    Name: TRAIL_NAME,
    S3BucketName: bucketName,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: true,
    HomeRegion: HOME_REGION,
    TrailARN: TRAIL_ARN,
    LogFileValidationEnabled: true,
    CloudWatchLogsLogGroupArn: LOG_GROUP_ARN,
    CloudWatchLogsRoleArn: CWL_ROLE_ARN,
    KmsKeyId: KEY_ARN,
    SnsTopicARN: TOPIC_ARN,
    HasCustomEventSelectors: true,
    HasInsightSelectors: true,
    IsOrganizationTrail: true,
  };
  const regionList: SnapshotAccountRegion[] = [
    ...regions.map((RegionName) => ({ RegionName, RegionOptStatus: 'ENABLED_BY_DEFAULT' as const })),
    ...OPT_IN_REGIONS.filter((r) => !regions.includes(r)).map((RegionName) => ({ RegionName, RegionOptStatus: 'DISABLED' as const })),
  ];

  const accounts: SnapshotAccount[] = [SYNTHETIC_MANAGEMENT_ACCOUNT, ...memberIds].map((id, i) => ({
    Id: id,
    Arn: `arn:aws:organizations::${SYNTHETIC_MANAGEMENT_ACCOUNT}:account/${ORG_ID}/${id}`,
    Email: `aws+${i === 0 ? 'management' : id}@example.com`,
    Name: i === 0 ? 'management' : i === 1 ? 'log-archive' : `workload-${i}`,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: 'CREATED',
    JoinedTimestamp: i === 0 ? '2020-01-01T00:00:00.000Z' : '2024-03-01T12:00:00.000Z',
  }));

  const accountData: Record<string, ListedAccountData> = {
    [SYNTHETIC_MANAGEMENT_ACCOUNT]: {
      regions: regionList,
      cloudTrailServiceLinkedRole: {
        Path: '/aws-service-role/cloudtrail.amazonaws.com/',
        RoleName: 'AWSServiceRoleForCloudTrail',
        RoleId: 'AROAEXAMPLESLR000001',
        Arn: `arn:aws:iam::${SYNTHETIC_MANAGEMENT_ACCOUNT}:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail`,
        CreateDate: '2024-01-01T00:00:00.000Z',
      },
      regionData: { [HOME_REGION]: ownerView(trail, minutesBefore) },
    },
  };
  for (const id of memberIds) {
    const fault = faultOf.get(id);
    if (fault === 'unreachable') {
      accountData[id] = {
        error: {
          code: 'AccessDenied',
          message: `User: arn:aws:sts::${SYNTHETIC_MANAGEMENT_ACCOUNT}:assumed-role/OrgTrailAuditorFunctionRole/audit is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${id}:role/OrgTrailAuditorMemberRole`,
        },
      };
    } else if (fault === 'unreadable') {
      accountData[id] = { regions: regionList, regionData: { [HOME_REGION]: { error: { code: 'ThrottlingException', message: 'Rate exceeded' } } } };
    } else {
      accountData[id] = { regions: regionList, regionData: { [HOME_REGION]: memberView(trail, fault === 'uncovered') } };
    }
  }

  return {
    snapshotVersion: 1,
    capturedAt,
    partition: 'aws',
    auditorAccountId: SYNTHETIC_MANAGEMENT_ACCOUNT,
    organization: {
      Id: ORG_ID,
      Arn: `arn:aws:organizations::${SYNTHETIC_MANAGEMENT_ACCOUNT}:organization/${ORG_ID}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${SYNTHETIC_MANAGEMENT_ACCOUNT}:account/${ORG_ID}/${SYNTHETIC_MANAGEMENT_ACCOUNT}`,
      MasterAccountId: SYNTHETIC_MANAGEMENT_ACCOUNT,
      MasterAccountEmail: 'aws+management@example.com',
    },
    accounts,
    enabledServicePrincipals: [
      { ServicePrincipal: 'cloudtrail.amazonaws.com', DateEnabled: '2024-01-01T00:00:00.000Z' },
      { ServicePrincipal: 'member.org.stacksets.cloudformation.amazonaws.com', DateEnabled: '2024-01-01T00:00:00.000Z' },
    ],
    delegatedAdministrators: [],
    resourcePolicy: null,
    accountData,
    buckets: {
      [bucketName]: logBucket(bucketName, logArchiveId, [SYNTHETIC_MANAGEMENT_ACCOUNT, ...memberIds], regions, faults.staleEvidence ?? 0, minutesBefore),
    },
    kmsKeys: {
      [KEY_ARN]: {
        metadata: {
          AWSAccountId: SYNTHETIC_MANAGEMENT_ACCOUNT,
          KeyId: KEY_ARN.split('/')[1],
          Arn: KEY_ARN,
          Enabled: true,
          KeyState: 'Enabled',
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeySpec: 'SYMMETRIC_DEFAULT',
          KeyManager: 'CUSTOMER',
          Origin: 'AWS_KMS',
        },
        policy: policy([
          { Sid: 'EnableIamUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SYNTHETIC_MANAGEMENT_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'AllowCloudTrailToEncryptLogs',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:SourceArn': TRAIL_ARN },
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${SYNTHETIC_MANAGEMENT_ACCOUNT}:trail/*` },
            },
          },
        ]),
      },
    },
    snsTopics: {
      [TOPIC_ARN]: {
        attributes: {
          TopicArn: TOPIC_ARN,
          Owner: SYNTHETIC_MANAGEMENT_ACCOUNT,
          Policy: policy([
            {
              Sid: 'AWSCloudTrailSNSPolicy',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'SNS:Publish',
              Resource: TOPIC_ARN,
              Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
            },
          ]),
        },
      },
    },
    logGroups: {
      [LOG_GROUP_ARN]: { logGroupName: LOG_GROUP, arn: LOG_GROUP_ARN, creationTime: 1704067200000, retentionInDays: 365 },
    },
    roles: {
      [CWL_ROLE_ARN]: {
        role: {
          Path: '/',
          RoleName: 'CloudTrailCloudWatchLogsRole',
          RoleId: 'AROAEXAMPLECWL000001',
          Arn: CWL_ROLE_ARN,
          CreateDate: '2024-01-01T00:00:00.000Z',
          AssumeRolePolicyDocument: policy([
            { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ]),
        },
        policies: [
          policy(
            ['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({
              Effect: 'Allow',
              Action: action,
              Resource: [
                `arn:aws:logs:${HOME_REGION}:${SYNTHETIC_MANAGEMENT_ACCOUNT}:log-group:${LOG_GROUP}:log-stream:${SYNTHETIC_MANAGEMENT_ACCOUNT}_CloudTrail_${HOME_REGION}*`,
                `arn:aws:logs:${HOME_REGION}:${SYNTHETIC_MANAGEMENT_ACCOUNT}:log-group:${LOG_GROUP}:log-stream:${ORG_ID}_*`,
              ],
            })),
          ),
        ],
      },
    },
  };
}

type MemberFault = 'unreachable' | 'uncovered' | 'unreadable';

function assignMemberFaults(memberIds: string[], faults: SyntheticFaults): Map<string, MemberFault> {
  const wanted: [MemberFault, number][] = [
    ['unreachable', faults.unreachableMembers ?? 0],
    ['uncovered', faults.uncoveredMembers ?? 0],
    ['unreadable', faults.unreadableMembers ?? 0],
  ];
  const total = wanted.reduce((sum, [, count]) => sum + count, 0);
  // The first member is the log-archive account: it keeps working.
  if (total > memberIds.length - 1) throw new Error(`faults: ${total} faulty members asked for, but only ${memberIds.length - 1} members can be faulty`);
  const assigned = new Map<string, MemberFault>();
  let next = memberIds.length - 1;
  for (const [fault, count] of wanted) {
    for (let i = 0; i < count; i++) assigned.set(memberIds[next--], fault);
  }
  return assigned;
}

/** The management account's home region: the trail, its authoritative status and selectors. */
function ownerView(trail: SnapshotTrail, minutesBefore: (minutes: number) => string): ListedRegionData {
  return {
    trails: [trail],
    trailStatus: {
      [TRAIL_ARN]: {
        IsLogging: true,
        LatestDeliveryTime: minutesBefore(5),
        LatestNotificationTime: minutesBefore(5),
        StartLoggingTime: '2025-01-10T00:00:00.000Z',
        LatestCloudWatchLogsDeliveryTime: minutesBefore(4),
        LatestDigestDeliveryTime: minutesBefore(29),
        TimeLoggingStarted: '2025-01-10T00:00:00Z',
        TimeLoggingStopped: '',
      },
    },
    eventSelectors: {
      [TRAIL_ARN]: {
        TrailARN: TRAIL_ARN,
        AdvancedEventSelectors: [
          { Name: 'Management events selector', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
          {
            Name: 'S3 object events',
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
              // Not its own log bucket (CFG-014): as the v2 shared examples do.
              { Field: 'resources.ARN', NotStartsWith: [`arn:aws:s3:::${trail.S3BucketName}/`] },
            ],
          },
        ],
      },
    },
    insightSelectors: {
      [TRAIL_ARN]: { TrailARN: TRAIL_ARN, InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }] },
    },
  };
}

/** A member's home region: DescribeTrails (shadow trails) and its own GetTrailStatus of the org trail. */
function memberView(trail: SnapshotTrail, uncovered: boolean): ListedRegionData {
  if (uncovered) return { trails: [], trailStatus: {} };
  return {
    trails: [trail],
    trailStatus: { [TRAIL_ARN]: { IsLogging: true, StartLoggingTime: '2025-01-10T00:00:00.000Z', TimeLoggingStarted: '2025-01-10T00:00:00Z', TimeLoggingStopped: '' } },
  };
}

function logBucket(
  name: string,
  ownerAccountId: string,
  accountIds: string[],
  regions: readonly string[],
  staleEvidence: number,
  minutesBefore: (minutes: number) => string,
): BucketData {
  const fresh = minutesBefore(31);
  const stale = minutesBefore(26 * 60);
  let staleLeft = staleEvidence;
  const deliveryEvidence: BucketData['deliveryEvidence'] = {};
  // Stale evidence is seeded from the second member on (member regions, not the management account's).
  for (const [index, accountId] of accountIds.entries()) {
    const perRegion: Record<string, string> = {};
    for (const region of regions) perRegion[region] = index >= 2 && staleLeft-- > 0 ? stale : fresh;
    deliveryEvidence[accountId] = perRegion;
  }
  if (staleLeft > 0) throw new Error(`faults.staleEvidence: ${staleEvidence} asked for, but only ${(accountIds.length - 2) * regions.length} member-regions can be stale`);
  const bucketArn = `arn:aws:s3:::${name}`;
  return {
    ownerAccountId,
    region: HOME_REGION,
    policy: policy([
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: [`${bucketArn}/AWSLogs/${SYNTHETIC_MANAGEMENT_ACCOUNT}/*`, `${bucketArn}/AWSLogs/${ORG_ID}/*`],
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]),
    policyStatus: { IsPublic: false },
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    lifecycleRules: [
      {
        ID: 'archive-then-expire',
        Filter: { Prefix: 'AWSLogs/' },
        Status: 'Enabled',
        Transitions: [{ Days: 90, StorageClass: 'GLACIER' }],
        Expiration: { Days: 2555 },
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
      },
    ],
    versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
    logging: { TargetBucket: `s3-access-logs-${ownerAccountId}`, TargetPrefix: `${name}/` },
    objectLock: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
    deliveryEvidence,
  };
}

function policy(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
