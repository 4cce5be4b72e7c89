import { Match } from 'aws-cdk-lib/assertions';
import { resourcesOfType, synthesize } from './synthesize';

const template = synthesize({ organizationId: 'o-a1b2c3d4e5', findingsRetentionDays: 730 });

function bucket(prefix: string): { logicalId: string; properties: Record<string, unknown> } {
  const [logicalId, resource] = Object.entries(resourcesOfType(template, 'AWS::S3::Bucket')).find(([id]) => id.startsWith(prefix)) ?? [];
  if (!logicalId || !resource?.Properties) throw new Error(`no bucket ${prefix}`);
  return { logicalId, properties: resource.Properties };
}

test('every request on the evidence bucket is in its server access logs (the org trail records no object-level calls)', () => {
  const logs = bucket('EvidenceAccessLogs');
  expect(bucket('EvidenceBucket').properties.LoggingConfiguration).toEqual({
    DestinationBucketName: { Ref: logs.logicalId },
    LogFilePrefix: 'evidence-bucket/',
  });
});

test('the access-log bucket is private, TLS-only, SSE-S3, retained, and keeps logs as long as the snapshots', () => {
  const logs = bucket('EvidenceAccessLogs');
  expect(resourcesOfType(template, 'AWS::S3::Bucket')[logs.logicalId]?.DeletionPolicy).toBe('Retain');
  expect(logs.properties).toMatchObject({
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 730, Status: 'Enabled' })] },
  });
  expect(logs.properties.AccessControl).toBeUndefined();
});

test('only the S3 logging service of this account, for the evidence bucket, may write the logs', () => {
  const logs = bucket('EvidenceAccessLogs');
  const evidence = bucket('EvidenceBucket');
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: logs.logicalId },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Condition: {
            ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [evidence.logicalId, 'Arn'] } },
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          },
        }),
      ]),
    },
  });
});
