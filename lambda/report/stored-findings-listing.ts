/** How `findings` and `runs` print what the tables hold: an aligned table, JSON or CSV (RFC 4180). */
import { SEVERITIES } from '../findings/finding';
import type { FindingRecord } from '../findings/finding-record';
import type { RunRecord } from '../findings/run-record';
import { csvRows } from './format-csv';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function formatFindings(records: readonly FindingRecord[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(records, null, 2)}\n`;
  if (format === 'csv') {
    const header = ['findingId', 'checkId', 'accountId', 'region', 'resource', 'severity', 'status', 'title', 'firstSeenAt', 'lastSeenAt', 'resolvedAt', 'timesSeen', 'timesReopened', 'suppressedUntil', 'suppressionReason', 'alertPending'];
    const rows = records.map((r) => [
      r.findingId, r.checkId, r.accountId, r.region ?? '', r.resource, r.severity, r.status, r.title, r.firstSeenAt, r.lastSeenAt, r.resolvedAt ?? '',
      String(r.timesSeen), String(r.timesReopened), r.suppression?.until ?? '', r.suppression?.reason ?? '', r.pendingAlert ? r.pendingAlert.event : '',
    ]);
    return csvRows([header, ...rows]);
  }
  if (records.length === 0) return 'No findings match.\n';
  const rows = records.map((r) => [r.severity, r.status, r.lastSeenAt.slice(0, 16).replace('T', ' '), r.findingId, r.title]);
  return `${table(['SEVERITY', 'STATUS', 'LAST SEEN (UTC)', 'ID', 'TITLE'], rows)}\n${summary(records)}\n`;
}

export function formatRuns(runs: readonly RunRecord[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(runs, null, 2)}\n`;
  const rows = runs.map((run) => [
    run.runId, run.trigger, run.startedAt, run.finishedAt, run.outcome,
    String(run.accounts.total), String(run.accounts.audited), String(run.accounts.failed), String(run.accounts.notStarted),
    String(run.findings.opened), String(run.findings.reopened), String(run.findings.stillOpen), String(run.findings.resolved),
    String(run.apiCalls), run.snapshotKey ?? '', run.cost ? String(run.cost.totalUsd) : '',
  ]);
  if (format === 'csv') {
    return csvRows([['runId', 'trigger', 'startedAt', 'finishedAt', 'outcome', 'accountsTotal', 'accountsAudited', 'accountsFailed', 'accountsNotStarted', 'opened', 'reopened', 'stillOpen', 'resolved', 'apiCalls', 'snapshotKey', 'costUsd'], ...rows]);
  }
  if (runs.length === 0) return 'No runs recorded.\n';
  return `${table(
    ['RUN', 'TRIGGER', 'STARTED (UTC)', 'OUTCOME', 'ACCOUNTS AUDITED', 'OPENED', 'REOPENED', 'STILL OPEN', 'RESOLVED', 'API CALLS', 'COST (USD)'],
    runs.map((run) => [
      run.runId, run.trigger, run.startedAt.slice(0, 19).replace('T', ' '), run.outcome,
      `${run.accounts.audited}/${run.accounts.total}`,
      String(run.findings.opened), String(run.findings.reopened), String(run.findings.stillOpen), String(run.findings.resolved), String(run.apiCalls),
      run.cost ? `$${run.cost.totalUsd.toFixed(4)}` : '-',
    ]),
  )}\n`;
}

/** `findings show`: every field of the finding, then its history. */
export function formatFindingDetail(record: FindingRecord): string {
  const lines = [
    `${record.title}`,
    '',
    `ID:            ${record.findingId}`,
    `Status:        ${record.status}`,
    `Severity:      ${record.severity}`,
    `Check:         ${record.checkId}`,
    `Account:       ${record.accountId}`,
    `Region:        ${record.region ?? 'global'}`,
    `Resource:      ${record.resource}`,
    `First seen:    ${record.firstSeenAt}`,
    `Last seen:     ${record.lastSeenAt}`,
    ...(record.resolvedAt ? [`Resolved:      ${record.resolvedAt}`] : []),
    `Seen in:       ${record.timesSeen} run(s); reopened ${record.timesReopened} time(s)`,
    `Last run:      ${record.lastRunId}`,
    ...(record.suppression
      ? [`Suppressed:    until ${record.suppression.until} by ${record.suppression.by} (${record.suppression.at}): ${record.suppression.reason}`]
      : []),
    ...(record.pendingAlert ? [`Alert pending: ${record.pendingAlert.event} (${record.pendingAlert.failedAttempts} failed attempt(s))`] : []),
    ...(record.expiresAt ? [`Deleted after: ${new Date(record.expiresAt * 1000).toISOString()} (retention of resolved findings)`] : []),
    '',
    'Detail:',
    `  ${record.detail}`,
    '',
    'Remediation:',
    `  ${record.remediation}`,
    '',
    'History:',
    ...(record.historyDropped ? [`  (${record.historyDropped} older entries dropped)`] : []),
    ...record.history.map((entry) => {
      const who = entry.runId ? `run ${entry.runId}` : `by ${entry.by ?? 'unknown'}`;
      return `  ${entry.at}  ${entry.event.padEnd(19)} ${entry.severity.padEnd(13)} ${who}${entry.note ? `  ${entry.note}` : ''}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

function summary(records: readonly FindingRecord[]): string {
  const counts = SEVERITIES.map((severity) => [severity, records.filter((r) => r.severity === severity).length] as const).filter(([, n]) => n > 0);
  return `${records.length} finding(s): ${counts.map(([severity, n]) => `${n} ${severity}`).join(', ')}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
