/**
 * The real policies of the bundled fixtures, asked the questions docs/policy-evaluation.md lists
 * (the "Policy questions" of the check catalog), with the answers AWS would give.
 */
import { evaluatePolicy } from '../../lambda/policy/evaluate-policy';
import type { PolicyDecisionKind, PolicyRequest, RequestPrincipal } from '../../lambda/policy/types';
import { answerOf, type ListedSnapshot } from '../../lambda/snapshot/types';
import { fixture, type FixtureName } from '../support/snapshots';

const CLOUDTRAIL: RequestPrincipal = { service: 'cloudtrail.amazonaws.com' };

interface Org {
  snapshot: ListedSnapshot;
  /** T, M, O, R and the trail's resources, read from the org trail in the fixture. */
  trailArn: string;
  management: string;
  orgId: string;
  region: string;
  bucket: string;
  keyArn: string;
  topicArn: string;
  roleArn: string;
  logGroup: string;
  accountIds: string[];
}

function orgOf(name: FixtureName): Org {
  const snapshot = fixture(name);
  const organization = answerOf(snapshot.organization);
  const management = organization?.MasterAccountId ?? '';
  const trails = answerOf(snapshot.accountData?.[management]?.regionData?.['us-east-1']?.trails) ?? [];
  const trail = trails.find((candidate) => candidate.IsOrganizationTrail);
  if (!organization?.Id || !trail?.TrailARN || !trail.S3BucketName || !trail.KmsKeyId || !trail.SnsTopicARN || !trail.CloudWatchLogsRoleArn || !trail.CloudWatchLogsLogGroupArn) {
    throw new Error(`fixture ${name} lacks the org trail this test reads`);
  }
  expect(trail.S3KeyPrefix).toBeUndefined();
  return {
    snapshot,
    trailArn: trail.TrailARN,
    management,
    orgId: organization.Id,
    region: trail.HomeRegion ?? 'us-east-1',
    bucket: trail.S3BucketName,
    keyArn: trail.KmsKeyId,
    topicArn: trail.SnsTopicARN,
    roleArn: trail.CloudWatchLogsRoleArn,
    logGroup: trail.CloudWatchLogsLogGroupArn.replace(/:\*$/, ''),
    accountIds: (answerOf(snapshot.accounts) ?? []).map((account) => account.Id ?? ''),
  };
}

const demo = orgOf('demo-org');
const healthy = orgOf('healthy-org');

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`fixture has no ${what}`);
  return value;
}
const bucketPolicy = (org: Org): string => text(answerOf(org.snapshot.buckets?.[org.bucket]?.policy ?? undefined), 'bucket policy');
const keyPolicy = (org: Org): string => text(answerOf(answerOf(org.snapshot.kmsKeys?.[org.keyArn] ?? undefined)?.policy ?? undefined), 'key policy');
const topicPolicy = (org: Org): string => text(answerOf(org.snapshot.snsTopics?.[org.topicArn] ?? undefined)?.attributes?.Policy, 'topic policy');
const roleData = (org: Org) => answerOf(org.snapshot.roles?.[org.roleArn] ?? undefined);
const trustPolicy = (org: Org): string => text(answerOf(roleData(org)?.role)?.AssumeRolePolicyDocument, 'trust policy');
const rolePolicies = (org: Org): string[] => answerOf(roleData(org)?.policies) ?? [];

const source = (org: Org) => ({ 'aws:SourceArn': org.trailArn, 'aws:SourceAccount': org.management });

/** S3-002, the write of account A's log file. */
function putLogRequest(org: Org, accountId: string, key = `AWSLogs/${org.orgId}/${accountId}/CloudTrail/${org.region}/x`): PolicyRequest {
  return {
    principal: CLOUDTRAIL,
    action: 's3:PutObject',
    resource: `arn:aws:s3:::${org.bucket}/${key}`,
    context: { 's3:x-amz-acl': 'bucket-owner-full-control', ...source(org), 'aws:SecureTransport': true },
  };
}

function aclRequest(org: Org, secure: boolean): PolicyRequest {
  return { principal: CLOUDTRAIL, action: 's3:GetBucketAcl', resource: `arn:aws:s3:::${org.bucket}`, context: { ...source(org), 'aws:SecureTransport': secure } };
}

function keyRequest(org: Org, encryptionContextTrail: string): PolicyRequest {
  return {
    principal: CLOUDTRAIL,
    action: 'kms:GenerateDataKey',
    resource: org.keyArn,
    context: { 'kms:EncryptionContext:aws:cloudtrail:arn': encryptionContextTrail, ...source(org) },
  };
}

function streamResource(org: Org, stream: string): string {
  return `${org.logGroup}:log-stream:${stream}`;
}

