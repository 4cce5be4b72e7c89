import { EnvironmentError, readRunEnvironment } from '../../lambda/run/environment';

const STACK_ENVIRONMENT = {
  FINDINGS_TABLE_NAME: 'findings',
  RUNS_TABLE_NAME: 'runs',
  EVIDENCE_BUCKET_NAME: 'evidence',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:alerts',
  MEMBER_ROLE_NAME: 'AuditReader',
  MIN_ALERT_SEVERITY: 'HIGH',
  GROUP_THRESHOLD: '5',
  FINDINGS_RETENTION_DAYS: '400',
  CONCURRENCY: '64',
  DELIVERY_STALE_MINUTES: '90',
  EVIDENCE_MAX_AGE_MINUTES: '180',
  MIN_RETENTION_DAYS: '365',
  NEW_ACCOUNT_GRACE_HOURS: '24',
};

test('reads what the stack sets', () => {
  expect(readRunEnvironment({ ...STACK_ENVIRONMENT, REGIONS_TO_SKIP: 'ap-east-1, me-south-1', LOG_ARCHIVE_ACCOUNT_ID: '222222222222' })).toEqual({
    findingsTableName: 'findings',
    runsTableName: 'runs',
    evidenceBucketName: 'evidence',
    alertTopicArn: 'arn:aws:sns:us-east-1:111111111111:alerts',
    memberRoleName: 'AuditReader',
    logArchiveAccountId: '222222222222',
    minAlertSeverity: 'HIGH',
    groupThreshold: 5,
    findingsRetentionDays: 400,
    regionsToSkip: ['ap-east-1', 'me-south-1'],
    concurrency: 64,
    settings: { deliveryStaleMinutes: 90, evidenceMaxAgeMinutes: 180, minRetentionDays: 365, newAccountGraceHours: 24 },
  });
});

test.each([
  [{ FINDINGS_TABLE_NAME: '' }, 'FINDINGS_TABLE_NAME: missing'],
  [{ MIN_ALERT_SEVERITY: 'urgent' }, 'MIN_ALERT_SEVERITY: "urgent" is not a severity'],
  [{ CONCURRENCY: 'many' }, 'CONCURRENCY: "many" is not a whole number of at least 1'],
  [{ DELIVERY_STALE_MINUTES: '0' }, 'deliveryStaleMinutes: "0" is not allowed'],
])('a variable the stack did not set right is named: %j', (override, message) => {
  expect(() => readRunEnvironment({ ...STACK_ENVIRONMENT, ...override })).toThrow(EnvironmentError);
  expect(() => readRunEnvironment({ ...STACK_ENVIRONMENT, ...override })).toThrow(message);
});
