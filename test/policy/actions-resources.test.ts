import { evaluatePolicy } from '../../lambda/policy/evaluate-policy';
import { allowStatement, policyOf, requestOf } from './policy-builders';

describe('evaluatePolicy: Action and NotAction', () => {
  it.each([
    { element: { Action: '*' }, action: 's3:PutObject', expected: 'Allow' },
    { element: { Action: 's3:*' }, action: 's3:PutObject', expected: 'Allow' },
    { element: { Action: 's3:*' }, action: 'sns:Publish', expected: 'ImplicitDeny' },
    { element: { Action: 'S3:PUTOBJECT' }, action: 's3:putobject', expected: 'Allow' },
    { element: { Action: 'SNS:Publish' }, action: 'sns:Publish', expected: 'Allow' },
    { element: { Action: 's3:Put*' }, action: 's3:PutObjectAcl', expected: 'Allow' },
    { element: { Action: 's3:Put?bject' }, action: 's3:PutObject', expected: 'Allow' },
    { element: { Action: 's3:Put?bject' }, action: 's3:PutObjects', expected: 'ImplicitDeny' },
    { element: { Action: 'kms:GenerateDataKey*' }, action: 'kms:GenerateDataKey', expected: 'Allow' },
    { element: { Action: 'kms:GenerateDataKey' }, action: 'kms:GenerateDataKeyPair', expected: 'ImplicitDeny' },
    { element: { Action: ['s3:GetBucketAcl', 's3:PutObject'] }, action: 's3:PutObject', expected: 'Allow' },
    { element: { Action: [] }, action: 's3:PutObject', expected: 'ImplicitDeny' },
    { element: { Action: undefined, NotAction: 's3:Delete*' }, action: 's3:PutObject', expected: 'Allow' },
    { element: { Action: undefined, NotAction: 's3:Delete*' }, action: 's3:DeleteObject', expected: 'ImplicitDeny' },
    { element: { Action: undefined, NotAction: ['iam:*', 'S3:PUT*'] }, action: 's3:PutObject', expected: 'ImplicitDeny' },
    { element: { Action: undefined, NotAction: [] }, action: 's3:PutObject', expected: 'Allow' },
  ])('$element vs $action → $expected', ({ element, action, expected }) => {
    const statement = JSON.parse(JSON.stringify(allowStatement({ ...element, Resource: '*' })));
    expect(evaluatePolicy(policyOf(statement), requestOf({ action })).decision).toBe(expected);
  });
});

describe('evaluatePolicy: Resource and NotResource', () => {
  const OBJECT = 'arn:aws:s3:::bucket/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail/us-east-1/x';
  const STREAM = 'arn:aws:logs:us-east-1:111111111111:log-group:group:log-stream:o-a1b2c3d4e5_222222222222_CloudTrail_us-east-1';
  it.each([
    { element: { Resource: '*' }, resource: OBJECT, expected: 'Allow' },
    { element: { Resource: 'arn:aws:s3:::bucket/*' }, resource: OBJECT, expected: 'Allow' },
    { element: { Resource: 'arn:aws:s3:::bucket' }, resource: OBJECT, expected: 'ImplicitDeny' },
    { element: { Resource: 'arn:aws:s3:::bucket/AWSLogs/111111111111/*' }, resource: OBJECT, expected: 'ImplicitDeny' },
    { element: { Resource: 'arn:aws:s3:::bucket/AWSLogs/o-a1b2c3d4e5/*' }, resource: OBJECT, expected: 'Allow' },
    { element: { Resource: 'arn:aws:s3:::bucket/awslogs/*' }, resource: OBJECT, expected: 'ImplicitDeny' },
    { element: { Resource: 'arn:aws:s3:::BUCKET/*' }, resource: OBJECT, expected: 'ImplicitDeny' },
    { element: { Resource: 'arn:aws:s3:::bucket/AWSLogs/o-a1b2c3d4e5/???????????2/*' }, resource: OBJECT, expected: 'Allow' },
    { element: { Resource: ['arn:aws:s3:::other/*', 'arn:aws:s3:::bucket/*'] }, resource: OBJECT, expected: 'Allow' },
    { element: { Resource: 'arn:aws:logs:us-east-1:111111111111:log-group:group:log-stream:o-a1b2c3d4e5_*' }, resource: STREAM, expected: 'Allow' },
    { element: { Resource: 'arn:aws:logs:us-east-1:111111111111:log-group:group:*' }, resource: STREAM, expected: 'Allow' },
    { element: { Resource: 'arn:aws:logs:*' }, resource: STREAM, expected: 'Allow' },
    { element: { Resource: 'arn:aws:logs:us-east-1:111111111111:log-group:group:log-stream:111111111111_CloudTrail_us-east-1*' }, resource: STREAM, expected: 'ImplicitDeny' },
    // A wildcard stays inside its ARN segment unless it is a * that ends the segment (AWS's Resource element rules).
    { element: { Resource: 'arn:aws:logs:us-east-1:11111111111*oup:log-stream:*' }, resource: STREAM, expected: 'ImplicitDeny' },
    { element: { Resource: 'arn:aws:logs:us-east-1:1*1:log-group:group:*' }, resource: STREAM, expected: 'Allow' },
    { element: { Resource: 'arn:aws:logs:us-east-1:111111111111:lo*m:*' }, resource: STREAM, expected: 'ImplicitDeny' },
    { element: { Resource: 'arn:aws:logs:us-east-1:111111111111:log-*:*' }, resource: STREAM, expected: 'Allow' },
    { element: { Resource: 'arn:aws:logs:us-east-1:111111111111:log-group:*' }, resource: STREAM, expected: 'Allow' },
    { element: { Resource: 'arn:aws:logs:us-east-?:111111111111:log-group:group:*' }, resource: STREAM, expected: 'Allow' },
    { element: { Resource: 'arn:aws:logs:us-east-1?111111111111:log-group:group:*' }, resource: STREAM, expected: 'ImplicitDeny' },
    { element: { Resource: 'arn:aws:s3:::bucket/*/x' }, resource: OBJECT, expected: 'Allow' },
    { element: { Resource: 'arn:*' }, resource: OBJECT, expected: 'Allow' },
    { element: { Resource: 'arn:aws:s3:*bucket/*' }, resource: OBJECT, expected: 'ImplicitDeny' },
    { element: { Resource: undefined, NotResource: 'arn:aws:s3:::bucket/secret/*' }, resource: OBJECT, expected: 'Allow' },
    { element: { Resource: undefined, NotResource: 'arn:aws:s3:::bucket/*' }, resource: OBJECT, expected: 'ImplicitDeny' },
    // Without Resource/NotResource (trust policies, some SNS policies) a statement applies to its own resource.
    { element: { Resource: undefined }, resource: OBJECT, expected: 'Allow' },
  ])('$element vs $resource → $expected', ({ element, resource, expected }) => {
    const statement = JSON.parse(JSON.stringify(allowStatement({ ...element, Action: '*' })));
    expect(evaluatePolicy(policyOf(statement), requestOf({ resource })).decision).toBe(expected);
  });
});
