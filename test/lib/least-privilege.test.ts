import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { MEMBER_READ_ACTIONS } from '../../lib/read-permissions';
import { memberRoleActionsIn, memberRoleStatementsIn, stackSetTemplate } from './member-role-evaluation';
import { actionsOf, identityPolicyStatements, resourcesOfType, synthesize, type PolicyStatementJson } from './synthesize';

const LOG_ARCHIVE = '222222222222';
const KEY_OWNER = '333333333333';
const ORDINARY_MEMBER = '444444444444';

/** What every member grants: its regions, the trails it sees, the status of the org trail. */
const ORDINARY_MEMBER_ACTIONS = ['ec2:DescribeRegions', 'cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus'];

/** The reads of a log bucket, written out here (not imported) so that a change to the grants shows in this test. */
const LOG_BUCKET_READS = [
  's3:GetBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketPublicAccessBlock',
  's3:GetLifecycleConfiguration',
  's3:GetBucketVersioning',
  's3:GetBucketLogging',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketRequestPayment',
  's3:ListBucket',
];

/** What the log archive account grants besides: the reads of the log buckets it owns. */
const LOG_BUCKET_STATEMENTS = [
  {
    Sid: 'ReadLogBucketsOwnedHere',
    Action: LOG_BUCKET_READS,
    Resource: 'arn:aws:s3:::*',
    Condition: { StringEquals: { 's3:ResourceAccount': '<account>' } },
  },
];

/** What every account that owns trail resources (the log archive account too) grants besides, by statement. */
const RESOURCE_OWNER_STATEMENTS = [
  { Sid: 'ReadKmsKeysOwnedHere', Action: ['kms:DescribeKey', 'kms:GetKeyPolicy'], Resource: 'arn:aws:kms:*:<account>:key/*' },
  { Sid: 'ReadSnsTopicsOwnedHere', Action: ['sns:GetTopicAttributes'], Resource: 'arn:aws:sns:*:<account>:*' },
  { Sid: 'ReadLogGroupsOwnedHere', Action: ['logs:DescribeLogGroups'], Resource: 'arn:aws:logs:*:<account>:log-group:*' },
  {
    Sid: 'ReadRolesOwnedHere',
    Action: ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'],
    Resource: 'arn:aws:iam::<account>:role/*',
  },
  { Sid: 'ReadManagedPoliciesOfThoseRoles', Action: ['iam:GetPolicy', 'iam:GetPolicyVersion'], Resource: ['arn:aws:iam::<account>:policy/*', 'arn:aws:iam::aws:policy/*'] },
];

function statementsFor(statements: object[], accountId: string): unknown[] {
  return JSON.parse(JSON.stringify(statements).replace(/<account>/g, accountId)).map((statement: object) => ({ Effect: 'Allow', ...statement }));
}

describe('the member role, per kind of account', () => {
  let template: Template;

  beforeAll(() => {
    template = synthesize({ organizationId: 'o-a1b2c3d4e5', logArchiveAccountId: LOG_ARCHIVE, trailResourceAccountIds: [KEY_OWNER] });
  });

  test('an ordinary member grants exactly the three reads of its own view of the trails', () => {
    const statements = memberRoleStatementsIn(stackSetTemplate(template), ORDINARY_MEMBER);
    expect(statements).toEqual([{ Sid: 'SeeTheOrganizationTrailsFromThisAccount', Effect: 'Allow', Action: ORDINARY_MEMBER_ACTIONS, Resource: '*' }]);
  });

  test('the log archive account grants those, the reads of the resources it owns, and the reads of the buckets it owns', () => {
    const statements = memberRoleStatementsIn(stackSetTemplate(template), LOG_ARCHIVE);
    expect(statements[0]?.Action).toEqual(ORDINARY_MEMBER_ACTIONS);
    expect(statements.slice(1)).toEqual([...statementsFor(RESOURCE_OWNER_STATEMENTS, LOG_ARCHIVE), ...statementsFor(LOG_BUCKET_STATEMENTS, LOG_ARCHIVE)]);
  });

  test('an account in trailResourceAccountIds grants those and the reads of the resources it owns, but no bucket reads', () => {
    const statements = memberRoleStatementsIn(stackSetTemplate(template), KEY_OWNER);
    expect(statements[0]?.Action).toEqual(ORDINARY_MEMBER_ACTIONS);
    expect(statements.slice(1)).toEqual(statementsFor(RESOURCE_OWNER_STATEMENTS, KEY_OWNER));
    expect(statements.flatMap((statement) => statement.Action).filter((action) => action.startsWith('s3:'))).toEqual([]);
  });

  test('no account grants s3:ListBucket on buckets it does not own', () => {
    const memberTemplate = stackSetTemplate(template);
    for (const accountId of [LOG_ARCHIVE, KEY_OWNER, ORDINARY_MEMBER]) {
      const listing = memberRoleStatementsIn(memberTemplate, accountId).filter((statement) => statement.Action.includes('s3:ListBucket'));
      for (const statement of listing) expect(statement.Condition).toEqual({ StringEquals: { 's3:ResourceAccount': accountId } });
    }
    expect(memberRoleActionsIn(memberTemplate, ORDINARY_MEMBER)).not.toContain('s3:ListBucket');
  });

  test('the extra reads are conditional policies on the same role', () => {
    const memberTemplate = stackSetTemplate(template);
    expect(memberTemplate.Conditions).toEqual({
      OwnsTrailResources: {
        'Fn::Or': [
          { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, LOG_ARCHIVE] },
          { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, KEY_OWNER] },
        ],
      },
      IsLogArchiveAccount: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, LOG_ARCHIVE] },
    });
    expect(memberTemplate.Resources.TrailResourceReads).toMatchObject({
      Type: 'AWS::IAM::RolePolicy',
      Condition: 'OwnsTrailResources',
      Properties: { RoleName: { Ref: 'MemberAuditRole' }, PolicyName: 'read-trail-resources-owned-here' },
    });
    expect(memberTemplate.Resources.LogBucketReads).toMatchObject({
      Type: 'AWS::IAM::RolePolicy',
      Condition: 'IsLogArchiveAccount',
      Properties: { RoleName: { Ref: 'MemberAuditRole' }, PolicyName: 'read-log-buckets-owned-here' },
    });
  });
});

