import type { PrincipalSpec } from './parse-policy';
import type { RequestPrincipal } from './types';

/**
 * Whether a statement's Principal / NotPrincipal applies to the requester.
 *
 * - No Principal element (identity-based policies): applies to any requester, and to a request
 *   that names none.
 * - `"*"` and `{"AWS": "*"}`: everyone, services included.
 * - `{"Service": ...}`: that service principal (compared without case).
 * - `{"AWS": ...}`: a 12-digit account ID, or `arn:PARTITION:iam::ACCOUNT:root` in the requester's
 *   own partition, stands for every principal of that account; any other ARN must equal the
 *   requester's ARN (a role ARN also covers the role's sessions) or its session ARN.
 * - A request without a principal is only matched by `"*"` (it cannot be shown to be in a list).
 * - NotPrincipal (AWS's NotPrincipal rules): a requester is exempt only when the list names every
 *   identity it acts as. A user acts as its ARN and its account; a role's session as the session ARN
 *   (`arn:…:sts::ACCOUNT:assumed-role/ROLE/SESSION`, which IAM lets no wildcard stand for) and its
 *   account. Naming the role ARN alone exempts none of its sessions, and a role whose session name
 *   is unknown can never be shown to be exempt. A service is exempt when its name is listed.
 */
const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:([^:]+):iam::(\d{12}):root$/;
const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\//;

type ListedSpec = Extract<PrincipalSpec, { kind: 'listed' }>;
type IamPrincipal = Extract<RequestPrincipal, { arn: string }>;

function partitionOf(arn: string): string | undefined {
  return arn.split(':')[1];
}

/** Whether a list entry names the requester's account (an account principal matches only in its own partition). */
function namesAccount(entry: string, principal: IamPrincipal): boolean {
  if (ACCOUNT_ID.test(entry)) return entry === principal.accountId;
  const root = ACCOUNT_ROOT.exec(entry);
  return root !== null && root[2] === principal.accountId && root[1] === partitionOf(principal.arn);
}

function namesService(spec: ListedSpec, service: string): boolean {
  const wanted = service.toLowerCase();
  return spec.services.some((entry) => entry.toLowerCase() === wanted);
}

function listed(spec: ListedSpec, principal: RequestPrincipal): boolean {
  if (spec.everyone) return true;
  if ('service' in principal) return namesService(spec, principal.service);
  return spec.aws.some((entry) => namesAccount(entry, principal) || entry === principal.arn || entry === principal.sessionArn);
}

function exempted(spec: ListedSpec, principal: RequestPrincipal): boolean {
  if (spec.everyone) return true;
  if ('service' in principal) return namesService(spec, principal.service);
  const identity = principal.sessionArn ?? (ROLE_ARN.test(principal.arn) ? undefined : principal.arn);
  if (identity === undefined) return false;
  return spec.aws.includes(identity) && spec.aws.some((entry) => namesAccount(entry, principal));
}

export function principalMatches(spec: PrincipalSpec, principal: RequestPrincipal | undefined): boolean {
  if (spec.kind === 'unrestricted') return true;
  if (principal === undefined) return spec.everyone && !spec.negated;
  return spec.negated ? !exempted(spec, principal) : listed(spec, principal);
}
