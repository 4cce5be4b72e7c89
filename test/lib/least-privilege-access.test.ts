/**
 * The synthesized policies, asked the questions the collector's calls put to IAM, with the
 * project's own policy evaluator (lambda/policy): what each kind of account lets the auditor do,
 * and what it refuses.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { evaluatePolicy, type PolicyDecisionKind, type PolicyDocument } from '../../lambda/policy/evaluate-policy';
import { memberRoleStatementsIn, stackSetTemplate } from './member-role-evaluation';
import { identityPolicyStatements, synthesize } from './synthesize';

const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
const KEY_OWNER = '333333333333';
const ORDINARY_MEMBER = '444444444444';
const OUTSIDER = '999999999999';
const ORGANIZATION = 'o-a1b2c3d4e5';

let template: Template;

beforeAll(() => {
  template = synthesize({ organizationId: ORGANIZATION, logArchiveAccountId: LOG_ARCHIVE, trailResourceAccountIds: [KEY_OWNER] });
});

function memberPolicy(accountId: string): PolicyDocument {
  return { Version: '2012-10-17', Statement: memberRoleStatementsIn(stackSetTemplate(template), accountId) } as unknown as PolicyDocument;
}

function decision(policy: PolicyDocument, action: string, resource: string, context: Record<string, string> = {}): PolicyDecisionKind {
  return evaluatePolicy(policy, { action, resource, context }).decision;
}

/** The collector's calls inside any member, and the resource IAM authorizes each against. */
const MEMBER_CALLS: [string, string][] = [
  ['ec2:DescribeRegions', '*'],
  ['cloudtrail:DescribeTrails', '*'],
  ['cloudtrail:GetTrailStatus', `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`],
];

const bucketOf = (owner: string) => ({ resource: 'arn:aws:s3:::org-cloudtrail-logs', context: { 's3:ResourceAccount': owner } });

describe.each([
  ['an ordinary member', ORDINARY_MEMBER],
  ['an account in trailResourceAccountIds', KEY_OWNER],
  ['the log archive account', LOG_ARCHIVE],
])('%s', (_kind, accountId) => {
  test.each(MEMBER_CALLS)('allows %s', (action, resource) => {
    expect(decision(memberPolicy(accountId), action, resource)).toBe('Allow');
  });

  test('refuses every write, and the reads no check makes', () => {
    const policy = memberPolicy(accountId);
    expect(decision(policy, 'cloudtrail:StopLogging', `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`)).toBe('ImplicitDeny');
    expect(decision(policy, 's3:GetObject', 'arn:aws:s3:::org-cloudtrail-logs/AWSLogs/x.json.gz', { 's3:ResourceAccount': accountId })).toBe('ImplicitDeny');
    expect(decision(policy, 'kms:Decrypt', `arn:aws:kms:us-east-1:${accountId}:key/k`)).toBe('ImplicitDeny');
    expect(decision(policy, 'iam:ListRoles', '*')).toBe('ImplicitDeny');
  });

  test('reads no resource of another account', () => {
    const policy = memberPolicy(accountId);
    const { resource, context } = bucketOf(OUTSIDER);
    expect(decision(policy, 's3:ListBucket', resource, context)).toBe('ImplicitDeny');
    expect(decision(policy, 'kms:GetKeyPolicy', `arn:aws:kms:us-east-1:${OUTSIDER}:key/k`)).toBe('ImplicitDeny');
    expect(decision(policy, 'sns:GetTopicAttributes', `arn:aws:sns:us-east-1:${OUTSIDER}:t`)).toBe('ImplicitDeny');
    expect(decision(policy, 'iam:GetRole', `arn:aws:iam::${OUTSIDER}:role/CloudTrailToLogs`)).toBe('ImplicitDeny');
  });
});

test('an ordinary member refuses the trail-resource and bucket reads, even on what it owns', () => {
  const policy = memberPolicy(ORDINARY_MEMBER);
  const { resource, context } = bucketOf(ORDINARY_MEMBER);
  expect(decision(policy, 's3:ListBucket', resource, context)).toBe('ImplicitDeny');
  expect(decision(policy, 'kms:DescribeKey', `arn:aws:kms:us-east-1:${ORDINARY_MEMBER}:key/k`)).toBe('ImplicitDeny');
  expect(decision(policy, 'logs:DescribeLogGroups', `arn:aws:logs:us-east-1:${ORDINARY_MEMBER}:log-group::log-stream:`)).toBe('ImplicitDeny');
});

test.each([
  ['an account in trailResourceAccountIds', KEY_OWNER],
  ['the log archive account', LOG_ARCHIVE],
])('%s allows the reads of the key, topic, log group and role it owns', (_kind, accountId) => {
  const policy = memberPolicy(accountId);
  expect(decision(policy, 'kms:DescribeKey', `arn:aws:kms:eu-west-1:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`)).toBe('Allow');
  expect(decision(policy, 'kms:GetKeyPolicy', `arn:aws:kms:eu-west-1:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`)).toBe('Allow');
  expect(decision(policy, 'sns:GetTopicAttributes', `arn:aws:sns:eu-west-1:${accountId}:trail-notifications`)).toBe('Allow');
  // DescribeLogGroups is authorized against this odd resource, whatever the prefix asked for.
  expect(decision(policy, 'logs:DescribeLogGroups', `arn:aws:logs:eu-west-1:${accountId}:log-group::log-stream:`)).toBe('Allow');
  for (const action of ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies']) {
    expect(decision(policy, action, `arn:aws:iam::${accountId}:role/service/CloudTrailToCloudWatchLogs`)).toBe('Allow');
  }
  expect(decision(policy, 'iam:GetPolicyVersion', `arn:aws:iam::${accountId}:policy/cloudtrail-logs-writer`)).toBe('Allow');
  expect(decision(policy, 'iam:GetPolicyVersion', 'arn:aws:iam::aws:policy/service-role/AWSCloudTrail_LogsDelivery')).toBe('Allow');
});

