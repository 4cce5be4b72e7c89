/**
 * What each AWS API answers in a simulated organization, read from a snapshot: the snapshot says
 * what AWS said, so the answers are the snapshot's own values in the SDK's output shapes (dates as
 * `Date`, IAM documents URL-encoded), and its recorded errors are raised again as the SDK's errors.
 */
import type { PolicyType } from '@aws-sdk/client-organizations';
import type { ListedSnapshot, SnapshotTrail, Recorded, ListedRegionData, SnapshotEc2Region, SnapshotAccountRegion } from '../../lambda/snapshot/types';
import { answerOf, isFailed } from '../../lambda/snapshot/types';
import { LogBucket } from './log-bucket';
import {
  accessDenied,
  headBucketForbidden,
  headBucketNotFound,
  insightNotEnabled,
  kmsNotFound,
  noSuchBucket,
  noSuchEntity,
  recordedError,
  regionNotEnabled,
  resourcePolicyNotFound,
  s3NotConfigured,
  serviceError,
  snsNotFound,
  trailNotFound,
  type SimulatedService,
} from './simulated-aws-errors';
import { SimulatedOrgPolicies } from './simulated-org-policies';
import { DEFAULT_REGIONS } from './simulated-regions';

/** One call as the simulated AWS sees it: who signed it, where, and what it asked. */
export interface SimulatedCall {
  service: SimulatedService;
  operation: string;
  callerAccountId: string;
  region: string;
  input: Record<string, unknown>;
}

export type Answer = (call: SimulatedCall) => object;

export { DEFAULT_REGIONS };

const DATE_FIELDS = new Set([
  'JoinedTimestamp', 'DateEnabled', 'DelegationEnabledDate', 'LatestDeliveryTime', 'LatestNotificationTime', 'StartLoggingTime',
  'StopLoggingTime', 'LatestCloudWatchLogsDeliveryTime', 'LatestDigestDeliveryTime', 'CreateDate', 'LastUsedDate', 'CreationDate',
  'DeletionDate', 'ValidTo', 'Date',
]);

/** A snapshot value in the SDK's shape: the ISO strings of date members become `Date`s again. */
export function withDates<T>(value: T): T {
  const revive = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string' && key && DATE_FIELDS.has(key)) return new Date(node);
    if (Array.isArray(node)) return node.map((item) => revive(item));
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, revive(v, k)]));
    return node;
  };
  return revive(value) as T;
}

const OPT_IN_OF_ACCOUNT_STATUS: Record<string, string> = {
  ENABLED_BY_DEFAULT: 'opt-in-not-required',
  ENABLED: 'opted-in',
};

/** The simulated organization's answers, one per operation the collector may call. */
export class SimulatedAnswers {
  private readonly logBuckets = new Map<string, LogBucket>();
  private readonly orgPolicies: SimulatedOrgPolicies;

  constructor(
    private readonly snapshot: ListedSnapshot,
    private readonly memberRoleName: string,
    /** Access key → account, for the credentials the simulated STS has issued. */
    private readonly issueCredentials: (accountId: string) => { AccessKeyId: string; SecretAccessKey: string; SessionToken: string },
  ) {
    this.orgPolicies = new SimulatedOrgPolicies(snapshot);
  }

  get managementAccountId(): string {
    return answerOf(this.snapshot.organization)?.MasterAccountId ?? this.snapshot.auditorAccountId;
  }

