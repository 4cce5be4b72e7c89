import { describeTrigger, triggerOf } from '../../lambda/run/trigger';

describe('what started a run', () => {
  test("the schedule's input", () => {
    const trigger = triggerOf({ trigger: 'SCHEDULE', scheduleArn: 'arn:aws:scheduler:us-east-1:111111111111:schedule/default/x', scheduledTime: '2026-11-22T10:00:00Z' });
    expect(trigger).toEqual({ kind: 'SCHEDULE', scheduleArn: 'arn:aws:scheduler:us-east-1:111111111111:schedule/default/x', scheduledTime: '2026-11-22T10:00:00Z' });
    expect(describeTrigger(trigger)).toBe('schedule (2026-11-22T10:00:00Z)');
  });

  test('a CloudTrail tampering call delivered by EventBridge', () => {
    const trigger = triggerOf({
      version: '0',
      id: 'e1',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.cloudtrail',
      account: '111111111111',
      region: 'us-east-1',
      detail: {
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'StopLogging',
        eventID: 'abc-123',
        eventTime: '2026-11-22T09:59:00Z',
        awsRegion: 'us-east-1',
        userIdentity: { arn: 'arn:aws:sts::111111111111:assumed-role/Admin/mallory' },
        requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail' },
      },
    });
    expect(trigger).toEqual({
      kind: 'TAMPERING',
      eventName: 'StopLogging',
      eventSource: 'cloudtrail.amazonaws.com',
      accountId: '111111111111',
      eventId: 'abc-123',
      eventTime: '2026-11-22T09:59:00Z',
      actor: 'arn:aws:sts::111111111111:assumed-role/Admin/mallory',
      trail: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
      region: 'us-east-1',
    });
    expect(describeTrigger(trigger)).toBe(
      'cloudtrail:StopLogging on arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail by arn:aws:sts::111111111111:assumed-role/Admin/mallory',
    );
  });

  test('an S3 call on a bucket, forwarded from the log archive account, names the bucket', () => {
    const trigger = triggerOf({
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.s3',
      account: '222222222222',
      detail: { eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', awsRegion: 'us-east-1', requestParameters: { bucketName: 'org-trail-logs', policy: '{}' } },
    });
    expect(trigger).toMatchObject({ kind: 'TAMPERING', eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', accountId: '222222222222', bucket: 'org-trail-logs' });
    expect(trigger).not.toHaveProperty('trail', expect.anything());
    expect(describeTrigger(trigger)).toBe('s3:PutBucketPolicy on org-trail-logs');
  });

  test('a KMS call names the key', () => {
    const trigger = triggerOf({
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.kms',
      detail: { eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', requestParameters: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', pendingWindowInDays: 7 } },
    });
    expect(trigger).toMatchObject({ kind: 'TAMPERING', eventName: 'ScheduleKeyDeletion', key: '1234abcd-12ab-34cd-56ef-1234567890ab' });
  });

  test.each([[{}], [null], ['run please'], [[1, 2]], [{ trigger: 'OTHER' }], [{ source: 'aws.cloudtrail', 'detail-type': 'AWS Service Event via CloudTrail' }]])(
    'anything else is a manual run: %j',
    (event) => {
      expect(triggerOf(event).kind).toBe('MANUAL');
    },
  );

  test('a manual run keeps its reason', () => {
    const trigger = triggerOf({ reason: 'after the bucket policy change' });
    expect(trigger).toEqual({ kind: 'MANUAL', reason: 'after the bucket policy change' });
    expect(describeTrigger(trigger)).toBe('manual: after the bucket policy change');
  });
});
