/** How the reports name an account: by the name the organization gives it, with its ID. */
import { answerOf, type Snapshot } from '../snapshot/types';

/** Account ID → the account's name, for every account of the snapshot that has one. */
export function accountNamesOf(snapshot: Pick<Snapshot, 'accounts'>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const account of answerOf(snapshot.accounts) ?? []) {
    if (account.Id && account.Name) names[account.Id] = account.Name;
  }
  return names;
}

/** "payments-prod (333333333333)", or the bare ID when the account has no known name. */
export function accountLabel(accountId: string, names: Readonly<Record<string, string>>): string {
  const name = Object.hasOwn(names, accountId) ? names[accountId] : undefined;
  return name ? `${name} (${accountId})` : accountId;
}