test('with only a log archive account, it alone grants the resource and bucket reads (one Fn::Equals, no Fn::Or)', () => {
  const memberTemplate = stackSetTemplate(synthesize({ organizationId: 'o-a1b2c3d4e5', logArchiveAccountId: LOG_ARCHIVE }));
  const isLogArchive = { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, LOG_ARCHIVE] };
  expect(memberTemplate.Conditions).toEqual({ OwnsTrailResources: isLogArchive, IsLogArchiveAccount: isLogArchive });
  expect(memberRoleActionsIn(memberTemplate, LOG_ARCHIVE)).toEqual(expect.arrayContaining(['kms:GetKeyPolicy', 's3:ListBucket']));
  expect(memberRoleActionsIn(memberTemplate, KEY_OWNER)).toEqual(ORDINARY_MEMBER_ACTIONS);
});

test('with no resource owner configured, every member is ordinary and the template has no condition', () => {
  const memberTemplate = stackSetTemplate(synthesize({ organizationId: 'o-a1b2c3d4e5' }));
  expect(memberTemplate.Conditions).toBeUndefined();
  expect(Object.keys(memberTemplate.Resources)).toEqual(['MemberAuditRole']);
  expect(memberRoleActionsIn(memberTemplate, LOG_ARCHIVE)).toEqual(ORDINARY_MEMBER_ACTIONS);
});

test('more than ten resource owners: nested Fn::Or within CloudFormation limits, exactly the listed accounts', () => {
  const owners = Array.from({ length: 23 }, (_, index) => String(500000000000 + index));
  const memberTemplate = stackSetTemplate(synthesize({ organizationId: 'o-a1b2c3d4e5', trailResourceAccountIds: owners }));
  // The evaluator throws on an Fn::Or outside 2..10.
  for (const owner of owners) expect(memberRoleActionsIn(memberTemplate, owner)).toContain('kms:GetKeyPolicy');
  expect(memberRoleActionsIn(memberTemplate, '500000000023')).toEqual(ORDINARY_MEMBER_ACTIONS);
  expect(memberRoleActionsIn(memberTemplate, ORDINARY_MEMBER)).toEqual(ORDINARY_MEMBER_ACTIONS);
});

test("the ordinary member's reads are exactly the calls the member collector makes inside a member", () => {
  // The commands member-account-collector.ts sends with the member's clients, and their IAM actions.
  const source = readFileSync(join(__dirname, '..', '..', 'lambda', 'collect', 'member-account-collector.ts'), 'utf8');
  const commands = [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map((match) => match[1]))].sort();
  const actionOf: Record<string, string> = {
    DescribeRegions: 'ec2:DescribeRegions',
    DescribeTrails: 'cloudtrail:DescribeTrails',
    GetTrailStatus: 'cloudtrail:GetTrailStatus',
  };
  expect(commands).toEqual(Object.keys(actionOf).sort());
  expect([...MEMBER_READ_ACTIONS].sort()).toEqual(commands.map((command) => actionOf[command as string]).sort());
});

