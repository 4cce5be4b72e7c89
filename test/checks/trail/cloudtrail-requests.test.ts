import {
  bucketAclRequest,
  bucketWriteRequest,
  keyEncryptRequest,
  logObjectPrefix,
  logsRoleAssumeRequest,
  logStreamArn,
  logStreamRequests,
  managementLogStreamName,
  memberLogStreamName,
  topicPublishRequest,
  type TrailDelivery,
} from '../../../lambda/checks/trail/cloudtrail-requests';
import { judgePolicies, judgePolicy, unknownOperatorsNote, type PolicyQuestion } from '../../../lambda/checks/trail/trail-policy-verdict';
import { nameList } from '../../../lambda/checks/trail/trail-finding-text';
import type { SnapshotTrail } from '../../../lambda/snapshot/types';
import { fixture, healthyOrg } from '../../support/snapshots';

const M = '111111111111';
const ORG = 'o-a1b2c3d4e5';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${M}:trail/org-trail`;
const BUCKET = 'org-trail-logs-222222222222';
const LOG_GROUP_ARN = `arn:aws:logs:us-east-1:${M}:log-group:aws-cloudtrail-logs-org:*`;
const PATH = `${ORG}/r-ab12/`;
const DELIVERY: TrailDelivery = { partition: 'aws', trailArn: TRAIL_ARN, managementAccountId: M, homeRegion: 'us-east-1', organizationId: ORG, sourceOrgPath: PATH };
/** The global keys of every request CloudTrail makes as a service principal (CHECKS.md v2). */
const GLOBAL_KEYS = {
  'aws:SecureTransport': true,
  'aws:PrincipalIsAWSService': true,
  'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com',
  'aws:SourceAccount': M,
  'aws:SourceArn': TRAIL_ARN,
  'aws:SourceOrgID': ORG,
  'aws:SourceOrgPaths': [PATH],
};
const TRAIL: SnapshotTrail = { Name: 'org-trail', TrailARN: TRAIL_ARN, S3BucketName: BUCKET };

describe('the requests CloudTrail makes', () => {
  it('writes a member\'s log file under PAWSLogs/O/A/CloudTrail/R/ with the catalog\'s context', () => {
    const request = bucketWriteRequest(DELIVERY, { ...TRAIL, S3KeyPrefix: 'ct' }, BUCKET, ORG, '333333333333');
    expect(request).toEqual({
      principal: { service: 'cloudtrail.amazonaws.com' },
      action: 's3:PutObject',
      resource: `arn:aws:s3:::${BUCKET}/ct/AWSLogs/${ORG}/333333333333/CloudTrail/us-east-1/x`,
      context: {
        ...GLOBAL_KEYS,
        's3:x-amz-acl': 'bucket-owner-full-control',
      },
    });
  });

  it('carries the SSE-KMS headers on the write of a trail with a KMS key, with the key ARN as the trail names it', () => {
    const keyArn = `arn:aws:kms:us-east-1:${M}:key/abc`;
    const request = bucketWriteRequest({ ...DELIVERY, kmsKeyId: keyArn }, TRAIL, BUCKET, ORG, '333333333333');
    expect(request.context).toMatchObject({ 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn });
    expect(bucketWriteRequest(DELIVERY, TRAIL, BUCKET, ORG, '333333333333').context).not.toHaveProperty(['s3:x-amz-server-side-encryption']);
  });

  it('writes under P without a doubled slash when the prefix ends with one', () => {
    expect(bucketWriteRequest(DELIVERY, { ...TRAIL, S3KeyPrefix: 'ct/' }, BUCKET, ORG, '333333333333').resource).toBe(
      `arn:aws:s3:::${BUCKET}/ct/AWSLogs/${ORG}/333333333333/CloudTrail/us-east-1/x`,
    );
  });

  it('leaves aws:SourceOrgID and aws:SourceOrgPaths out when the snapshot does not know them', () => {
    const context = bucketAclRequest({ partition: 'aws', trailArn: TRAIL_ARN, managementAccountId: M, homeRegion: 'us-east-1' }, BUCKET).context;
    expect(context).not.toHaveProperty(['aws:SourceOrgID']);
    expect(context).not.toHaveProperty(['aws:SourceOrgPaths']);
    expect(context).toMatchObject({ 'aws:PrincipalIsAWSService': true });
  });

  it('has no key prefix when the trail has none, and uses the partition in ARNs', () => {
    expect(logObjectPrefix(TRAIL)).toBe('AWSLogs/');
    expect(logObjectPrefix({ ...TRAIL, S3KeyPrefix: 'a/b' })).toBe('a/b/AWSLogs/');
    expect(bucketAclRequest({ ...DELIVERY, partition: 'aws-us-gov' }, BUCKET).resource).toBe(`arn:aws-us-gov:s3:::${BUCKET}`);
  });

  it('reads the bucket ACL with the source keys and secure transport', () => {
    expect(bucketAclRequest(DELIVERY, BUCKET)).toMatchObject({
      action: 's3:GetBucketAcl',
      context: { 'aws:SourceArn': TRAIL_ARN, 'aws:SourceAccount': M, 'aws:SecureTransport': true },
    });
  });

  it('asks the key for a data key with the trail as encryption context', () => {
    const key = `arn:aws:kms:us-east-1:${M}:key/abc`;
    expect(keyEncryptRequest(DELIVERY, key)).toEqual({
      principal: { service: 'cloudtrail.amazonaws.com' },
      action: 'kms:GenerateDataKey',
      resource: key,
      context: { ...GLOBAL_KEYS, 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN },
    });
  });

  it('names the management and member log streams of the trail\'s log group', () => {
    expect(managementLogStreamName(DELIVERY)).toBe(`${M}_CloudTrail_us-east-1`);
    expect(memberLogStreamName(DELIVERY, ORG, '333333333333')).toBe(`${ORG}_333333333333_CloudTrail_us-east-1`);
    const expected = `arn:aws:logs:us-east-1:${M}:log-group:aws-cloudtrail-logs-org:log-stream:s`;
    expect(logStreamArn(LOG_GROUP_ARN, 's')).toBe(expected);
    expect(logStreamArn(LOG_GROUP_ARN.replace(/:\*$/, ''), 's')).toBe(expected);
    expect(logStreamRequests(LOG_GROUP_ARN, 's')).toEqual([
      { action: 'logs:CreateLogStream', resource: expected, context: {} },
      { action: 'logs:PutLogEvents', resource: expected, context: {} },
    ]);
  });

  it('assumes the role and publishes to the topic as cloudtrail.amazonaws.com for the trail', () => {
    expect(logsRoleAssumeRequest(DELIVERY, `arn:aws:iam::${M}:role/r`)).toMatchObject({ action: 'sts:AssumeRole', context: { 'aws:SourceArn': TRAIL_ARN } });
    expect(topicPublishRequest(DELIVERY, `arn:aws:sns:us-east-1:${M}:t`)).toMatchObject({
      principal: { service: 'cloudtrail.amazonaws.com' },
      action: 'sns:Publish',
      context: { 'aws:SourceArn': TRAIL_ARN, 'aws:SourceAccount': M },
    });
  });
});

describe('asking the fixtures\' policies', () => {
  const members = ['222222222222', '333333333333'];
  const writes = (accounts: string[]): PolicyQuestion[] =>
    accounts.map((account) => ({ request: bucketWriteRequest(DELIVERY, TRAIL, BUCKET, ORG, account), about: account }));

  it('the healthy bucket policy allows every account\'s writes and the ACL read', () => {
    const policy = healthyOrg().buckets![BUCKET].policy as string;
    const verdict = judgePolicy(policy, [...writes([M, ...members]), { request: bucketAclRequest(DELIVERY, BUCKET), about: 'acl' }]);
    expect(verdict).toEqual({ denied: [], unknownOperators: [] });
  });

  it('the demo bucket policy, which allows only the management account path, denies every org path', () => {
    const policy = fixture('demo-org').buckets![BUCKET].policy as string;
    const verdict = judgePolicy(policy, writes([M, ...members]));
    expect(verdict.denied.map((denial) => [denial.question.about, denial.decision])).toEqual([
      [M, 'ImplicitDeny'],
      ['222222222222', 'ImplicitDeny'],
      ['333333333333', 'ImplicitDeny'],
    ]);
  });

  it('a request over plain HTTP is explicitly denied by the healthy policy\'s DenyInsecureTransport', () => {
    const policy = healthyOrg().buckets![BUCKET].policy as string;
    const request = { ...bucketWriteRequest(DELIVERY, TRAIL, BUCKET, ORG, M) };
    request.context = { ...request.context, 'aws:SecureTransport': false };
    const [denial] = judgePolicy(policy, [{ request, about: M }]).denied;
    expect(denial).toMatchObject({ decision: 'ExplicitDeny', statements: ['DenyInsecureTransport'] });
  });
});

describe('judging several documents together', () => {
  const stream = logStreamRequests(LOG_GROUP_ARN, 's').map((request) => ({ request, about: request.action }));
  const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

  it('allows what one document allows', () => {
    const verdict = judgePolicies([doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), doc({ Effect: 'Allow', Action: 'logs:*', Resource: '*' })], stream);
    expect(verdict.denied).toEqual([]);
  });

  it('lets an explicit Deny in any document win', () => {
    const verdict = judgePolicies(
      [doc({ Effect: 'Allow', Action: 'logs:*', Resource: '*' }), doc({ Sid: 'NoCreate', Effect: 'Deny', Action: 'logs:CreateLogStream', Resource: '*' })],
      stream,
    );
    expect(verdict.denied).toEqual([{ question: stream[0], decision: 'ExplicitDeny', statements: ['NoCreate'] }]);
  });

  it('reports a document that cannot be read instead of throwing', () => {
    const verdict = judgePolicies(['not json'], stream);
    expect(verdict.denied).toEqual([]);
    expect(verdict.unreadable).toMatch(/not valid JSON/);
  });

  it('reads a URL-encoded document, as IAM returns them', () => {
    const encoded = encodeURIComponent(doc({ Effect: 'Allow', Action: 'logs:*', Resource: '*' }));
    expect(judgePolicies([encoded], stream)).toEqual({ denied: [], unknownOperators: [] });
  });

  it('collects the unknown condition operators met and explains them', () => {
    const verdict = judgePolicies([doc({ Effect: 'Allow', Action: 'logs:*', Resource: '*', Condition: { StringSoundsLike: { 'aws:x': 'y' } } })], stream);
    expect(verdict.unknownOperators).toEqual(['StringSoundsLike']);
    expect(verdict.denied).toHaveLength(2);
    expect(unknownOperatorsNote(verdict)).toContain('StringSoundsLike');
    expect(unknownOperatorsNote({ unknownOperators: [] })).toBe('');
  });
});

describe('naming lists in details', () => {
  it('names short lists in full and counts the rest of long ones', () => {
    expect(nameList([])).toBe('none');
    expect(nameList(['a'])).toBe('a');
    expect(nameList(['a', 'b', 'c'])).toBe('a, b and c');
    const many = Array.from({ length: 5005 }, (_, i) => `acct-${i}`);
    expect(nameList(many)).toBe(`${many.slice(0, 10).join(', ')} and 4,995 more`);
  });
});
