/** GRD-001/002: which of a list of actions no SCP on the account's path surely denies. */
import type { EvaluationContext } from '../context';
import { administratorRequest } from './guardrail-requests';
import { denyingPolicies, policiesOnPath } from './organization-policies';

export type Protection =
  /** Not collected, or a read failed (AUD-005 says so): nothing is concluded. */
  | { kind: 'unknown' }
  /** SERVICE_CONTROL_POLICY is not enabled on the root: nothing is denied. */
  | { kind: 'scps-not-enabled'; unprotected: string[] }
  | { kind: 'judged'; unprotected: string[]; uncertain: string[] };

export function scpProtection(context: EvaluationContext, accountId: string, actions: readonly string[], resource: string, region: string): Protection {
  const path = policiesOnPath(context.snapshot, accountId, 'SERVICE_CONTROL_POLICY');
  if (path.kind === 'not-collected' || path.kind === 'unreadable') return { kind: 'unknown' };
  if (path.kind === 'not-enabled') return { kind: 'scps-not-enabled', unprotected: [...actions] };
  const unprotected: string[] = [];
  const uncertain = new Set<string>();
  for (const action of actions) {
    const verdict = denyingPolicies(path.policies, administratorRequest(context.model, accountId, action, resource, region), false);
    verdict.uncertain.forEach((name) => uncertain.add(name));
    if (verdict.denied.length === 0) unprotected.push(action);
  }
  return { kind: 'judged', unprotected, uncertain: [...uncertain] };
}

/** The detail's sentence for a judged protection: what is unprotected, and the SCPs an unknown operator made uncertain. */
export function describeUnprotected(protection: Exclude<Protection, { kind: 'unknown' }>): string {
  if (protection.kind === 'scps-not-enabled') return `service control policies are not enabled on the organization's root, so no SCP denies ${protection.unprotected.join(', ')}`;
  const note = protection.uncertain.length
    ? ` (a Deny in ${protection.uncertain.join(', ')} uses a condition operator the auditor does not evaluate or cannot be read, so it was not counted as protection)`
    : '';
  return `no SCP surely denies ${protection.unprotected.join(', ')}${note}`;
}
