/**
 * The request a GRD check asks an SCP about: an administrator of the account (`P`, a role no
 * exemption names, so a Deny that spares break-glass or pipeline roles still protects) acting on
 * the org trail or one of its destinations, with the context of CHECKS.md "GRD".
 */
import type { PolicyRequest } from '../../policy/types';
import type { AuditModel } from '../model';

export const PROBE_ROLE_NAME = 'org-trail-auditor-probe';

/** `P`: `arn:PARTITION:iam::ACCOUNT:role/org-trail-auditor-probe`. */
export function probeRoleArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/${PROBE_ROLE_NAME}`;
}

export function administratorRequest(model: AuditModel, accountId: string, action: string, resource: string, region: string): PolicyRequest {
  const principalArn = probeRoleArn(model.partition, accountId);
  return {
    principal: { arn: principalArn, accountId },
    action,
    resource,
    context: {
      'aws:PrincipalArn': principalArn,
      'aws:PrincipalAccount': accountId,
      ...(model.organizationId ? { 'aws:PrincipalOrgID': model.organizationId } : {}),
      'aws:PrincipalIsAWSService': false,
      'aws:PrincipalType': 'AssumedRole',
      'aws:RequestedRegion': region,
    },
  };
}
