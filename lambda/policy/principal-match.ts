import type { PrincipalSpec } from './parse-policy';
import type { RequestPrincipal } from './types';

/**
 * Whether a statement's Principal / NotPrincipal applies to the requester.
 *
 * - No Principal element (identity-based policies): applies to any requester, and to a request
 *   that names none.
 * - `"*"` and `{"AWS": "*"}`: everyone, services included.
 * - `{"Service": ...}`: that service principal (compared without case).
 * - `{"AWS": ...}`: a 12-digit account ID or `arn:PARTITION:iam::ACCOUNT:root` stands for every
 *   principal of that account; any other ARN must equal the requester's ARN.
 * - A request without a principal is only matched by `"*"` (it cannot be shown to be in a list).
 * - NotPrincipal applies to every requester its list does not match (and to no unnamed requester).
 */
const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

function accountOf(entry: string): string | undefined {
  if (ACCOUNT_ID.test(entry)) return entry;
  return ACCOUNT_ROOT.exec(entry)?.[1];
}

function listed(spec: Extract<PrincipalSpec, { kind: 'listed' }>, principal: RequestPrincipal): boolean {
  if (spec.everyone) return true;
  if ('service' in principal) {
    const service = principal.service.toLowerCase();
    return spec.services.some((entry) => entry.toLowerCase() === service);
  }
  return spec.aws.some((entry) => {
    const account = accountOf(entry);
    return account !== undefined ? account === principal.accountId : entry === principal.arn;
  });
}

export function principalMatches(spec: PrincipalSpec, principal: RequestPrincipal | undefined): boolean {
  if (spec.kind === 'unrestricted') return true;
  if (principal === undefined) return spec.everyone && !spec.negated;
  return spec.negated ? !listed(spec, principal) : listed(spec, principal);
}
