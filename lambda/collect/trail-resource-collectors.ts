import { DescribeLogGroupsCommand, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import type { KmsKeyData, Recorded, RoleData, SnapshotLogGroup, SnsTopicData } from '../snapshot/types';
import type { AccountClients } from './account-clients';
import { decodePolicyDocument, NO_SUCH_ROLE, readRole, roleNameOfArn } from './iam-role-reader';
import { jsonify } from './jsonify';
import { apiErrorOf, recorded, recordedOrNull } from './recorded-call';

/**
 * Readers of the resources an organization trail names besides its bucket, each read in the
 * account and region its ARN names. "Does not exist" is `null`; other failures are recorded.
 */

/** kms:DescribeKey → .KeyMetadata and kms:GetKeyPolicy(default) → .Policy; null when the key does not exist. */
export async function collectKmsKey(clients: AccountClients, keyArn: string, region: string): Promise<Recorded<KmsKeyData> | null> {
  const kms = clients.kms(region);
  try {
    const metadata = jsonify((await kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata ?? { KeyId: keyArn });
    const policy = await recordedOrNull(
      async () => (await kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }))).Policy ?? null,
      ['NotFoundException'],
    );
    return { metadata, policy };
  } catch (error) {
    const recordedError = apiErrorOf(error);
    return recordedError.code === 'NotFoundException' ? null : { error: recordedError };
  }
}

/** sns:GetTopicAttributes → .Attributes; null when the topic does not exist. */
export async function collectSnsTopic(clients: AccountClients, topicArn: string, region: string): Promise<Recorded<SnsTopicData> | null> {
  return recordedOrNull(
    async () => ({ attributes: (await clients.sns(region).send(new GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes ?? {} }),
    ['NotFoundException'],
  );
}

/** logs:DescribeLogGroups by name prefix, exact name match; null when there is none. */
export async function collectLogGroup(clients: AccountClients, logGroupArn: string, region: string): Promise<Recorded<SnapshotLogGroup> | null> {
  const name = logGroupNameOfArn(logGroupArn);
  return recordedOrNull(async () => {
    const logs = clients.logs(region);
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }));
      const match: LogGroup | undefined = page.logGroups?.find((group) => group.logGroupName === name);
      if (match) return jsonify(match);
      nextToken = page.nextToken;
    } while (nextToken);
    return null;
  }, ['ResourceNotFoundException']);
}

/** iam:GetRole, and every inline and attached policy document of the role; null when it does not exist. */
export async function collectRole(clients: AccountClients, roleArn: string): Promise<Recorded<RoleData> | null> {
  const iam = clients.iam();
  const roleName = roleNameOfArn(roleArn);
  const role = await recordedOrNull(() => readRole(iam, roleName), NO_SUCH_ROLE);
  if (role === null) return null;
  if ('error' in role) return { error: role.error };
  return { role, policies: await recorded(() => readRolePolicies(iam, roleName)) };
}

async function readRolePolicies(iam: IAMClient, RoleName: string): Promise<string[]> {
  const documents: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName, Marker }));
    for (const PolicyName of page.PolicyNames ?? []) {
      const document = decodePolicyDocument((await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument);
      if (document !== undefined) documents.push(document);
    }
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  do {
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName, Marker }));
    for (const { PolicyArn } of page.AttachedPolicies ?? []) {
      const VersionId = (await iam.send(new GetPolicyCommand({ PolicyArn }))).Policy?.DefaultVersionId;
      const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn, VersionId }));
      const document = decodePolicyDocument(version.PolicyVersion?.Document);
      if (document !== undefined) documents.push(document);
    }
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return documents;
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` → NAME. */
export function logGroupNameOfArn(arn: string): string {
  const name = arn.split(':log-group:')[1] ?? arn;
  return name.endsWith(':*') ? name.slice(0, -2) : name;
}
