import type { ApiError } from '../snapshot/types';
import type { AuditModel } from './model';

/**
 * Whether the collector got into an account, which decides whether the account's own reads can
 * be evaluated at all:
 *   - `entered`: accountData is present without an `error`;
 *   - `failed`: the role could not be assumed (accountData.error, reported by AUD-001);
 *   - `not-collected`: the snapshot holds nothing for the account (e.g. a partial run).
 */
export type AccountAccess =
  | { kind: 'entered' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'not-collected' };

export function accountAccess(model: AuditModel, accountId: string): AccountAccess {
  const data = model.accountData(accountId);
  if (data === undefined) return { kind: 'not-collected' };
  if (data.error) return { kind: 'failed', error: data.error };
  return { kind: 'entered' };
}

/** True when the account's own reads were collected and can be evaluated. */
export function wasEntered(model: AuditModel, accountId: string): boolean {
  return accountAccess(model, accountId).kind === 'entered';
}
