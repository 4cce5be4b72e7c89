/**
 * Policies written to AWS's data-perimeter patterns must read as allowing CloudTrail: its requests
 * carry the global keys of a service principal (aws:PrincipalIsAWSService, aws:SourceOrgID,
 * aws:SourceOrgPaths …) and, for a KMS trail, the SSE-KMS headers. The same Deny written for
 * another organization must still block it.
 */
import { evaluate, type EvaluationResult } from '../../../lambda/checks/evaluate';
import type { ListedSnapshot } from '../../../lambda/snapshot/types';
import { healthyOrg } from '../../support/snapshots';

const BUCKET = 'org-trail-logs-222222222222';
const ORG = 'o-a1b2c3d4e5';
const OTHER_ORG = 'o-zzzzzzzzzz';
const KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:key/6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:111111111111:cloudtrail-delivery';

type Statement = Record<string, unknown>;

function withExtraStatements(policy: string, extra: Statement[]): string {
  const document = JSON.parse(policy) as { Statement: Statement[] };
  return JSON.stringify({ ...document, Statement: [...document.Statement, ...extra] });
}

/** The policy questions' checks that fired (the GRD checks read these roots too, and are tested on their own). */
function checkIds(result: EvaluationResult): string[] {
  return result.findings.map((finding) => finding.checkId).filter((checkId) => !checkId.startsWith('GRD-'));
}

/** The healthy organization with `deny` added to the bucket, key and topic policies; its accountPaths known. */
function perimeterOrg(deny: (resource: string) => Statement): ListedSnapshot {
  const snapshot = healthyOrg();
  snapshot.roots = [{ Id: 'r-ab12', PolicyTypes: [] }];
  snapshot.accountPaths = { '111111111111': ['r-ab12'] };
  const bucket = snapshot.buckets![BUCKET];
  bucket.policy = withExtraStatements(bucket.policy as string, [deny(`arn:aws:s3:::${BUCKET}/*`)]);
  const key = snapshot.kmsKeys![KEY_ARN] as { policy: string };
  key.policy = withExtraStatements(key.policy, [deny('*')]);
  const topic = snapshot.snsTopics![TOPIC_ARN] as { attributes: Record<string, string> };
  topic.attributes.Policy = withExtraStatements(topic.attributes.Policy, [deny(TOPIC_ARN)]);
  return snapshot;
}

const denyUnlessSourceOrg = (orgId: string) => (resource: string): Statement => ({
  Sid: 'DenyOutsideOrg',
  Effect: 'Deny',
  Principal: '*',
  Action: '*',
  Resource: resource,
  Condition: { StringNotEqualsIfExists: { 'aws:SourceOrgID': orgId, 'aws:PrincipalOrgID': orgId }, 'ForAnyValue:StringNotLike': { 'aws:SourceOrgPaths': `${orgId}/*` } },
});

describe('data-perimeter policies and CloudTrail', () => {
  it('reads "deny unless the principal is an AWS service" as allowing CloudTrail (S3-002, CFG-004, CFG-013 quiet)', () => {
    const snapshot = perimeterOrg((resource) => ({
      Sid: 'DenyNonServicePrincipals',
      Effect: 'Deny',
      Principal: '*',
      Action: '*',
      Resource: resource,
      Condition: { Bool: { 'aws:PrincipalIsAWSService': 'false' }, StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG } },
    }));
    expect(checkIds(evaluate(snapshot))).toEqual([]);
  });

  it('reads "deny unless the source organization is ours" as allowing CloudTrail', () => {
    expect(checkIds(evaluate(perimeterOrg(denyUnlessSourceOrg(ORG))))).toEqual([]);
  });

  it('fires S3-002, CFG-004 and CFG-013 for the same Deny written with another organization ID', () => {
    const ids = checkIds(evaluate(perimeterOrg(denyUnlessSourceOrg(OTHER_ORG))));
    expect(ids.sort()).toEqual(['CFG-004', 'CFG-013', 'S3-002']);
  });

  it('reads "deny uploads without SSE-KMS" as allowing a KMS trail, and blocking a trail without a key', () => {
    const denyWithoutKms = (): Statement => ({
      Sid: 'DenyUnencryptedUploads',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    });
    const snapshot = healthyOrg();
    const bucket = snapshot.buckets![BUCKET];
    bucket.policy = withExtraStatements(bucket.policy as string, [denyWithoutKms()]);
    expect(checkIds(evaluate(snapshot))).toEqual([]);

    const keyless = healthyOrg();
    keyless.buckets![BUCKET].policy = bucket.policy;
    for (const region of Object.values(keyless.accountData['111111111111'].regionData ?? {})) {
      for (const trail of region.trails ?? []) delete trail.KmsKeyId;
    }
    expect(checkIds(evaluate(keyless))).toEqual(expect.arrayContaining(['S3-002']));
  });

  it('requires the key the trail names when the policy pins it', () => {
    const pinned = (keyArn: string): Statement => ({
      Sid: 'DenyOtherKeys',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn } },
    });
    const snapshot = healthyOrg();
    const bucket = snapshot.buckets![BUCKET];
    const original = bucket.policy as string;
    bucket.policy = withExtraStatements(original, [pinned(KEY_ARN)]);
    expect(checkIds(evaluate(snapshot))).toEqual([]);
    bucket.policy = withExtraStatements(original, [pinned(KEY_ARN.replace('6f1c', '0000'))]);
    expect(checkIds(evaluate(snapshot))).toEqual(['S3-002']);
  });

  it('takes aws:SourceOrgPaths from accountPaths, root first: a Deny outside that OU path fires, inside it does not', () => {
    const denyOutsidePath = (path: string) => (resource: string): Statement => ({
      Sid: 'DenyOutsidePath',
      Effect: 'Deny',
      Principal: '*',
      Action: '*',
      Resource: resource,
      Condition: { 'ForAllValues:StringNotLike': { 'aws:SourceOrgPaths': path } },
    });
    const inside = perimeterOrg(denyOutsidePath(`${ORG}/r-ab12/ou-ab12-security/*`));
    inside.accountPaths = { '111111111111': ['ou-ab12-security', 'r-ab12'] };
    expect(checkIds(evaluate(inside))).toEqual([]);
    const outside = perimeterOrg(denyOutsidePath(`${ORG}/r-ab12/ou-ab12-workloads/*`));
    outside.accountPaths = { '111111111111': ['ou-ab12-security', 'r-ab12'] };
    expect(checkIds(evaluate(outside)).sort()).toEqual(['CFG-004', 'CFG-013', 'S3-002']);
  });
});
