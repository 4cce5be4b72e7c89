/**
 * The simulated AWS's answers that only the HTTP simulation serves, read through the real SDK:
 * the log bucket's ListObjectsV2 (CloudTrail's key names, Prefix / StartAfter / MaxKeys /
 * ContinuationToken over sorted keys), GetBucketRequestPayment, the organization-policy reads
 * (ListRoots, ListParents, ListPoliciesForTarget, DescribePolicy), and the writes a run makes
 * (PutObject, Publish), which the server keeps.
 */
import { DescribePolicyCommand, ListParentsCommand, ListPoliciesForTargetCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import { GetBucketRequestPaymentCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { AccountClients } from '../../lambda/collect/account-clients';
import { SimulatedAwsServer } from '../support/aws-http/simulated-aws-server';
import { BUCKET, MANAGEMENT, ORG_ID } from '../support/healthy-org-names';
import { healthyOrg } from '../support/snapshots';

const LOG_ARCHIVE = '222222222222';
const MEMBER = '333333333333';
const FOLDER = `AWSLogs/${ORG_ID}/${MEMBER}/CloudTrail/eu-west-1/`;
const DIGESTS = `AWSLogs/${ORG_ID}/${MEMBER}/CloudTrail-Digest/eu-west-1/`;
const SCP = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}';

let server: SimulatedAwsServer;
let logArchive: AccountClients;

beforeAll(async () => {
  const snapshot = healthyOrg();
  snapshot.roots = [{ Id: 'r-ab12', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }];
  snapshot.accountPaths = { [LOG_ARCHIVE]: ['ou-ab12-security', 'r-ab12'] };
  snapshot.targetPolicies = {
    'ou-ab12-security': { SERVICE_CONTROL_POLICY: [{ Id: 'p-protecttrail', Name: 'ProtectTrail', Type: 'SERVICE_CONTROL_POLICY', Content: SCP }] },
    'r-ab12': { SERVICE_CONTROL_POLICY: [] },
  };
  (snapshot.buckets?.[BUCKET] as { requestPayment?: string }).requestPayment = 'Requester';
  server = await SimulatedAwsServer.start(snapshot);
  logArchive = await server.clientFactory().assume(LOG_ARCHIVE);
});

afterAll(async () => {
  await server.close();
});

async function listAll(input: { Prefix: string; StartAfter?: string; MaxKeys?: number }): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let pages = 0;
  let ContinuationToken: string | undefined;
  do {
    const page = await logArchive.s3('us-east-1').send(new ListObjectsV2Command({ Bucket: BUCKET, ...input, ContinuationToken }));
    pages++;
    keys.push(...(page.Contents ?? []).map((object) => object.Key as string));
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return { keys, pages };
}

test("a member-region's folder holds log files and a digest named as CloudTrail names them, in key order", async () => {
  const logs = await listAll({ Prefix: FOLDER });
  const digests = await listAll({ Prefix: DIGESTS });

  expect(logs.keys).toHaveLength(3);
  for (const key of logs.keys) {
    expect(key).toMatch(new RegExp(`^${FOLDER}\\d{4}/\\d{2}/\\d{2}/${MEMBER}_CloudTrail_eu-west-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$`));
  }
  expect([...logs.keys].sort()).toEqual(logs.keys);
  expect(digests.keys).toEqual([expect.stringMatching(new RegExp(`^${DIGESTS}\\d{4}/\\d{2}/\\d{2}/${MEMBER}_CloudTrail-Digest_eu-west-1_org-trail_us-east-1_\\d{8}T\\d{6}Z\\.json\\.gz$`))]);
});

test('MaxKeys pages through continuation tokens; StartAfter skips up to and including its key', async () => {
  const whole = await listAll({ Prefix: FOLDER });

  const paged = await listAll({ Prefix: FOLDER, MaxKeys: 1 });
  const after = await listAll({ Prefix: FOLDER, StartAfter: whole.keys[0] });
  const afterPrefix = await listAll({ Prefix: FOLDER.slice(0, -1), StartAfter: FOLDER });

  expect(paged).toEqual({ keys: whole.keys, pages: 3 });
  expect(after.keys).toEqual(whole.keys.slice(1));
  expect(afterPrefix.keys.slice(0, 3)).toEqual(whole.keys);
});

test("another account's credentials are refused, and a missing bucket is NoSuchBucket", async () => {
  const member = await server.clientFactory().assume(MEMBER);
  await expect(member.s3('us-east-1').send(new ListObjectsV2Command({ Bucket: BUCKET }))).rejects.toMatchObject({ name: 'AccessDenied' });
  await expect(logArchive.s3('us-east-1').send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
});

test('GetBucketRequestPayment answers the recorded payer', async () => {
  const output = await logArchive.s3('us-east-1').send(new GetBucketRequestPaymentCommand({ Bucket: BUCKET }));
  expect(output.Payer).toBe('Requester');
});

test('the organization-policy reads walk the recorded path and policies', async () => {
  const organizations = (await server.clientFactory().home()).organizations();

  const roots = await organizations.send(new ListRootsCommand({}));
  const parent = await organizations.send(new ListParentsCommand({ ChildId: LOG_ARCHIVE }));
  const grandparent = await organizations.send(new ListParentsCommand({ ChildId: 'ou-ab12-security' }));
  const policies = await organizations.send(new ListPoliciesForTargetCommand({ TargetId: 'ou-ab12-security', Filter: 'SERVICE_CONTROL_POLICY' }));
  const policy = await organizations.send(new DescribePolicyCommand({ PolicyId: 'p-protecttrail' }));

  expect(roots.Roots?.map((r) => [r.Id, r.PolicyTypes?.[0]?.Status])).toEqual([['r-ab12', 'ENABLED']]);
  expect(parent.Parents).toEqual([{ Id: 'ou-ab12-security', Type: 'ORGANIZATIONAL_UNIT' }]);
  expect(grandparent.Parents).toEqual([{ Id: 'r-ab12', Type: 'ROOT' }]);
  expect(policies.Policies?.map((p) => [p.Id, p.Name, p.Type])).toEqual([['p-protecttrail', 'ProtectTrail', 'SERVICE_CONTROL_POLICY']]);
  expect(policy.Policy?.Content).toBe(SCP);
  await expect(organizations.send(new ListParentsCommand({ ChildId: '999999999999' }))).rejects.toMatchObject({ name: 'ChildNotFoundException' });
  await expect(organizations.send(new DescribePolicyCommand({ PolicyId: 'p-nothere' }))).rejects.toMatchObject({ name: 'PolicyNotFoundException' });
});

test('PutObject and Publish are kept for tests to read, with the bytes and text sent', async () => {
  const home = await server.clientFactory().home();
  const body = Buffer.from('{"snapshotVersion":1}');

  await home.s3('us-east-1').send(new PutObjectCommand({ Bucket: 'evidence-bucket', Key: 'snapshots/run.json', Body: body, ContentType: 'application/json' }));
  const published = await home.sns('us-east-1').send(
    new PublishCommand({ TopicArn: `arn:aws:sns:us-east-1:${MANAGEMENT}:alerts`, Subject: 'a <subject> & more', Message: 'line one\nline two' }),
  );

  expect(server.storedObjects.get('evidence-bucket/snapshots/run.json')?.body.toString()).toBe(body.toString());
  expect(published.MessageId).toMatch(/^[0-9a-f-]{36}$/);
  expect(server.published.at(-1)).toMatchObject({ TopicArn: `arn:aws:sns:us-east-1:${MANAGEMENT}:alerts`, Subject: 'a <subject> & more', Message: 'line one\nline two' });
});
