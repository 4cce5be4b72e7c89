/**
 * The AWS Organizations policies that bind one account (GRD checks): the SCPs or RCPs attached to
 * the root, to each OU on the account's path and to the account itself, from the snapshot's
 * `roots`, `accountPaths` and `targetPolicies` (SNAPSHOT.md "Additions in v2").
 */
import { compilePolicy, PolicyParseError, type CompiledPolicy } from '../../policy/evaluate-policy';
import type { PolicyRequest } from '../../policy/types';
import { ownEntry } from '../../snapshot/own-entry';
import { answerOf, isFailed, type ApiError, type Snapshot } from '../../snapshot/types';

export type OrganizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export interface AttachedPolicy {
  /** The root, OU or account it is attached to. */
  target: string;
  /** Its name, else its ID. */
  name: string;
  /** The compiled document, or why it could not be read. */
  document: CompiledPolicy | PolicyParseError;
}

export type PathPolicies =
  /** The snapshot holds no policies for this account (a snapshot without v2 additions): skipped. */
  | { kind: 'not-collected' }
  /** A read on the path failed: AUD-005, and the GRD checks are not evaluated for the account. */
  | { kind: 'unreadable'; read: string; error: ApiError }
  /** The policy type is not ENABLED on the root: no policy of that type applies. */
  | { kind: 'not-enabled' }
  | { kind: 'read'; policies: AttachedPolicy[] };

function compiled(content: string): CompiledPolicy | PolicyParseError {
  try {
    return compilePolicy(content);
  } catch (error) {
    if (error instanceof PolicyParseError) return error;
    throw error;
  }
}

/** Whether `type` is enabled on the organization's root (a status other than ENABLED is not). */
export function policyTypeEnabled(snapshot: Snapshot, type: OrganizationPolicyType): boolean | undefined {
  const roots = answerOf(snapshot.roots);
  if (!roots || roots.length === 0) return undefined;
  return (roots[0].PolicyTypes ?? []).some((policyType) => policyType.Type === type && policyType.Status === 'ENABLED');
}

/** The policies of `type` that bind `accountId`, nearest target first (the account, its OUs, the root). */
export function policiesOnPath(snapshot: Snapshot, accountId: string, type: OrganizationPolicyType): PathPolicies {
  if (snapshot.roots === undefined) return { kind: 'not-collected' };
  if (isFailed(snapshot.roots)) return { kind: 'unreadable', read: 'organizations:ListRoots', error: snapshot.roots.error };
  const enabled = policyTypeEnabled(snapshot, type);
  if (enabled === undefined) return { kind: 'not-collected' };
  if (!enabled) return { kind: 'not-enabled' };
  const path = ownEntry(snapshot.accountPaths, accountId);
  if (path === undefined) return { kind: 'not-collected' };
  if (isFailed(path)) return { kind: 'unreadable', read: `organizations:ListParents (${accountId})`, error: path.error };
  const policies: AttachedPolicy[] = [];
  for (const target of [accountId, ...path]) {
    const byType = ownEntry(snapshot.targetPolicies, target);
    if (byType === undefined) return { kind: 'not-collected' };
    if (isFailed(byType)) return { kind: 'unreadable', read: `organizations:ListPoliciesForTarget (${target})`, error: byType.error };
    const attached = ownEntry(byType, type);
    if (attached === undefined) return { kind: 'not-collected' };
    if (isFailed(attached)) return { kind: 'unreadable', read: `organizations:ListPoliciesForTarget / DescribePolicy (${target}, ${type})`, error: attached.error };
    for (const policy of attached) {
      const name = policy.Name ?? policy.Id ?? '(unnamed)';
      policies.push({ target, name, document: policy.Content === undefined ? new PolicyParseError('no Content was read') : compiled(policy.Content) });
    }
  }
  return { kind: 'read', policies };
}

/**
 * The policies whose explicit Deny applies to `request`. `unknownCounts` decides what an unknown
 * condition operator (or a policy that cannot be parsed) does: it makes a Deny count when asking
 * whether something is blocked (GRD-003), and not count when asking whether it is protected
 * (GRD-001/002: a Deny counts only when it surely applies).
 */
export function denyingPolicies(policies: readonly AttachedPolicy[], request: PolicyRequest, unknownCounts: boolean): { denied: string[]; uncertain: string[] } {
  const denied: string[] = [];
  const uncertain: string[] = [];
  for (const policy of policies) {
    const label = `${policy.name} (on ${policy.target})`;
    if (policy.document instanceof PolicyParseError) {
      uncertain.push(label);
      if (unknownCounts) denied.push(label);
      continue;
    }
    const decision = policy.document.evaluate(request);
    if (decision.decision !== 'ExplicitDeny') continue;
    if (decision.unknownOperators.length > 0) {
      uncertain.push(label);
      if (!unknownCounts) continue;
    }
    denied.push(label);
  }
  return { denied, uncertain };
}