describe("the audit function's role in the management account", () => {
  let statements: PolicyStatementJson[];

  beforeAll(() => {
    statements = identityPolicyStatements(synthesize({ organizationId: 'o-a1b2c3d4e5', logArchiveAccountId: LOG_ARCHIVE }));
  });

  function bySid(sid: string): PolicyStatementJson {
    const found = statements.filter((statement) => statement.Sid === sid);
    if (found.length !== 1) throw new Error(`expected one statement ${sid}, found ${found.length}`);
    return found[0] as PolicyStatementJson;
  }

  const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
  const partition = { Ref: 'AWS::Partition' };
  const account = { Ref: 'AWS::AccountId' };

  test.each([
    [
      'ReadOrganization',
      [
        'organizations:DescribeOrganization',
        'organizations:ListAccounts',
        'organizations:ListAWSServiceAccessForOrganization',
        'organizations:ListDelegatedAdministrators',
        'organizations:DescribeResourcePolicy',
        'organizations:ListRoots',
        'organizations:ListParents',
        'organizations:ListPoliciesForTarget',
        'organizations:DescribePolicy',
        'account:ListRegions',
      ],
      '*',
    ],
    ['ListTrails', ['cloudtrail:DescribeTrails'], '*'],
    [
      'ReadOwnOrganizationTrails',
      ['cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors', 'cloudtrail:GetInsightSelectors'],
      join('arn:', partition, ':cloudtrail:*:', account, ':trail/*'),
    ],
    [
      'ReadLogBuckets',
      LOG_BUCKET_READS,
      join('arn:', partition, ':s3:::*'),
    ],
    [
      'ReadTrailKeysAndTopics',
      ['kms:DescribeKey', 'kms:GetKeyPolicy', 'sns:GetTopicAttributes'],
      [join('arn:', partition, ':kms:*:*:key/*'), join('arn:', partition, ':sns:*:*:*')],
    ],
    ['ReadOwnLogGroups', ['logs:DescribeLogGroups'], join('arn:', partition, ':logs:*:', account, ':log-group:*')],
    ['ReadOwnRoles', ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'], join('arn:', partition, ':iam::', account, ':role/*')],
    [
      'ReadManagedPoliciesOfOwnRoles',
      ['iam:GetPolicy', 'iam:GetPolicyVersion'],
      [join('arn:', partition, ':iam::', account, ':policy/*'), join('arn:', partition, ':iam::aws:policy/*')],
    ],
  ])('%s: exactly its actions, on its resources', (sid, actions, resource) => {
    const statement = bySid(sid);
    expect(statement.Effect).toBe('Allow');
    expect(actionsOf(statement)).toEqual(actions);
    expect(statement.Resource).toEqual(resource);
    expect(statement.Condition).toBeUndefined();
  });

  test('no longer reads regions through EC2 (the management account lists them with account:ListRegions)', () => {
    expect(statements.flatMap(actionsOf)).not.toContain('ec2:DescribeRegions');
  });

  test('assumes the member role only in accounts of the configured organization', () => {
    expect(bySid('AssumeMemberAuditRole')).toEqual({
      Sid: 'AssumeMemberAuditRole',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: join('arn:', partition, ':iam::*:role/OrgTrailAuditorMemberRole'),
      Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
    });
  });
});

test('without a configured organization ID, aws:ResourceOrgID is the one read at deploy time', () => {
  const template = synthesize({});
  const [lookupId] = Object.entries(resourcesOfType(template, 'Custom::AWS')).find(([, r]) => JSON.stringify(r.Properties?.Create).includes('DescribeOrganization')) ?? [];
  const statement = identityPolicyStatements(template).find((candidate) => candidate.Sid === 'AssumeMemberAuditRole');
  expect(statement?.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': { 'Fn::GetAtt': [lookupId, 'Organization.Id'] } } });
});

test('with the most trail-resource accounts allowed, the member template fits in a StackSet TemplateBody (51,200 bytes)', () => {
  const owners = Array.from({ length: 200 }, (_, index) => String(600000000000 + index));
  const template = synthesize({ organizationId: 'o-a1b2c3d4e5', logArchiveAccountId: LOG_ARCHIVE, trailResourceAccountIds: owners });
  const body = JSON.stringify(stackSetTemplate(template));
  expect(Buffer.byteLength(body, 'utf8')).toBeLessThan(51_200);
  expect(memberRoleActionsIn(stackSetTemplate(template), '600000000199')).toContain('kms:GetKeyPolicy');
});
