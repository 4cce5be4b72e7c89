import type { CollectStats } from './collect-options';

/** The run's cost, as printed on stderr after a live collection: calls by operation, accounts, wall time. */
export function formatCostReport(stats: CollectStats): string {
  const perOperation = Object.entries(stats.apiCalls)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([operation, count]) => `  ${String(count).padStart(8)}  ${operation}`);
  const members = Math.max(1, stats.accountsTotal - 1);
  const total = stats.accountsTotalKnown ? `${stats.accountsTotal}` : `${stats.accountsTotal} listed (the organization's total is unknown)`;
  const lines = [
    `collection: ${stats.accountsAudited} of ${total} accounts audited, ${stats.accountsFailed} could not be entered` +
      (stats.accountsNotStarted > 0 ? `, ${stats.accountsNotStarted} not started (deadline)` : ''),
    `  wall time ${(stats.wallTimeMs / 1000).toFixed(1)} s; ${stats.totalApiCalls} API calls ` +
      `(${(stats.totalApiCalls / members).toFixed(1)} per member account), ${stats.retries} retries`,
    ...perOperation,
  ];
  if (stats.evidenceFromPriorProofs > 0) {
    lines.push(`  ${stats.evidenceFromPriorProofs} member-region(s) not listed: an earlier run's proof of delivery still covers the window`);
  }
  if (stats.listAccountsError) {
    lines.push(
      `  ListAccounts stopped early (${stats.listAccountsError.code}): the accounts on the pages after it were never seen, ` +
        'so how many were not audited is unknown',
    );
  }
  if (!stats.complete) lines.push('  the collection is PARTIAL: accounts not collected keep their previous findings');
  return lines.join('\n') + '\n';
}
