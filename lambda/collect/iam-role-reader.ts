import { GetRoleCommand, type IAMClient, type Role } from '@aws-sdk/client-iam';
import type { SnapshotRole } from '../snapshot/types';
import { jsonify } from './jsonify';

/**
 * A role that does not exist: IAM's error code is NoSuchEntity, which the SDK raises as
 * NoSuchEntityException (the name recorded as `code`).
 */
export const NO_SUCH_ROLE: readonly string[] = ['NoSuchEntityException', 'NoSuchEntity'];

/** IAM returns policy documents URL-encoded; the snapshot stores the JSON text. */
export function decodePolicyDocument(document: string | undefined): string | undefined {
  return document === undefined ? undefined : decodeURIComponent(document);
}

/** iam:GetRole → .Role, with its trust policy decoded. Rejects with the SDK error (NoSuchEntity…). */
export async function readRole(iam: IAMClient, roleName: string): Promise<SnapshotRole> {
  const role: Role | undefined = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  if (!role) throw Object.assign(new Error(`GetRole ${roleName} returned no role`), { name: 'NoSuchEntity' });
  return jsonify({ ...role, AssumeRolePolicyDocument: decodePolicyDocument(role.AssumeRolePolicyDocument) });
}

/** The role name of a role ARN (`arn:aws:iam::ACCOUNT:role/path/NAME` → NAME). */
export function roleNameOfArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.split('/').pop() ?? resource;
}
