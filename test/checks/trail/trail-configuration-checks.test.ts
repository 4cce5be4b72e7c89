import { evaluate, type EvaluationResult } from '../../../lambda/checks/evaluate';
import { TRAIL_CONFIGURATION_CHECKS } from '../../../lambda/checks/trail/trail-configuration-checks';
import { findingKey, type Finding } from '../../../lambda/findings/finding';
import type { ListedSnapshot, SnapshotAccount, SnapshotTrail } from '../../../lambda/snapshot/types';
import { fixture, healthyOrg } from '../../support/snapshots';

const M = '111111111111';
const ORG = 'o-a1b2c3d4e5';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${M}:trail/org-trail`;
const KEY_ARN = `arn:aws:kms:us-east-1:${M}:key/6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f`;
const ROLE_ARN = `arn:aws:iam::${M}:role/CloudTrailCloudWatchLogsRole`;
const LOG_GROUP_ARN = `arn:aws:logs:us-east-1:${M}:log-group:aws-cloudtrail-logs-org:*`;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${M}:cloudtrail-delivery`;

const TRAIL_SUBJECT = { accountId: M, region: 'us-east-1', resource: TRAIL_ARN };
const KEY_SUBJECT = { accountId: M, region: 'us-east-1', resource: KEY_ARN };
const ROLE_SUBJECT = { accountId: M, region: null, resource: ROLE_ARN };
const LOG_GROUP_SUBJECT = { accountId: M, region: 'us-east-1', resource: LOG_GROUP_ARN };
const TOPIC_SUBJECT = { accountId: M, region: 'us-east-1', resource: TOPIC_ARN };

type Subject = { accountId: string; region: string | null; resource: string };

function ofCheck(result: EvaluationResult, checkId: string): Finding[] {
  return result.findings.filter((finding) => finding.checkId === checkId);
}

function covers(result: EvaluationResult, checkId: string, subject: Subject): boolean {
  return result.coverage.has(findingKey({ checkId, ...subject }));
}

function cfgFindings(result: EvaluationResult): Finding[] {
  return result.findings.filter((finding) => finding.checkId.startsWith('CFG-'));
}

/** The org trail as its owner lists it in its home region (what the model reads). */
function orgTrail(snapshot: ListedSnapshot): SnapshotTrail {
  return snapshot.accountData[M].regionData!['us-east-1'].trails![0];
}

/** Adds a second org trail, a copy of the first under another name, sharing every resource. */
function addOrgTrail(snapshot: ListedSnapshot, name: string): string {
  const arn = `arn:aws:cloudtrail:us-east-1:${M}:trail/${name}`;
  const home = snapshot.accountData[M].regionData!['us-east-1'];
  home.trails!.push({ ...orgTrail(snapshot), Name: name, TrailARN: arn });
  home.eventSelectors![arn] = { ...home.eventSelectors![TRAIL_ARN], TrailARN: arn };
  home.insightSelectors![arn] = home.insightSelectors![TRAIL_ARN];
  return arn;
}

function addMembers(snapshot: ListedSnapshot, count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = String(900000000000 + i);
    const account: SnapshotAccount = { Id: id, Name: `extra-${i}`, Status: 'ACTIVE', State: 'ACTIVE', JoinedTimestamp: '2024-01-01T00:00:00.000Z' };
    snapshot.accounts.push(account);
    ids.push(id);
  }
  return ids;
}

