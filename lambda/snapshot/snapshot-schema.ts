/**
 * The JSON Schema of the snapshot (version 1), as a module so that it is bundled with the code that
 * validates against it: `dist/`, the CLI and the esbuild-bundled Lambda all carry it.
 * docs/snapshot.schema.json is generated from it (`npm run docs`) and a test keeps the two equal.
 *
 * It describes lambda/snapshot/types.ts: the keys every reader relies on, with their types, and
 * nothing more. Unknown keys are allowed everywhere, so that a snapshot written by a newer collector
 * stays readable. Three conventions run through it:
 *   - an answer may be replaced by `{ "error": { "code": … } }` (a failed call);
 *   - `null` means "collected, and there is none" where the format allows it;
 *   - an absent key means "not collected".
 */

/** The subset of JSON Schema (draft-07) this module writes. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  const?: unknown;
  pattern?: string;
  /** `date-time`: checked by the loader as a real instant (month 1–12, a day the month has, hour 0–23 …). */
  format?: 'date-time';
  minimum?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema | boolean;
  else?: JsonSchema | boolean;
}

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const ACCOUNT_ID_PATTERN = '^[0-9]{12}$';
/** What `Date.toISOString()` writes, and ISO-8601 with an offset. */
const TIMESTAMP_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})$';

const string: JsonSchema = { type: 'string' };
const boolean: JsonSchema = { type: 'boolean' };
const integer: JsonSchema = { type: 'integer' };
const number: JsonSchema = { type: 'number' };
const accountId: JsonSchema = { type: 'string', pattern: ACCOUNT_ID_PATTERN, description: 'a 12-digit AWS account ID' };
const timestamp: JsonSchema = { type: 'string', pattern: TIMESTAMP_PATTERN, format: 'date-time', description: 'an ISO-8601 date-time' };
const strings: JsonSchema = { type: 'array', items: string };

function object(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return required.length > 0 ? { type: 'object', required, properties } : { type: 'object', properties };
}

function arrayOf(items: JsonSchema): JsonSchema {
  return { type: 'array', items };
}

/** An object keyed by anything (ARN, name …), each value matching `values`. */
function mapOf(values: JsonSchema, keys?: JsonSchema): JsonSchema {
  return keys ? { type: 'object', propertyNames: keys, additionalProperties: values } : { type: 'object', additionalProperties: values };
}

/** The schema, or null ("collected, and there is none"). */
function orNull(schema: JsonSchema): JsonSchema {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return { ...schema, type: [...types, 'null'] };
}

const apiError = object({ code: string, message: string }, ['code']);
const failedCall = object({ error: apiError }, ['error']);

/**
 * `Recorded<T>`: the answer, or `{ "error": … }` in its place. An object with an `error` key is read
 * as a failed call; anything else must be the answer. (if/then/else rather than oneOf, so that a
 * mistake is reported against the answer's own keys, not as "matches no alternative".)
 */
function recorded(answer: JsonSchema): JsonSchema {
  return { if: { type: 'object', required: ['error'], properties: { error: {} } }, then: failedCall, else: answer };
}

const organization = object({
  Id: string,
  Arn: string,
  FeatureSet: string,
  MasterAccountArn: string,
  MasterAccountId: accountId,
  MasterAccountEmail: string,
});

const account = object(
  {
    Id: accountId,
    Arn: string,
    Email: string,
    Name: string,
    Status: string,
    State: string,
    JoinedMethod: string,
    JoinedTimestamp: timestamp,
  },
  ['Id'],
);

const accountRegion = object({ RegionName: string, RegionOptStatus: string });
const ec2Region = object({ RegionName: string, Endpoint: string, OptInStatus: string });

const role = object({
  Path: string,
  RoleName: string,
  RoleId: string,
  Arn: string,
  CreateDate: timestamp,
  AssumeRolePolicyDocument: string,
});

const trail = object({
  Name: string,
  S3BucketName: string,
  S3KeyPrefix: string,
  SnsTopicName: string,
  SnsTopicARN: string,
  IncludeGlobalServiceEvents: boolean,
  IsMultiRegionTrail: boolean,
  HomeRegion: string,
  TrailARN: string,
  LogFileValidationEnabled: boolean,
  CloudWatchLogsLogGroupArn: string,
  CloudWatchLogsRoleArn: string,
  KmsKeyId: string,
  HasCustomEventSelectors: boolean,
  HasInsightSelectors: boolean,
  IsOrganizationTrail: boolean,
});

const trailStatus = object({
  IsLogging: boolean,
  LatestDeliveryError: string,
  LatestNotificationError: string,
  LatestDeliveryTime: timestamp,
  LatestNotificationTime: timestamp,
  StartLoggingTime: timestamp,
  StopLoggingTime: timestamp,
  LatestCloudWatchLogsDeliveryError: string,
  LatestCloudWatchLogsDeliveryTime: timestamp,
  LatestDigestDeliveryTime: timestamp,
  LatestDigestDeliveryError: string,
  LatestDeliveryAttemptTime: string,
  LatestNotificationAttemptTime: string,
  LatestNotificationAttemptSucceeded: string,
  LatestDeliveryAttemptSucceeded: string,
  TimeLoggingStarted: string,
  TimeLoggingStopped: string,
});

const eventSelectors = object({
  TrailARN: string,
  EventSelectors: arrayOf(
    object({
      ReadWriteType: string,
      IncludeManagementEvents: boolean,
      DataResources: arrayOf(object({ Type: string, Values: strings })),
      ExcludeManagementEventSources: strings,
    }),
  ),
  AdvancedEventSelectors: arrayOf(
    object({
      Name: string,
      FieldSelectors: arrayOf(
        object(
          {
            Field: string,
            Equals: strings,
            StartsWith: strings,
            EndsWith: strings,
            NotEquals: strings,
            NotStartsWith: strings,
            NotEndsWith: strings,
          },
          ['Field'],
        ),
      ),
    }),
  ),
});