/** Several identity policies together: an explicit Deny in any wins, otherwise one Allow is enough. */
function identityDecision(policies: string[], request: PolicyRequest): PolicyDecisionKind {
  const decisions = policies.map((policy) => evaluatePolicy(policy, request).decision);
  if (decisions.includes('ExplicitDeny')) return 'ExplicitDeny';
  return decisions.includes('Allow') ? 'Allow' : 'ImplicitDeny';
}

describe('fixture policies: S3-002 bucket policy', () => {
  it.each([
    { name: 'demo: GetBucketAcl over TLS', org: demo, request: aclRequest(demo, true), decision: 'Allow', by: ['AWSCloudTrailAclCheck'] },
    { name: 'demo: GetBucketAcl without TLS', org: demo, request: aclRequest(demo, false), decision: 'ExplicitDeny', by: ['DenyInsecureTransport'] },
    { name: 'healthy: GetBucketAcl over TLS', org: healthy, request: aclRequest(healthy, true), decision: 'Allow', by: ['AWSCloudTrailAclCheck'] },
    {
      name: 'demo: GetBucketAcl from another trail',
      org: demo,
      request: { ...aclRequest(demo, true), context: { ...aclRequest(demo, true).context, 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/other' } },
      decision: 'ImplicitDeny',
      by: [],
    },
    {
      name: 'demo: a non-organization log of the management account (AWSLogs/M/) is allowed',
      org: demo,
      request: putLogRequest(demo, demo.management, `AWSLogs/${demo.management}/CloudTrail/us-east-1/x`),
      decision: 'Allow',
      by: ['AWSCloudTrailWrite'],
    },
    {
      name: 'demo: PutObject without bucket-owner-full-control',
      org: demo,
      request: { ...putLogRequest(demo, demo.management, `AWSLogs/${demo.management}/x`), context: { ...source(demo), 'aws:SecureTransport': true } },
      decision: 'ImplicitDeny',
      by: [],
    },
    {
      name: 'healthy: PutObject without TLS',
      org: healthy,
      request: { ...putLogRequest(healthy, healthy.management), context: { ...putLogRequest(healthy, healthy.management).context, 'aws:SecureTransport': false } },
      decision: 'ExplicitDeny',
      by: ['DenyInsecureTransport'],
    },
  ])('$name → $decision', ({ org, request, decision, by }) => {
    expect(evaluatePolicy(bucketPolicy(org), request)).toEqual({ decision, statements: by, unknownOperators: [] });
  });

  it("demo: the org trail may not write any account's log under AWSLogs/O/ (management included)", () => {
    expect(demo.accountIds).toContain(demo.management);
    for (const accountId of demo.accountIds) {
      expect(evaluatePolicy(bucketPolicy(demo), putLogRequest(demo, accountId)).decision).toBe('ImplicitDeny');
    }
  });

  it("healthy: the org trail may write every account's log under AWSLogs/O/", () => {
    expect(healthy.accountIds.length).toBeGreaterThan(1);
    for (const accountId of healthy.accountIds) {
      expect(evaluatePolicy(bucketPolicy(healthy), putLogRequest(healthy, accountId))).toEqual({
        decision: 'Allow',
        statements: ['AWSCloudTrailOrganizationWrite'],
        unknownOperators: [],
      });
    }
  });
});

describe('fixture policies: CFG-004 key policy', () => {
  it.each([
    { name: 'demo: this trail', org: demo, request: keyRequest(demo, demo.trailArn), decision: 'Allow' },
    { name: 'healthy: this trail', org: healthy, request: keyRequest(healthy, healthy.trailArn), decision: 'Allow' },
    { name: 'demo: an encryption context of another account', org: demo, request: keyRequest(demo, 'arn:aws:cloudtrail:us-east-1:999999999999:trail/x'), decision: 'ImplicitDeny' },
    {
      name: 'demo: without aws:SourceArn',
      org: demo,
      request: { ...keyRequest(demo, demo.trailArn), context: { 'kms:EncryptionContext:aws:cloudtrail:arn': demo.trailArn } },
      decision: 'ImplicitDeny',
    },
    {
      name: 'demo: kms:GenerateDataKeyWithoutPlaintext matches GenerateDataKey*',
      org: demo,
      request: { ...keyRequest(demo, demo.trailArn), action: 'kms:GenerateDataKeyWithoutPlaintext' },
      decision: 'Allow',
    },
    {
      name: 'demo: kms:Decrypt by a role of the management account (the root statement)',
      org: demo,
      request: { principal: { arn: 'arn:aws:iam::111111111111:role/Admin', accountId: '111111111111' }, action: 'kms:Decrypt', resource: demo.keyArn, context: {} },
      decision: 'Allow',
    },
    { name: 'demo: kms:Decrypt by CloudTrail', org: demo, request: { ...keyRequest(demo, demo.trailArn), action: 'kms:Decrypt' }, decision: 'ImplicitDeny' },
  ])('$name → $decision', ({ org, request, decision }) => {
    expect(evaluatePolicy(keyPolicy(org), request).decision).toBe(decision);
  });
});

describe('fixture policies: CFG-013 topic policy (Version 2008-10-17)', () => {
  const publish = (org: Org, principal: RequestPrincipal): PolicyRequest => ({ principal, action: 'sns:Publish', resource: org.topicArn, context: source(org) });
  it.each([
    // The demo's topic policy names the account root, not the CloudTrail service.
    { name: 'demo: CloudTrail', org: demo, principal: CLOUDTRAIL, decision: 'ImplicitDeny' },
    { name: 'demo: a role of the management account', org: demo, principal: { arn: 'arn:aws:iam::111111111111:role/x', accountId: '111111111111' }, decision: 'Allow' },
    { name: 'healthy: CloudTrail', org: healthy, principal: CLOUDTRAIL, decision: 'Allow' },
    { name: 'healthy: another service', org: healthy, principal: { service: 'events.amazonaws.com' }, decision: 'ImplicitDeny' },
  ])('$name → $decision', ({ org, principal, decision }) => {
    expect(evaluatePolicy(topicPolicy(org), publish(org, principal)).decision).toBe(decision);
  });
});

describe('fixture policies: CFG-006 CloudWatch Logs role', () => {
  it.each([
    { name: 'demo: CloudTrail', org: demo, principal: CLOUDTRAIL, decision: 'Allow' },
    { name: 'demo: another service', org: demo, principal: { service: 'lambda.amazonaws.com' }, decision: 'ImplicitDeny' },
    { name: 'healthy: CloudTrail', org: healthy, principal: CLOUDTRAIL, decision: 'Allow' },
  ])('trust policy, sts:AssumeRole by $name → $decision', ({ org, principal, decision }) => {
    const request: PolicyRequest = { principal, action: 'sts:AssumeRole', resource: org.roleArn, context: source(org) };
    expect(evaluatePolicy(trustPolicy(org), request).decision).toBe(decision);
  });

  const streams = (org: Org, member: string) => [
    { stream: `${org.management}_CloudTrail_${org.region}`, kind: 'management' },
    { stream: `${org.orgId}_${member}_CloudTrail_${org.region}`, kind: 'member' },
  ];
  it.each([
    { org: demo, name: 'demo', kind: 'management', decision: 'Allow' },
    { org: demo, name: 'demo', kind: 'member', decision: 'ImplicitDeny' },
    { org: healthy, name: 'healthy', kind: 'management', decision: 'Allow' },
    { org: healthy, name: 'healthy', kind: 'member', decision: 'Allow' },
  ])('$name identity policies on the $kind stream → $decision', ({ org, kind, decision }) => {
    const policies = rolePolicies(org);
    expect(policies.length).toBeGreaterThan(0);
    const member = org.accountIds.find((id) => id !== org.management) ?? '';
    const stream = streams(org, member).find((candidate) => candidate.kind === kind)?.stream ?? '';
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
      const request: PolicyRequest = { action, resource: streamResource(org, stream), context: {} };
      expect(identityDecision(policies, request)).toBe(decision);
    }
  });
});

describe('fixture policies: ORG-005 organization resource policy', () => {
  const SLR = 'arn:aws:iam::111111111111:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail';
  const request: PolicyRequest = {
    principal: { arn: SLR, accountId: '111111111111' },
    action: 'organizations:ListAccounts',
    resource: '*',
    context: {},
  };
  it('the fixtures have no organization resource policy', () => {
    expect(demo.snapshot.resourcePolicy ?? null).toBeNull();
    expect(healthy.snapshot.resourcePolicy ?? null).toBeNull();
  });
  it.each([
    { name: 'a Deny of organizations:* to everyone', statement: { Effect: 'Deny', Principal: '*', Action: 'organizations:*', Resource: '*' }, decision: 'ExplicitDeny' },
    { name: 'a Deny of List* to the management account', statement: { Effect: 'Deny', Principal: { AWS: '111111111111' }, Action: 'organizations:List*', Resource: '*' }, decision: 'ExplicitDeny' },
    { name: 'a Deny except for AWS services', statement: { Effect: 'Deny', Principal: '*', Action: 'organizations:*', Resource: '*', Condition: { Bool: { 'aws:PrincipalIsAWSService': 'false' } } }, decision: 'ExplicitDeny' },
    { name: 'a Deny of Describe* only', statement: { Effect: 'Deny', Principal: '*', Action: 'organizations:Describe*', Resource: '*' }, decision: 'ImplicitDeny' },
  ])('$name → $decision', ({ statement, decision }) => {
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
    expect(evaluatePolicy(document, { ...request, context: { 'aws:PrincipalIsAWSService': false } }).decision).toBe(decision);
  });
});