function policyText(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function setKeyPolicy(snapshot: ListedSnapshot, statements: object[]): void {
  const key = snapshot.kmsKeys![KEY_ARN] as { policy?: string };
  key.policy = policyText(statements);
}

function setRolePolicies(snapshot: ListedSnapshot, policies: object[][]): void {
  const role = snapshot.roles![ROLE_ARN] as { policies?: string[] };
  role.policies = policies.map(policyText);
}

function setTopicPolicy(snapshot: ListedSnapshot, statements: object[]): void {
  const topic = snapshot.snsTopics![TOPIC_ARN] as { attributes: Record<string, string> };
  topic.attributes.Policy = policyText(statements);
}

const CLOUDTRAIL = { Service: 'cloudtrail.amazonaws.com' };
const ALLOW_ENCRYPT = {
  Sid: 'AllowCloudTrailEncrypt',
  Effect: 'Allow',
  Principal: CLOUDTRAIL,
  Action: 'kms:GenerateDataKey*',
  Resource: '*',
  Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${M}:trail/*` } },
};

describe('the CFG catalog', () => {
  it('registers CFG-001 to CFG-013 once each, with a title, a description and a remediation', () => {
    const ids = TRAIL_CONFIGURATION_CHECKS.map((check) => check.id);
    expect(ids).toEqual(Array.from({ length: 13 }, (_, i) => `CFG-${String(i + 1).padStart(3, '0')}`));
    for (const check of TRAIL_CONFIGURATION_CHECKS) {
      expect(check.family).toBe('CFG');
      expect(check.title.length).toBeGreaterThan(10);
      expect(check.description.length).toBeGreaterThan(30);
      expect(check.remediation).toMatch(/`aws /);
    }
  });
});

describe('the fixtures', () => {
  it('raises no CFG finding on the healthy organization and covers every CFG check', () => {
    const result = evaluate(healthyOrg());
    expect(cfgFindings(result)).toEqual([]);
    for (const checkId of ['CFG-001', 'CFG-002', 'CFG-005', 'CFG-008', 'CFG-009', 'CFG-010', 'CFG-011']) {
      expect(covers(result, checkId, TRAIL_SUBJECT)).toBe(true);
    }
    expect(covers(result, 'CFG-003', KEY_SUBJECT)).toBe(true);
    expect(covers(result, 'CFG-004', KEY_SUBJECT)).toBe(true);
    expect(covers(result, 'CFG-006', ROLE_SUBJECT)).toBe(true);
    expect(covers(result, 'CFG-007', LOG_GROUP_SUBJECT)).toBe(true);
    expect(covers(result, 'CFG-013', TOPIC_SUBJECT)).toBe(true);
    for (const account of ['111111111111', '222222222222', '333333333333', '444444444444']) {
      expect(covers(result, 'CFG-012', { accountId: account, region: 'us-east-1', resource: account })).toBe(true);
    }
  });

  it('raises exactly CFG-006 and CFG-013 on the demo organization', () => {
    const result = evaluate(fixture('demo-org'));
    expect(cfgFindings(result).map((finding) => finding.checkId)).toEqual(['CFG-006', 'CFG-013']);
  });
});

describe('CFG-001 log file validation', () => {
  it('fires when the org trail does not validate log files, with the command to fix it', () => {
    const snapshot = healthyOrg();
    orgTrail(snapshot).LogFileValidationEnabled = false;
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-001');
    expect(finding).toMatchObject({ ...TRAIL_SUBJECT, severity: 'MEDIUM' });
    expect(finding.detail).toContain('LogFileValidationEnabled false');
    expect(finding.remediation).toContain(`aws cloudtrail update-trail --name ${TRAIL_ARN} --region us-east-1 --enable-log-file-validation`);
  });

  it('ignores a trail that is not an organization trail', () => {
    const snapshot = healthyOrg();
    const home = snapshot.accountData[M].regionData!['us-east-1'];
    home.trails!.push({
      Name: 'local',
      TrailARN: `arn:aws:cloudtrail:us-east-1:${M}:trail/local`,
      HomeRegion: 'us-east-1',
      IsOrganizationTrail: false,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: false,
      LogFileValidationEnabled: false,
      S3BucketName: 'some-other-bucket',
    });
    const result = evaluate(snapshot);
    expect(cfgFindings(result)).toEqual([]);
    expect([...result.coverage].some((key) => key.includes('trail/local'))).toBe(false);
  });

  it('is skipped when the flag was not collected', () => {
    const snapshot = healthyOrg();
    delete orgTrail(snapshot).LogFileValidationEnabled;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-001')).toEqual([]);
    expect(covers(result, 'CFG-001', TRAIL_SUBJECT)).toBe(false);
  });
});

describe('CFG-002 customer managed KMS key', () => {
  it('fires when the org trail has no KmsKeyId', () => {
    const snapshot = healthyOrg();
    delete orgTrail(snapshot).KmsKeyId;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-002')).toMatchObject([{ ...TRAIL_SUBJECT, severity: 'MEDIUM' }]);
    // no key: nothing to say about its state or policy
    expect(ofCheck(result, 'CFG-003')).toEqual([]);
    expect(covers(result, 'CFG-004', KEY_SUBJECT)).toBe(false);
  });

  it('stays quiet for a non-org trail without a KMS key', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['333333333333'].regionData!['us-east-1'].trails!.push({
      Name: 'member-local',
      TrailARN: 'arn:aws:cloudtrail:us-east-1:333333333333:trail/member-local',
      HomeRegion: 'us-east-1',
      IsOrganizationTrail: false,
      S3BucketName: 'member-bucket',
    });
    expect(ofCheck(evaluate(snapshot), 'CFG-002')).toEqual([]);
  });
});

describe('CFG-003 KMS key state', () => {
  it('fires CRITICAL for a key pending deletion, naming the deletion date', () => {
    const snapshot = healthyOrg();
    const key = snapshot.kmsKeys![KEY_ARN] as { metadata: { KeyState?: string; Enabled?: boolean; DeletionDate?: string } };
    key.metadata.KeyState = 'PendingDeletion';
    key.metadata.Enabled = false;
    key.metadata.DeletionDate = '2026-11-29T00:00:00.000Z';
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-003');
    expect(finding).toMatchObject({ ...KEY_SUBJECT, severity: 'CRITICAL' });
    expect(finding.detail).toContain('PendingDeletion');
    expect(finding.detail).toContain('2026-11-29');
    expect(finding.remediation).toContain(`aws kms cancel-key-deletion --key-id ${KEY_ARN} --region us-east-1`);
  });

  it('fires for a disabled key and for a key that does not exist', () => {
    const disabled = healthyOrg();
    (disabled.kmsKeys![KEY_ARN] as { metadata: { KeyState?: string } }).metadata.KeyState = 'Disabled';
    expect(ofCheck(evaluate(disabled), 'CFG-003')[0].detail).toContain('Disabled');

    const missing = healthyOrg();
    missing.kmsKeys![KEY_ARN] = null;
    const result = evaluate(missing);
    expect(ofCheck(result, 'CFG-003')[0].detail).toContain('does not exist');
    expect(ofCheck(result, 'CFG-004')).toEqual([]);
  });

  it('stays quiet for an Enabled key, and records nothing for a key that could not be read', () => {
    expect(covers(evaluate(healthyOrg()), 'CFG-003', KEY_SUBJECT)).toBe(true);

    const unreadable = healthyOrg();
    unreadable.kmsKeys![KEY_ARN] = { error: { code: 'AccessDeniedException' } };
    const result = evaluate(unreadable);
    expect(ofCheck(result, 'CFG-003')).toEqual([]);
    expect(ofCheck(result, 'CFG-004')).toEqual([]);
    expect(covers(result, 'CFG-003', KEY_SUBJECT)).toBe(false);
    expect(covers(result, 'CFG-004', KEY_SUBJECT)).toBe(false);
  });

  it('raises one finding for a key shared by two org trails, naming both', () => {
    const snapshot = healthyOrg();
    addOrgTrail(snapshot, 'second-trail');
    (snapshot.kmsKeys![KEY_ARN] as { metadata: { KeyState?: string } }).metadata.KeyState = 'Disabled';
    const findings = ofCheck(evaluate(snapshot), 'CFG-003');
    expect(findings).toHaveLength(1);
    expect(findings[0].detail).toContain('org-trail and second-trail');
  });
});

describe('CFG-004 KMS key policy', () => {
  it('fires when the encryption context condition names another account', () => {
    const snapshot = healthyOrg();
    setKeyPolicy(snapshot, [
      { ...ALLOW_ENCRYPT, Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:999999999999:trail/*' } } },
    ]);
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-004');
    expect(finding).toMatchObject({ ...KEY_SUBJECT, severity: 'HIGH' });
    expect(finding.detail).toContain('kms:GenerateDataKey');
    expect(finding.detail).toContain('no statement allows it for org trail org-trail');
  });

  it('fires on an explicit Deny that applies, naming the statement', () => {
    const snapshot = healthyOrg();
    setKeyPolicy(snapshot, [ALLOW_ENCRYPT, { Sid: 'NoCloudTrail', Effect: 'Deny', Principal: CLOUDTRAIL, Action: 'kms:*', Resource: '*' }]);
    expect(ofCheck(evaluate(snapshot), 'CFG-004')[0].detail).toContain('statement NoCloudTrail denies it');
  });

  it('stays quiet with a Deny that does not apply to CloudTrail\'s request', () => {
    const snapshot = healthyOrg();
    setKeyPolicy(snapshot, [
      ALLOW_ENCRYPT,
      { Sid: 'NoKeyDeletion', Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
    ]);
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-004')).toEqual([]);
    expect(covers(result, 'CFG-004', KEY_SUBJECT)).toBe(true);
  });

  it('says so when an Allow depends on a condition operator the auditor does not evaluate', () => {
    const snapshot = healthyOrg();
    setKeyPolicy(snapshot, [{ ...ALLOW_ENCRYPT, Condition: { StringMatchesSomehow: { 'aws:SourceArn': TRAIL_ARN } } }]);
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-004');
    expect(finding.detail).toContain('StringMatchesSomehow');
    expect(finding.detail).toContain('does not evaluate');
  });

  it('fires, saying why, when the key policy is not JSON', () => {
    const snapshot = healthyOrg();
    (snapshot.kmsKeys![KEY_ARN] as { policy?: string }).policy = '{not json';
    expect(ofCheck(evaluate(snapshot), 'CFG-004')[0].detail).toContain('could not be evaluated');
  });
});

describe('CFG-005 CloudWatch Logs integration', () => {
  it('fires when the org trail names no log group, and then skips CFG-006/007', () => {
    const snapshot = healthyOrg();
    delete orgTrail(snapshot).CloudWatchLogsLogGroupArn;
    delete orgTrail(snapshot).CloudWatchLogsRoleArn;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-005')).toMatchObject([{ ...TRAIL_SUBJECT, severity: 'LOW' }]);
    expect(covers(result, 'CFG-006', ROLE_SUBJECT)).toBe(false);
    expect(covers(result, 'CFG-007', LOG_GROUP_SUBJECT)).toBe(false);
  });

  it('stays quiet when the org trail sends to a log group', () => {
    const result = evaluate(healthyOrg());
    expect(ofCheck(result, 'CFG-005')).toEqual([]);
    expect(covers(result, 'CFG-005', TRAIL_SUBJECT)).toBe(true);
  });
});

describe('CFG-006 CloudWatch Logs role', () => {
  const managementStreamOnly = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:us-east-1:${M}:log-group:aws-cloudtrail-logs-org:log-stream:${M}_CloudTrail_us-east-1*`,
    },
  ];

  it('fires when the policies allow only the management account\'s stream, naming the members', () => {
    const snapshot = healthyOrg();
    setRolePolicies(snapshot, [managementStreamOnly]);
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-006');
    expect(finding).toMatchObject({ ...ROLE_SUBJECT, severity: 'HIGH' });
    expect(finding.detail).toContain('member streams');
    expect(finding.detail).toContain('3 of 3 members (222222222222, 333333333333 and 444444444444)');
    expect(finding.detail).not.toContain("management account's stream");
    expect(finding.remediation).toContain('aws iam put-role-policy --role-name CloudTrailCloudWatchLogsRole');
  });

  it('caps the list of members in the detail', () => {
    const snapshot = healthyOrg();
    addMembers(snapshot, 20);
    setRolePolicies(snapshot, [managementStreamOnly]);
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-006');
    expect(finding.detail).toContain('23 of 23 members');
    expect(finding.detail).toContain('and 13 more');
  });

  it('fires when only the management stream is missing', () => {
    const snapshot = healthyOrg();
    setRolePolicies(snapshot, [
      [{ Effect: 'Allow', Action: 'logs:*', Resource: `arn:aws:logs:us-east-1:${M}:log-group:aws-cloudtrail-logs-org:log-stream:${ORG}_*` }],
    ]);
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-006');
    expect(finding.detail).toContain("management account's stream");
    expect(finding.detail).not.toContain('member streams');
  });

  it('reads the identity policies together: an Allow in one, an explicit Deny in another', () => {
    const allowedBySecond = healthyOrg();
    setRolePolicies(allowedBySecond, [managementStreamOnly, [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }]]);
    expect(ofCheck(evaluate(allowedBySecond), 'CFG-006')).toEqual([]);

    const denied = healthyOrg();
    setRolePolicies(denied, [
      [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }],
      [{ Sid: 'NoPuts', Effect: 'Deny', Action: 'logs:PutLogEvents', Resource: '*' }],
    ]);
    const [finding] = ofCheck(evaluate(denied), 'CFG-006');
    expect(finding.detail).toContain('logs:PutLogEvents');
    expect(finding.detail).not.toContain('logs:CreateLogStream');
  });

  it('stays quiet with a Deny that does not apply', () => {
    const snapshot = healthyOrg();
    const role = snapshot.roles![ROLE_ARN] as { policies: string[] };
    role.policies.push(policyText([{ Effect: 'Deny', Action: 'logs:DeleteLogGroup', Resource: '*' }]));
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-006')).toEqual([]);
    expect(covers(result, 'CFG-006', ROLE_SUBJECT)).toBe(true);
  });

  it('fires when the role does not trust cloudtrail.amazonaws.com', () => {
    const snapshot = healthyOrg();
    const role = snapshot.roles![ROLE_ARN] as { role: { AssumeRolePolicyDocument?: string } };
    role.role.AssumeRolePolicyDocument = policyText([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(ofCheck(evaluate(snapshot), 'CFG-006')[0].detail).toContain('trust policy does not let cloudtrail.amazonaws.com sts:AssumeRole');
  });

  it('accepts a trust policy with the confused-deputy conditions CloudTrail satisfies', () => {
    const snapshot = healthyOrg();
    const role = snapshot.roles![ROLE_ARN] as { role: { AssumeRolePolicyDocument?: string } };
    role.role.AssumeRolePolicyDocument = policyText([
      { Effect: 'Allow', Principal: CLOUDTRAIL, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN, 'aws:SourceAccount': M } } },
    ]);
    expect(ofCheck(evaluate(snapshot), 'CFG-006')).toEqual([]);
  });

  it('fires when the role does not exist', () => {
    const snapshot = healthyOrg();
    snapshot.roles![ROLE_ARN] = null;
    expect(ofCheck(evaluate(snapshot), 'CFG-006')[0].detail).toContain('does not exist');
  });

  it('records nothing when the role policies could not be read and the trust policy is fine', () => {
    const snapshot = healthyOrg();
    (snapshot.roles![ROLE_ARN] as { policies?: unknown }).policies = { error: { code: 'AccessDenied' } };
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-006')).toEqual([]);
    expect(covers(result, 'CFG-006', ROLE_SUBJECT)).toBe(false);
  });
});

describe('CFG-007 log group', () => {
  it('fires when the log group does not exist', () => {
    const snapshot = healthyOrg();
    snapshot.logGroups![LOG_GROUP_ARN] = null;
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-007');
    expect(finding).toMatchObject({ ...LOG_GROUP_SUBJECT, severity: 'HIGH' });
    expect(finding.remediation).toContain('aws logs create-log-group --log-group-name aws-cloudtrail-logs-org --region us-east-1');
  });

  it('finds a log group recorded without the trailing :*', () => {
    const snapshot = healthyOrg();
    const entry = snapshot.logGroups![LOG_GROUP_ARN];
    delete snapshot.logGroups![LOG_GROUP_ARN];
    snapshot.logGroups![LOG_GROUP_ARN.replace(/:\*$/, '')] = entry;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-007')).toEqual([]);
    expect(covers(result, 'CFG-007', LOG_GROUP_SUBJECT)).toBe(true);
  });
});

describe('CFG-008 management events', () => {
  function setSelectors(snapshot: ListedSnapshot, selectors: object): void {
    snapshot.accountData[M].regionData!['us-east-1'].eventSelectors![TRAIL_ARN] = { TrailARN: TRAIL_ARN, ...selectors };
  }

  it('fires for basic selectors recording writes only', () => {
    const snapshot = healthyOrg();
    setSelectors(snapshot, { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [] }] });
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-008');
    expect(finding).toMatchObject({ ...TRAIL_SUBJECT, severity: 'HIGH' });
    expect(finding.detail).toContain('reads');
  });

  it('stays quiet for basic selectors recording all management events', () => {
    const snapshot = healthyOrg();
    setSelectors(snapshot, {
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
    });
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-008')).toEqual([]);
    expect(ofCheck(result, 'CFG-009')).toEqual([]);
  });

  it('fires for an advanced selector with a readOnly filter', () => {
    const snapshot = healthyOrg();
    setSelectors(snapshot, {
      AdvancedEventSelectors: [
        { Name: 'writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
      ],
    });
    expect(ofCheck(evaluate(snapshot), 'CFG-008')[0].detail).toContain('readOnly');
  });

  it('counts the exclusion of kms and rdsdata events as full, but not of other sources', () => {
    const kms = healthyOrg();
    setSelectors(kms, {
      AdvancedEventSelectors: [
        {
          Name: 'mgmt',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'eventSource', NotEquals: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] },
          ],
        },
        { Name: 's3', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] },
      ],
    });
    expect(ofCheck(evaluate(kms), 'CFG-008')).toEqual([]);

    const iam = healthyOrg();
    setSelectors(iam, {
      AdvancedEventSelectors: [
        { Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['iam.amazonaws.com'] }] },
      ],
    });
    expect(ofCheck(evaluate(iam), 'CFG-008')[0].detail).toContain('iam.amazonaws.com');
  });

  it('is skipped when the selectors could not be read', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[M].regionData!['us-east-1'].eventSelectors![TRAIL_ARN] = { error: { code: 'AccessDeniedException' } };
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-008')).toEqual([]);
    expect(covers(result, 'CFG-008', TRAIL_SUBJECT)).toBe(false);
    expect(covers(result, 'CFG-009', TRAIL_SUBJECT)).toBe(false);
  });
});

describe('CFG-009 S3 data events', () => {
  it('fires when no selector records AWS::S3::Object data events', () => {
    const snapshot = healthyOrg();
    const selectors = snapshot.accountData[M].regionData!['us-east-1'].eventSelectors![TRAIL_ARN] as { AdvancedEventSelectors: unknown[] };
    selectors.AdvancedEventSelectors = selectors.AdvancedEventSelectors.slice(0, 1);
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-009')).toMatchObject([{ ...TRAIL_SUBJECT, severity: 'LOW' }]);
    expect(ofCheck(result, 'CFG-008')).toEqual([]);
  });
});

describe('CFG-010 Insights', () => {
  it('fires when Insights is off', () => {
    const snapshot = healthyOrg();
    snapshot.accountData[M].regionData!['us-east-1'].insightSelectors![TRAIL_ARN] = null;
    expect(ofCheck(evaluate(snapshot), 'CFG-010')).toMatchObject([{ ...TRAIL_SUBJECT, severity: 'INFORMATIONAL' }]);
  });

  it('falls back on HasInsightSelectors when the selectors were not collected', () => {
    const off = healthyOrg();
    delete off.accountData[M].regionData!['us-east-1'].insightSelectors![TRAIL_ARN];
    orgTrail(off).HasInsightSelectors = false;
    expect(ofCheck(evaluate(off), 'CFG-010')).toHaveLength(1);

    const on = healthyOrg();
    delete on.accountData[M].regionData!['us-east-1'].insightSelectors![TRAIL_ARN];
    const result = evaluate(on);
    expect(ofCheck(result, 'CFG-010')).toEqual([]);
    expect(covers(result, 'CFG-010', TRAIL_SUBJECT)).toBe(true);
  });

  it.each([
    { categories: [['Data']], fires: true },
    { categories: [['Data'], ['Data']], fires: true },
    { categories: [['Data'], ['Management']], fires: false },
    { categories: [['Data', 'Management']], fires: false },
    { categories: [[]], fires: false },
    { categories: [undefined], fires: false },
  ])('reads EventCategories: selectors $categories → fires $fires', ({ categories, fires }) => {
    const snapshot = healthyOrg();
    snapshot.accountData[M].regionData!['us-east-1'].insightSelectors![TRAIL_ARN] = {
      TrailARN: TRAIL_ARN,
      InsightSelectors: categories.map((EventCategories, index) => ({
        InsightType: index === 0 ? 'ApiCallRateInsight' : 'ApiErrorRateInsight',
        ...(EventCategories ? { EventCategories: EventCategories as ('Management' | 'Data')[] } : {}),
      })),
    };
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-010')).toHaveLength(fires ? 1 : 0);
    expect(covers(result, 'CFG-010', TRAIL_SUBJECT)).toBe(true);
    if (fires) expect(ofCheck(result, 'CFG-010')[0].detail).toContain('watch data events only');
  });
});

describe('CFG-011 global service events', () => {
  it('fires for a multi-region org trail without global service events', () => {
    const snapshot = healthyOrg();
    orgTrail(snapshot).IncludeGlobalServiceEvents = false;
    expect(ofCheck(evaluate(snapshot), 'CFG-011')).toMatchObject([{ ...TRAIL_SUBJECT, severity: 'MEDIUM' }]);
  });

  it('stays quiet for a single-region org trail (ORG-002 covers it)', () => {
    const snapshot = healthyOrg();
    orgTrail(snapshot).IncludeGlobalServiceEvents = false;
    orgTrail(snapshot).IsMultiRegionTrail = false;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-011')).toEqual([]);
    expect(covers(result, 'CFG-011', TRAIL_SUBJECT)).toBe(true);
  });
});

describe('CFG-012 trails per region', () => {
  const MEMBER = '333333333333';
  const memberSubject = { accountId: MEMBER, region: 'us-east-1', resource: MEMBER };

  function addMemberTrails(snapshot: ListedSnapshot, count: number): void {
    const trails = snapshot.accountData[MEMBER].regionData!['us-east-1'].trails!;
    for (let i = 0; i < count; i += 1) {
      // multi-region trails created in other regions appear here as shadows, and count
      const home = i % 2 === 0 ? 'us-east-1' : 'eu-west-1';
      trails.push({ Name: `own-${i}`, TrailARN: `arn:aws:cloudtrail:${home}:${MEMBER}:trail/own-${i}`, HomeRegion: home, IsMultiRegionTrail: home !== 'us-east-1' });
    }
  }

  it('fires when the org trail and four of the account\'s own trails fill the region', () => {
    const snapshot = healthyOrg();
    addMemberTrails(snapshot, 4);
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-012');
    expect(finding).toMatchObject({ ...memberSubject, severity: 'LOW' });
    expect(finding.detail).toContain('5 trails in us-east-1');
    expect(finding.remediation).toContain('aws cloudtrail describe-trails --region us-east-1');
  });

  it('stays quiet at four trails, counting a trail listed twice once', () => {
    const snapshot = healthyOrg();
    addMemberTrails(snapshot, 3);
    const trails = snapshot.accountData[MEMBER].regionData!['us-east-1'].trails!;
    trails.push({ ...trails[trails.length - 1] });
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-012')).toEqual([]);
    expect(covers(result, 'CFG-012', memberSubject)).toBe(true);
  });

  it('skips a region that could not be read and accounts that are not active', () => {
    const snapshot = healthyOrg();
    addMemberTrails(snapshot, 4);
    snapshot.accountData[MEMBER].regionData!['us-east-1'].error = { code: 'AccessDenied' };
    const suspended = snapshot.accounts.find((account) => account.Id === '444444444444')!;
    suspended.Status = 'SUSPENDED';
    suspended.State = 'SUSPENDED';
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-012')).toEqual([]);
    expect(covers(result, 'CFG-012', memberSubject)).toBe(false);
    expect(covers(result, 'CFG-012', { accountId: '444444444444', region: 'us-east-1', resource: '444444444444' })).toBe(false);
  });
});

describe('CFG-013 SNS topic', () => {
  it('fires when the topic policy allows the account root but not CloudTrail', () => {
    const snapshot = healthyOrg();
    setTopicPolicy(snapshot, [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${M}:root` }, Action: 'SNS:Publish', Resource: TOPIC_ARN }]);
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-013');
    expect(finding).toMatchObject({ ...TOPIC_SUBJECT, severity: 'MEDIUM' });
    expect(finding.detail).toContain('sns:Publish for org trail org-trail (no statement allows it)');
  });

  it('fires when the topic does not exist', () => {
    const snapshot = healthyOrg();
    snapshot.snsTopics![TOPIC_ARN] = null;
    const [finding] = ofCheck(evaluate(snapshot), 'CFG-013');
    expect(finding.detail).toContain('does not exist');
    expect(finding.remediation).toContain('aws sns create-topic --name cloudtrail-delivery --region us-east-1');
  });

  it('stays quiet with a Deny that does not apply to CloudTrail\'s request', () => {
    const snapshot = healthyOrg();
    setTopicPolicy(snapshot, [
      { Effect: 'Allow', Principal: CLOUDTRAIL, Action: 'SNS:Publish', Resource: TOPIC_ARN, Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } } },
      { Sid: 'OtherTrailsOnly', Effect: 'Deny', Principal: CLOUDTRAIL, Action: 'SNS:Publish', Resource: TOPIC_ARN, Condition: { StringNotEquals: { 'aws:SourceAccount': M } } },
    ]);
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-013')).toEqual([]);
    expect(covers(result, 'CFG-013', TOPIC_SUBJECT)).toBe(true);
  });

  it('names only the trail the policy leaves out when two org trails share the topic', () => {
    const snapshot = healthyOrg();
    addOrgTrail(snapshot, 'second-trail');
    const findings = ofCheck(evaluate(snapshot), 'CFG-013');
    expect(findings).toHaveLength(1);
    expect(findings[0].detail).toContain('second-trail');
    expect(findings[0].detail).not.toContain('org-trail (');
  });

  it('does not evaluate a trail without a topic', () => {
    const snapshot = healthyOrg();
    delete orgTrail(snapshot).SnsTopicARN;
    const result = evaluate(snapshot);
    expect(ofCheck(result, 'CFG-013')).toEqual([]);
    expect(covers(result, 'CFG-013', TOPIC_SUBJECT)).toBe(false);
  });
});

describe('a snapshot with little collected', () => {
  it('neither crashes nor covers anything when the named resources were not collected', () => {
    const snapshot = healthyOrg();
    delete snapshot.kmsKeys;
    delete snapshot.snsTopics;
    delete snapshot.logGroups;
    delete snapshot.roles;
    delete snapshot.buckets;
    const home = snapshot.accountData[M].regionData!['us-east-1'];
    delete home.eventSelectors;
    delete home.insightSelectors;
    const result = evaluate(snapshot);
    expect(result.findings.filter((finding) => /^(CFG|S3)-/.test(finding.checkId))).toEqual([]);
    // CFG-010 still answers from the trail's HasInsightSelectors; nothing that needs the rest is covered
    const covered = [...result.coverage].filter((key) => /^(CFG-00[346789]|CFG-013|S3-)/.test(key));
    expect(covered).toEqual([]);
  });

  it('skips the member streams, but still judges the trust policy, when the organization ID is unknown', () => {
    const snapshot = healthyOrg();
    snapshot.organization = { error: { code: 'AccessDeniedException' } };
    const quiet = evaluate(snapshot);
    expect(ofCheck(quiet, 'CFG-006')).toEqual([]);
    expect(covers(quiet, 'CFG-006', ROLE_SUBJECT)).toBe(false);

    const role = snapshot.roles![ROLE_ARN] as { role: { AssumeRolePolicyDocument?: string } };
    role.role.AssumeRolePolicyDocument = policyText([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(ofCheck(evaluate(snapshot), 'CFG-006')).toHaveLength(1);
  });
});