test('only the log archive account reads log buckets, and only those it owns', () => {
  const archive = memberPolicy(LOG_ARCHIVE);
  const own = bucketOf(LOG_ARCHIVE);
  for (const action of ['s3:ListBucket', 's3:GetBucketPolicy', 's3:GetLifecycleConfiguration', 's3:GetBucketRequestPayment', 's3:GetBucketObjectLockConfiguration']) {
    expect(decision(archive, action, own.resource, own.context)).toBe('Allow');
  }
  // Without the owner known, IAM cannot show the bucket is the account's own: refused.
  expect(decision(archive, 's3:ListBucket', own.resource)).toBe('ImplicitDeny');
  const keyOwnerBucket = bucketOf(KEY_OWNER);
  expect(decision(memberPolicy(KEY_OWNER), 's3:ListBucket', keyOwnerBucket.resource, keyOwnerBucket.context)).toBe('ImplicitDeny');
});

describe('the audit function role', () => {
  /** Fn::Join of literals and the partition/account pseudo parameters, as CloudFormation would resolve them. */
  function resolveArns(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(resolveArns);
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('Fn::Join' in record) {
        const [separator, parts] = record['Fn::Join'] as [string, unknown[]];
        return parts.map((part) => resolveArns(part)).join(separator);
      }
      if (record.Ref === 'AWS::Partition') return 'aws';
      if (record.Ref === 'AWS::AccountId') return MANAGEMENT;
      return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, resolveArns(item)]));
    }
    return value;
  }

  /** The function role's statements whose resources are ARNs known at synth (not those naming the stack's own resources). */
  function functionPolicy(): PolicyDocument {
    const statements = (resolveArns(identityPolicyStatements(template)) as { Sid?: string; Resource: unknown }[]).filter(
      (statement) => statement.Sid !== undefined && [statement.Resource].flat().every((resource) => typeof resource === 'string'),
    );
    return { Version: '2012-10-17', Statement: statements } as unknown as PolicyDocument;
  }

  test('assumes the member role in accounts of the organization only', () => {
    const policy = functionPolicy();
    const role = `arn:aws:iam::${ORDINARY_MEMBER}:role/OrgTrailAuditorMemberRole`;
    expect(decision(policy, 'sts:AssumeRole', role, { 'aws:ResourceOrgID': ORGANIZATION })).toBe('Allow');
    expect(decision(policy, 'sts:AssumeRole', `arn:aws:iam::${OUTSIDER}:role/OrgTrailAuditorMemberRole`, { 'aws:ResourceOrgID': 'o-zzzzzzzzzz' })).toBe('ImplicitDeny');
    expect(decision(policy, 'sts:AssumeRole', role)).toBe('ImplicitDeny');
    expect(decision(policy, 'sts:AssumeRole', `arn:aws:iam::${ORDINARY_MEMBER}:role/Admin`, { 'aws:ResourceOrgID': ORGANIZATION })).toBe('ImplicitDeny');
  });

  test('reads the organization, including the v2 reads', () => {
    const policy = functionPolicy();
    for (const action of ['organizations:ListRoots', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:DescribePolicy', 'account:ListRegions']) {
      expect(decision(policy, action, '*')).toBe('Allow');
    }
  });

  test("reads its own trails' status and selectors, not another account's", () => {
    const policy = functionPolicy();
    for (const action of ['cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors', 'cloudtrail:GetInsightSelectors']) {
      expect(decision(policy, action, `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`)).toBe('Allow');
      expect(decision(policy, action, `arn:aws:cloudtrail:us-east-1:${OUTSIDER}:trail/org-trail`)).toBe('ImplicitDeny');
    }
  });

  test('reads only its own log groups and roles, and the log bucket, key and topic wherever they live', () => {
    const policy = functionPolicy();
    expect(decision(policy, 'logs:DescribeLogGroups', `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group::log-stream:`)).toBe('Allow');
    expect(decision(policy, 'iam:GetRole', `arn:aws:iam::${MANAGEMENT}:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail`)).toBe('Allow');
    expect(decision(policy, 'iam:GetRole', `arn:aws:iam::${LOG_ARCHIVE}:role/CloudTrailToLogs`)).toBe('ImplicitDeny');
    expect(decision(policy, 's3:GetBucketRequestPayment', 'arn:aws:s3:::org-cloudtrail-logs')).toBe('Allow');
    expect(decision(policy, 's3:GetObject', 'arn:aws:s3:::org-cloudtrail-logs/AWSLogs/x.json.gz')).toBe('ImplicitDeny');
    expect(decision(policy, 'kms:GetKeyPolicy', `arn:aws:kms:us-east-1:${LOG_ARCHIVE}:key/k`)).toBe('Allow');
    expect(decision(policy, 'kms:Decrypt', `arn:aws:kms:us-east-1:${LOG_ARCHIVE}:key/k`)).toBe('ImplicitDeny');
  });
});