  readonly answers: Record<string, Answer> = {
    // STS
    GetCallerIdentity: (call) => ({
      Account: call.callerAccountId,
      Arn: `arn:${this.snapshot.partition}:sts::${call.callerAccountId}:assumed-role/OrgTrailAuditorFunctionRole/audit`,
      UserId: 'AROASIMULATED:audit',
    }),
    AssumeRole: (call) => {
      const roleArn = String(call.input.RoleArn);
      const target = roleArn.split(':')[4] ?? '';
      const roleName = roleArn.split(':role/')[1] ?? '';
      const denied = () =>
        accessDenied('STS', `User: arn:${this.snapshot.partition}:sts::${call.callerAccountId}:assumed-role/OrgTrailAuditorFunctionRole/audit is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
      const recorded = this.snapshot.accountData?.[target]?.error;
      if (recorded) throw recordedError('STS', recorded);
      if (!this.snapshot.accounts.some((a) => a.Id === target) || roleName !== this.memberRoleName) throw denied();
      return {
        Credentials: { ...this.issueCredentials(target), Expiration: new Date(Date.now() + 3_600_000) },
        AssumedRoleUser: { Arn: `arn:${this.snapshot.partition}:sts::${target}:assumed-role/${roleName}/${String(call.input.RoleSessionName)}`, AssumedRoleId: 'AROASIMULATED:audit' },
      };
    },

    // Organizations
    DescribeOrganization: () => ({ Organization: withDates(this.answer('Organizations', this.snapshot.organization)) }),
    ListAccounts: (call) => {
      const maxResults = Number(call.input.MaxResults ?? 20);
      if (maxResults > 20) throw serviceError('Organizations', 'InvalidInputException', 'MaxResults must be at most 20');
      const start = Number(call.input.NextToken ?? 0);
      // A snapshot whose list was incomplete: its accounts are the pages read, the next one fails.
      const incomplete = this.snapshot.accountsIncomplete;
      if (incomplete && start >= this.snapshot.accounts.length) throw recordedError('Organizations', incomplete);
      const page = this.snapshot.accounts.slice(start, start + maxResults);
      const next = incomplete || start + maxResults < this.snapshot.accounts.length ? String(start + maxResults) : undefined;
      return { Accounts: withDates(page), NextToken: next };
    },
    ListAWSServiceAccessForOrganization: () => ({ EnabledServicePrincipals: withDates(this.answer('Organizations', this.snapshot.enabledServicePrincipals ?? [])) }),
    ListDelegatedAdministrators: () => ({ DelegatedAdministrators: withDates(this.answer('Organizations', this.snapshot.delegatedAdministrators ?? [])) }),
    DescribeResourcePolicy: () => {
      const policy = this.snapshot.resourcePolicy;
      if (policy === null || policy === undefined) throw resourcePolicyNotFound();
      return { ResourcePolicy: this.answer('Organizations', policy) };
    },
    ListRoots: (call) => this.orgPolicies.listRoots(call.input.NextToken),
    ListParents: (call) => this.orgPolicies.listParents(String(call.input.ChildId)),
    ListPoliciesForTarget: (call) =>
      this.orgPolicies.listPoliciesForTarget(String(call.input.TargetId), call.input.Filter as PolicyType, call.input.NextToken),
    DescribePolicy: (call) => this.orgPolicies.describePolicy(String(call.input.PolicyId)),

    // Account and EC2: the caller's own regions
    ListRegions: (call) => {
      const regions = this.accountRegions(call.callerAccountId, 'Account');
      const start = Number(call.input.NextToken ?? 0);
      const size = Number(call.input.MaxResults ?? 20);
      return { Regions: regions.slice(start, start + size), NextToken: start + size < regions.length ? String(start + size) : undefined };
    },
    DescribeRegions: (call) => {
      const regions = this.ec2Regions(call.callerAccountId);
      return { Regions: call.input.AllRegions ? regions : regions.filter((r) => r.OptInStatus !== 'not-opted-in') };
    },

    // CloudTrail, in the caller's account and the call's region
    DescribeTrails: (call) => ({ trailList: this.trailsIn(call) }),
    GetTrailStatus: (call) => withDates(this.trailDetail(call, 'Name', (data) => data.trailStatus)),
    GetEventSelectors: (call) => this.trailDetail(call, 'TrailName', (data) => data.eventSelectors),
    GetInsightSelectors: (call) => {
      const arn = String(call.input.TrailName);
      const value = this.regionData(call)?.insightSelectors?.[arn];
      if (value === null || value === undefined) {
        this.trailDetail(call, 'TrailName', () => undefined, true);
        throw insightNotEnabled(arn);
      }
      return this.answer('CloudTrail', value);
    },

    // IAM: the caller's roles
    GetRole: (call) => {
      const roleName = String(call.input.RoleName);
      const role = this.role(call.callerAccountId, roleName);
      return { Role: withDates({ ...role.role, AssumeRolePolicyDocument: encodeDocument(role.role.AssumeRolePolicyDocument) }) };
    },
    ListRolePolicies: (call) => ({ PolicyNames: this.rolePolicies(call).map((_, i) => `policy-${i}`), IsTruncated: false }),
    GetRolePolicy: (call) => {
      const index = Number(String(call.input.PolicyName).replace('policy-', ''));
      return { RoleName: call.input.RoleName, PolicyName: call.input.PolicyName, PolicyDocument: encodeDocument(this.rolePolicies(call)[index]) };
    },
    ListAttachedRolePolicies: (call) => {
      this.rolePolicies(call);
      return { AttachedPolicies: [], IsTruncated: false };
    },

    // KMS, SNS, CloudWatch Logs: by ARN
    DescribeKey: (call) => ({ KeyMetadata: withDates(this.answer('KMS', this.kmsKey(String(call.input.KeyId)).metadata ?? {})) }),
    GetKeyPolicy: (call) => {
      const policy = this.kmsKey(String(call.input.KeyId)).policy;
      if (policy === null || policy === undefined) throw kmsNotFound('Key policy not found');
      return { Policy: this.answer('KMS', policy), PolicyName: 'default' };
    },
    GetTopicAttributes: (call) => {
      const arn = String(call.input.TopicArn);
      const topic = this.snapshot.snsTopics?.[arn];
      if (topic === null || topic === undefined) throw snsNotFound('Topic does not exist');
      return { Attributes: this.answer('SNS', topic).attributes };
    },
    DescribeLogGroups: (call) => {
      const prefix = String(call.input.logGroupNamePrefix ?? '');
      const groups = [];
      for (const [arn, group] of Object.entries(this.snapshot.logGroups ?? {})) {
        const [, , , region, account] = arn.split(':');
        if (region !== call.region || account !== call.callerAccountId || group === null) continue;
        const value = this.answer('CloudWatchLogs', group);
        if (value.logGroupName?.startsWith(prefix)) groups.push(value);
      }
      return { logGroups: groups };
    },

    // S3: the bucket's owner reads it; everyone else is refused
    HeadBucket: (call) => {
      const bucket = this.bucketFor(call, true);
      return { BucketRegion: bucket.region ?? 'us-east-1', AccessPointAlias: false };
    },
    GetBucketPolicy: (call) => ({ Policy: this.bucketValue(call, 'policy', 'NoSuchBucketPolicy', 'The bucket policy does not exist') }),
    GetBucketPolicyStatus: (call) => ({ PolicyStatus: this.bucketValue(call, 'policyStatus', 'NoSuchBucketPolicy', 'The bucket policy does not exist') }),
    GetPublicAccessBlock: (call) => ({
      PublicAccessBlockConfiguration: this.bucketValue(call, 'publicAccessBlock', 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'),
    }),
    GetBucketLifecycleConfiguration: (call) => ({
      Rules: withDates(this.bucketValue(call, 'lifecycleRules', 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist')),
    }),
    GetBucketVersioning: (call) => this.bucketValue(call, 'versioning', 'NoSuchBucket', 'no versioning') ?? {},
    GetBucketLogging: (call) => {
      const logging = this.bucketFor(call, false).logging;
      if (logging === undefined) throw accessDenied('S3', 'Access Denied');
      return logging === null ? {} : { LoggingEnabled: this.answer('S3', logging) };
    },
    // Absent from a snapshot: the default, the bucket owner pays.
    GetBucketRequestPayment: (call) => ({ Payer: this.answer('S3', this.bucketFor(call, false).requestPayment ?? 'BucketOwner') }),
    GetObjectLockConfiguration: (call) => ({
      ObjectLockConfiguration: this.bucketValue(call, 'objectLock', 'ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'),
    }),
    ListObjectsV2: (call) => {
      this.bucketFor(call, false);
      const page = this.logBucket(String(call.input.Bucket)).listObjectsV2(call.input);
      if ('error' in page) throw recordedError('S3', page.error);
      return page;
    },
  };

  /** A log bucket's objects, laid out from the snapshot on first use. */
  logBucket(bucketName: string): LogBucket {
    let bucket = this.logBuckets.get(bucketName);
    if (!bucket) this.logBuckets.set(bucketName, (bucket = new LogBucket(bucketName, this.snapshot)));
    return bucket;
  }

  /** Whether the caller may use the call's region (regional services only). */
  checkRegionEnabled(call: SimulatedCall): void {
    if (call.service !== 'CloudTrail' && call.service !== 'EC2') return;
    const region = this.ec2Regions(call.callerAccountId).find((r) => r.RegionName === call.region);
    if (!region || region.OptInStatus === 'not-opted-in') throw regionNotEnabled(call.service);
  }

  private answer<T>(service: SimulatedService, value: Recorded<T>): T {
    if (isFailed(value)) throw recordedError(service, value.error);
    return value as T;
  }

  private accountRegions(accountId: string, service: SimulatedService): SnapshotAccountRegion[] {
    const data = this.snapshot.accountData?.[accountId];
    if (data?.regions) return this.answer(service, data.regions);
    const ec2 = data?.ec2Regions && this.answer(service, data.ec2Regions);
    if (ec2) return ec2.map((r) => ({ RegionName: r.RegionName, RegionOptStatus: r.OptInStatus === 'not-opted-in' ? 'DISABLED' : r.OptInStatus === 'opted-in' ? 'ENABLED' : 'ENABLED_BY_DEFAULT' }));
    return DEFAULT_REGIONS.map((RegionName) => ({ RegionName, RegionOptStatus: 'ENABLED_BY_DEFAULT' }));
  }

  private ec2Regions(accountId: string): SnapshotEc2Region[] {
    const data = this.snapshot.accountData?.[accountId];
    if (data?.ec2Regions) return this.answer('EC2', data.ec2Regions);
    return this.accountRegions(accountId, 'EC2').map((r) => ({
      RegionName: r.RegionName,
      Endpoint: `ec2.${r.RegionName}.amazonaws.com`,
      OptInStatus: OPT_IN_OF_ACCOUNT_STATUS[r.RegionOptStatus ?? ''] ?? 'not-opted-in',
    }));
  }

  private regionData(call: SimulatedCall): ListedRegionData | undefined {
    return this.snapshot.accountData?.[call.callerAccountId]?.regionData?.[call.region];
  }

  /**
   * DescribeTrails(includeShadowTrails): the region's recorded trails; where the snapshot did not
   * read the region, the multi-region trails the account has elsewhere (their shadows).
   */
  private trailsIn(call: SimulatedCall): SnapshotTrail[] {
    const data = this.regionData(call);
    if (data?.error) throw recordedError('CloudTrail', data.error);
    if (data?.trails) return withDates(data.trails);
    const shadows = new Map<string, SnapshotTrail>();
    for (const other of Object.values(this.snapshot.accountData?.[call.callerAccountId]?.regionData ?? {})) {
      for (const trail of other.trails ?? []) if (trail.IsMultiRegionTrail && trail.TrailARN) shadows.set(trail.TrailARN, trail);
    }
    return [...shadows.values()];
  }

  private trailDetail<T>(
    call: SimulatedCall,
    nameField: string,
    pick: (data: ListedRegionData) => Record<string, Recorded<T> | null> | undefined,
    existenceOnly = false,
  ): T {
    const arn = String(call.input[nameField]);
    const data = this.regionData(call);
    const value = data ? pick(data)?.[arn] : undefined;
    const listed = this.trailsIn(call).some((t) => t.TrailARN === arn);
    if (!listed || (value === undefined && !existenceOnly)) throw trailNotFound(`Unknown trail: ${arn} for the user: ${call.callerAccountId}`);
    return (value === undefined || value === null ? {} : this.answer('CloudTrail', value)) as T;
  }

  private role(accountId: string, roleName: string) {
    if (roleName === 'AWSServiceRoleForCloudTrail') {
      const role = this.snapshot.accountData?.[accountId]?.cloudTrailServiceLinkedRole;
      if (role === null || role === undefined) throw noSuchEntity(`The role with name ${roleName} cannot be found.`);
      return { role: this.answer('IAM', role), policies: [] as string[] };
    }
    for (const [arn, data] of Object.entries(this.snapshot.roles ?? {})) {
      if (arn.split(':')[4] !== accountId || arn.split('/').pop() !== roleName) continue;
      if (data === null) break;
      const found = this.answer('IAM', data);
      return { role: this.answer('IAM', found.role), policies: found.policies };
    }
    throw noSuchEntity(`The role with name ${roleName} cannot be found.`);
  }

  private rolePolicies(call: SimulatedCall): string[] {
    const policies = this.role(call.callerAccountId, String(call.input.RoleName)).policies;
    return policies === undefined ? [] : this.answer('IAM', policies);
  }

  private kmsKey(keyId: string) {
    const key = this.snapshot.kmsKeys?.[keyId];
    if (key === null || key === undefined) throw kmsNotFound(`Key '${keyId}' does not exist`);
    return this.answer('KMS', key);
  }

  private bucketFor(call: SimulatedCall, head: boolean) {
    const name = String(call.input.Bucket);
    const bucket = this.snapshot.buckets?.[name];
    if (!bucket || bucket.error?.code === 'NoSuchBucket') throw head ? headBucketNotFound() : noSuchBucket('The specified bucket does not exist');
    const owner = bucket.ownerAccountId ?? this.managementAccountId;
    if (bucket.error || call.callerAccountId !== owner) {
      if (head) throw headBucketForbidden();
      throw bucket.error ? recordedError('S3', bucket.error) : accessDenied('S3', 'Access Denied');
    }
    return bucket;
  }

  private bucketValue<K extends 'policy' | 'policyStatus' | 'publicAccessBlock' | 'lifecycleRules' | 'versioning' | 'objectLock'>(
    call: SimulatedCall,
    field: K,
    notConfigured: string,
    message: string,
  ) {
    const value = this.bucketFor(call, false)[field];
    if (value === undefined) throw accessDenied('S3', 'Access Denied');
    if (value === null) throw s3NotConfigured(notConfigured, message);
    return this.answer('S3', value as Recorded<NonNullable<typeof value>>);
  }
}

/** IAM returns policy documents URL-encoded (RFC 3986). */
function encodeDocument(document: string | undefined): string | undefined {
  return document === undefined ? undefined : encodeURIComponent(document);
}
