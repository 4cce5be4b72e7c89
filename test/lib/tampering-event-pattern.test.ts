/**
 * The tampering rule's pattern as synthesized, tried against sample CloudTrail events with
 * EventBridge's documented matching semantics (test/support/event-pattern-matcher.ts): the listed
 * calls match when they succeeded; refused calls, other calls and other services' principals do not.
 */
import { onlyResource, synthesize } from './synthesize';
import { matchesEventPattern } from '../support/event-pattern-matcher';
import { tamperingEventPattern } from '../../lib/tampering-event-pattern';

const pattern = onlyResource(synthesize({ organizationId: 'o-a1b2c3d4e5', organizationRootId: 'r-ab12' }), 'AWS::Events::Rule').Properties?.EventPattern as Record<string, never>;

function apiCall(source: string, eventSource: string, eventName: string, extra: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: '7bf73129-1428-4cd3-a780-95db273d1602',
    'detail-type': 'AWS API Call via CloudTrail',
    source,
    account: '222222222222',
    time: '2026-11-22T09:59:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::222222222222:assumed-role/Admin/mallory' },
      eventTime: '2026-11-22T09:59:00Z',
      eventSource,
      eventName,
      awsRegion: 'us-east-1',
      requestParameters: {},
      responseElements: null,
      ...extra,
    },
  };
}

test('the rule carries the pattern the code defines', () => {
  expect(pattern).toEqual(JSON.parse(JSON.stringify(tamperingEventPattern())));
});

test.each([
  ['aws.cloudtrail', 'cloudtrail.amazonaws.com', 'StopLogging'],
  ['aws.cloudtrail', 'cloudtrail.amazonaws.com', 'DeleteTrail'],
  ['aws.cloudtrail', 'cloudtrail.amazonaws.com', 'UpdateTrail'],
  ['aws.cloudtrail', 'cloudtrail.amazonaws.com', 'PutEventSelectors'],
  ['aws.cloudtrail', 'cloudtrail.amazonaws.com', 'PutInsightSelectors'],
  ['aws.s3', 's3.amazonaws.com', 'PutBucketPolicy'],
  ['aws.s3', 's3.amazonaws.com', 'DeleteBucketPolicy'],
  ['aws.s3', 's3.amazonaws.com', 'PutBucketLifecycle'],
  ['aws.s3', 's3.amazonaws.com', 'DeleteBucket'],
  ['aws.kms', 'kms.amazonaws.com', 'DisableKey'],
  ['aws.kms', 'kms.amazonaws.com', 'ScheduleKeyDeletion'],
  ['aws.kms', 'kms.amazonaws.com', 'PutKeyPolicy'],
])('a successful %s %s matches', (source, eventSource, eventName) => {
  expect(matchesEventPattern(pattern, apiCall(source, eventSource, eventName))).toBe(true);
});

test.each(['DisableAWSServiceAccess', 'DeregisterDelegatedAdministrator'])('Organizations %s matches for CloudTrail only', (eventName) => {
  expect(matchesEventPattern(pattern, apiCall('aws.organizations', 'organizations.amazonaws.com', eventName, { requestParameters: { servicePrincipal: 'cloudtrail.amazonaws.com' } }))).toBe(true);
  expect(matchesEventPattern(pattern, apiCall('aws.organizations', 'organizations.amazonaws.com', eventName, { requestParameters: { servicePrincipal: 'config.amazonaws.com' } }))).toBe(false);
});

test('a refused call does not match (errorCode present)', () => {
  const refused = apiCall('aws.cloudtrail', 'cloudtrail.amazonaws.com', 'StopLogging', { errorCode: 'AccessDenied', errorMessage: 'User is not authorized' });
  expect(matchesEventPattern(pattern, refused)).toBe(false);
});

test.each([
  ['aws.cloudtrail', 'cloudtrail.amazonaws.com', 'StartLogging'],
  ['aws.cloudtrail', 'cloudtrail.amazonaws.com', 'GetTrailStatus'],
  ['aws.s3', 's3.amazonaws.com', 'PutObject'],
  ['aws.s3', 's3.amazonaws.com', 'DeleteBucketLifecycle'],
  ['aws.kms', 'kms.amazonaws.com', 'EnableKey'],
  // A name from another service's list does not match under the wrong event source.
  ['aws.s3', 's3.amazonaws.com', 'StopLogging'],
  ['aws.kms', 'kms.amazonaws.com', 'PutBucketPolicy'],
])('%s %s %s does not match', (source, eventSource, eventName) => {
  expect(matchesEventPattern(pattern, apiCall(source, eventSource, eventName))).toBe(false);
});

test('only CloudTrail-recorded API calls match, not other detail types', () => {
  expect(matchesEventPattern(pattern, { ...apiCall('aws.cloudtrail', 'cloudtrail.amazonaws.com', 'StopLogging'), 'detail-type': 'AWS Service Event via CloudTrail' })).toBe(false);
});

describe('the matcher follows EventBridge semantics', () => {
  test('exists:false matches an absent field only', () => {
    expect(matchesEventPattern({ detail: { errorCode: [{ exists: false }] } }, { detail: {} })).toBe(true);
    expect(matchesEventPattern({ detail: { errorCode: [{ exists: false }] } }, { detail: { errorCode: 'x' } })).toBe(false);
  });
  test('a value list matches any one value, and an event array by any of its values', () => {
    expect(matchesEventPattern({ source: ['a', 'b'] }, { source: 'b' })).toBe(true);
    expect(matchesEventPattern({ resources: ['r2'] }, { resources: ['r1', 'r2'] })).toBe(true);
    expect(matchesEventPattern({ source: ['a'] }, {})).toBe(false);
  });
  test('an unknown filter form is refused, not guessed', () => {
    expect(() => matchesEventPattern({ source: [{ prefix: 'a' }] }, { source: 'ab' })).toThrow(/not supported/);
  });
});
