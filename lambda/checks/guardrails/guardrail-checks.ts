/**
 * The GRD checks of docs/checks.md: the preventive controls around the org trail, read from the
 * organization's SCPs and RCPs. One check per file, its metadata beside its logic; this family runs
 * them and raises AUD-005 for each account whose policies could not be read.
 */
import { answerOf, isFailed, type ApiError } from '../../snapshot/types';
import type { CheckFamily, EvaluationContext } from '../context';
import { GRD_001, evaluateDelegatedAdminTrailProtection } from './grd-001-delegated-admin-trail-protection';
import { GRD_002, evaluateDestinationProtection } from './grd-002-destination-protection';
import { GRD_003, evaluateRcpBlocksDelivery } from './grd-003-rcp-blocks-delivery';
import { GRD_004, evaluateDestinationsInOrganization } from './grd-004-destination-outside-organization';
import { policiesOnPath, policyTypeEnabled, type OrganizationPolicyType } from './organization-policies';
import { inOrganization, trailDestinations } from './trail-destinations';

export const guardrailChecks: CheckFamily = {
  checks: [GRD_001, GRD_002, GRD_003, GRD_004],
  evaluate(context) {
    evaluateDelegatedAdminTrailProtection(context);
    evaluateDestinationProtection(context);
    evaluateRcpBlocksDelivery(context);
    evaluateDestinationsInOrganization(context);
    evaluatePolicyReads(context);
  },
};

/** The accounts whose policies GRD-001…003 read: delegated administrators and the owners of the bucket and key. */
function accountsLookedAt(context: EvaluationContext): string[] {
  const accounts = new Set<string>();
  for (const admin of answerOf(context.snapshot.delegatedAdministrators) ?? []) if (admin.Id) accounts.add(admin.Id);
  for (const destination of trailDestinations(context)) accounts.add(destination.ownerAccountId);
  accounts.delete(context.model.managementAccountId); // SCPs and RCPs never bind it
  return [...accounts].filter((accountId) => inOrganization(context, accountId)).sort();
}

/** AUD-005: a failed ListRoots (against the management account), else each looked-at account's path reads. */
function evaluatePolicyReads(context: EvaluationContext): void {
  const roots = context.snapshot.roots;
  if (roots === undefined) return;
  const management = context.model.managementAccountId;
  if (isFailed(roots)) {
    reportUnreadable(context, management, 'organizations:ListRoots', roots.error);
    return;
  }
  context.evaluated('AUD-005', { accountId: management, region: null, resource: management });
  const types = (['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const).filter((type) => policyTypeEnabled(context.snapshot, type));
  for (const accountId of accountsLookedAt(context)) {
    const failure = firstUnreadable(context, accountId, types);
    if (failure === 'not-collected') continue;
    if (failure) reportUnreadable(context, accountId, failure.read, failure.error);
    else context.evaluated('AUD-005', { accountId, region: null, resource: accountId });
  }
}

function firstUnreadable(context: EvaluationContext, accountId: string, types: readonly OrganizationPolicyType[]): { read: string; error: ApiError } | 'not-collected' | undefined {
  let collected = false;
  for (const type of types) {
    const path = policiesOnPath(context.snapshot, accountId, type);
    if (path.kind === 'unreadable') return path;
    if (path.kind === 'read') collected = true;
  }
  return collected ? undefined : 'not-collected';
}

function reportUnreadable(context: EvaluationContext, accountId: string, read: string, error: ApiError): void {
  const described = error.message ? `${error.code}: ${error.message}` : error.code;
  context.fire('AUD-005', { accountId, region: null, resource: accountId }, `Reading the organization policies that bind account ${accountId} failed at ${read} (${described}): GRD-001…GRD-003 were not evaluated for it.`, {
    accountId,
    error: error.code,
  });
}