const insightSelectors = object({
  TrailARN: string,
  InsightSelectors: arrayOf(object({ InsightType: string, EventCategories: strings })),
});

const regionData = object({
  error: apiError,
  trails: recorded(arrayOf(trail)),
  trailStatus: recorded(mapOf(recorded(trailStatus))),
  eventSelectors: mapOf(recorded(eventSelectors)),
  insightSelectors: mapOf(recorded(orNull(insightSelectors))),
});

const accountData = object({
  error: apiError,
  regions: recorded(arrayOf(accountRegion)),
  ec2Regions: recorded(arrayOf(ec2Region)),
  cloudTrailServiceLinkedRole: recorded(orNull(role)),
  regionData: recorded(mapOf(regionData)),
});

const lifecycleRule = object({
  ID: string,
  Prefix: string,
  Status: string,
  Filter: object({
    Prefix: string,
    Tag: object({ Key: string, Value: string }),
    ObjectSizeGreaterThan: integer,
    ObjectSizeLessThan: integer,
    And: object({ Prefix: string, Tags: arrayOf(object({ Key: string, Value: string })), ObjectSizeGreaterThan: integer, ObjectSizeLessThan: integer }),
  }),
  Expiration: object({ Days: integer, Date: timestamp, ExpiredObjectDeleteMarker: boolean }),
  Transitions: arrayOf(object({ Days: integer, Date: timestamp, StorageClass: string })),
  NoncurrentVersionExpiration: object({ NoncurrentDays: integer, NewerNoncurrentVersions: integer }),
});

const bucket = object({
  error: apiError,
  ownerAccountId: accountId,
  region: orNull(string),
  policy: recorded(orNull(string)),
  policyStatus: recorded(orNull(object({ IsPublic: boolean }))),
  publicAccessBlock: recorded(
    orNull(object({ BlockPublicAcls: boolean, IgnorePublicAcls: boolean, BlockPublicPolicy: boolean, RestrictPublicBuckets: boolean })),
  ),
  lifecycleRules: recorded(orNull(arrayOf(lifecycleRule))),
  versioning: recorded(object({ Status: string, MFADelete: string })),
  logging: recorded(orNull(object({ TargetBucket: string, TargetPrefix: string }))),
  objectLock: recorded(orNull(object({ ObjectLockEnabled: string, Rule: object({ DefaultRetention: object({ Mode: string, Days: integer, Years: integer }) }) }))),
  deliveryEvidence: mapOf(mapOf(recorded(orNull(timestamp))), accountId),
  requestPayment: recorded({ type: 'string', pattern: '^(BucketOwner|Requester)$', description: 'BucketOwner or Requester' }),
});

const kmsKey = object({
  metadata: recorded(
    object({
      AWSAccountId: accountId,
      KeyId: string,
      Arn: string,
      Enabled: boolean,
      KeyState: string,
      KeyManager: string,
      DeletionDate: timestamp,
      CreationDate: timestamp,
    }),
  ),
  policy: recorded(orNull(string)),
});

const snsTopic = object({ attributes: mapOf(string) }, ['attributes']);

const logGroup = object({ logGroupName: string, arn: string, retentionInDays: integer, creationTime: number });

const cloudWatchLogsRole = object({ role: recorded(role), policies: recorded(strings) }, ['role']);

const root = object({ Id: string, Arn: string, Name: string, PolicyTypes: arrayOf(object({ Type: string, Status: string })) });
const targetPolicy = object({ Id: string, Arn: string, Name: string, Description: string, Type: string, AwsManaged: boolean, Content: string });

export const SNAPSHOT_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://org-trail-auditor.dev/schemas/snapshot-1.json',
  title: 'org-trail-auditor organization snapshot, version 1',
  description:
    'What the collector read of an AWS organization: raw AWS API answers, dates as ISO-8601 strings. ' +
    'An absent key means "not collected", null means "collected, and there is none", and ' +
    '{"error": {"code": …}} in place of an answer means the call failed. Unknown keys are allowed.',
  type: 'object',
  required: ['snapshotVersion', 'capturedAt', 'partition', 'auditorAccountId', 'organization', 'accounts', 'accountData'],
  properties: {
    snapshotVersion: { const: 1 },
    capturedAt: timestamp,
    partition: { type: 'string', pattern: '^aws(-[a-z]+)*$', description: 'aws, aws-cn, aws-us-gov …' },
    auditorAccountId: accountId,
    organization: recorded(organization),
    accounts: recorded(arrayOf(account)),
    accountsIncomplete: apiError,
    roots: recorded(arrayOf(root)),
    accountPaths: mapOf(recorded(strings), accountId),
    targetPolicies: mapOf(recorded(mapOf(recorded(arrayOf(targetPolicy))))),
    enabledServicePrincipals: recorded(arrayOf(object({ ServicePrincipal: string, DateEnabled: timestamp }))),
    delegatedAdministrators: recorded(arrayOf(object({ Id: accountId, Name: string, Status: string }))),
    resourcePolicy: recorded(orNull(object({ Content: string, ResourcePolicySummary: { type: 'object' } }))),
    accountData: mapOf(accountData, accountId),
    buckets: mapOf(bucket),
    kmsKeys: mapOf(recorded(orNull(kmsKey))),
    snsTopics: mapOf(recorded(orNull(snsTopic))),
    logGroups: mapOf(recorded(orNull(logGroup))),
    roles: mapOf(recorded(orNull(cloudWatchLogsRole))),
  },
};

/** The snapshot version this auditor reads and writes. */
export const SNAPSHOT_VERSION = 1;
