/** GRD-003: a resource control policy on the bucket's or key's owner blocks CloudTrail's delivery. */
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { bucketAclRequest, bucketWriteRequest, keyEncryptRequest } from '../trail/cloudtrail-requests';
import { trailDelivery } from '../trail/trail-resources';
import type { PolicyRequest } from '../../policy/types';
import { denyingPolicies, policiesOnPath } from './organization-policies';
import { inOrganization, trailDestinations, type TrailDestination } from './trail-destinations';

export const GRD_003: CheckDefinition = {
  id: 'GRD-003',
  family: 'GRD',
  severity: 'CRITICAL',
  title: "A resource control policy blocks CloudTrail's delivery",
  description:
    "Fires when a resource control policy (RCP) on the path of the bucket's (or key's) owner account denies CloudTrail's delivery request of S3-002 (or CFG-004): " +
    'the resource policy may allow it, but the RCP blocks it. Judged like the policy questions, with every RCP on the owner\'s path as a Deny source (RCPFullAWSAccess allows); ' +
    'an unknown condition operator makes a Deny count, and the detail says so. Not evaluated when RCPs are not enabled on the root, nor for the management account (RCPs never bind it); ' +
    'under AUD-004 it may fire but resolves nothing. Skipped when the policies were not collected; not evaluated where a read failed (AUD-005). Subjects as GRD-002.',
  remediation:
    'The resource control policies {policies} deny CloudTrail ({service}) the delivery to {resource} in account {accountId}, so the organization trail cannot write its logs there. ' +
    'Exempt CloudTrail from them, e.g. with a condition `"StringNotEquals": {"aws:PrincipalServiceName": "cloudtrail.amazonaws.com"}` on the Deny: ' +
    '`aws organizations describe-policy --policy-id POLICY_ID`, then `aws organizations update-policy --policy-id POLICY_ID --content file://rcp.json`.',
};

function deliveryRequests(context: EvaluationContext, destination: TrailDestination): PolicyRequest[] {
  const { model } = context;
  return destination.trails.flatMap((trail) => {
    const delivery = trailDelivery(trail, model);
    if (destination.kind === 'key') return [keyEncryptRequest(delivery, destination.id)];
    const writes = model.organizationId
      ? model.auditedAccounts.map((account) => bucketWriteRequest(delivery, trail.trail, destination.id, model.organizationId as string, account.Id as string))
      : [];
    return [bucketAclRequest(delivery, destination.id), ...writes];
  });
}

export function evaluateRcpBlocksDelivery(context: EvaluationContext): void {
  for (const destination of trailDestinations(context)) {
    const owner = destination.ownerAccountId;
    if (owner === context.model.managementAccountId || !inOrganization(context, owner)) continue;
    const path = policiesOnPath(context.snapshot, owner, 'RESOURCE_CONTROL_POLICY');
    if (path.kind !== 'read') continue;
    const denied = new Set<string>();
    const uncertain = new Set<string>();
    for (const request of deliveryRequests(context, destination)) {
      const verdict = denyingPolicies(path.policies, request, true);
      verdict.denied.forEach((name) => denied.add(name));
      verdict.uncertain.forEach((name) => uncertain.add(name));
    }
    if (denied.size === 0) {
      if (context.model.accountListGap === undefined) context.evaluated('GRD-003', destination.subject);
      continue;
    }
    const note = uncertain.size ? ` ${[...uncertain].join(', ')} use a condition operator the auditor does not evaluate (or cannot be read): their Deny was counted, so verify them by hand.` : '';
    const what = destination.kind === 'bucket' ? 's3:GetBucketAcl / s3:PutObject of the log files' : 'kms:GenerateDataKey';
    context.fire('GRD-003', destination.subject, `Resource control policies ${[...denied].join(', ')} deny cloudtrail.amazonaws.com ${what} on ${destination.id}.${note}`, {
      policies: [...denied].join(', '),
      service: 'cloudtrail.amazonaws.com',
      resource: destination.id,
      accountId: owner,
    });
  }
}
