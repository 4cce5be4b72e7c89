import type { Finding } from '../findings/finding';
import { accountLabel } from './account-names';
import { hasNoBlindSpots } from './blind-spots';
import { CELL_STATES, type CellState } from './coverage-map';
import { remediationParts } from './remediation-text';
import { summaryLine, type Report } from './report';
import { MAX_PLACES_LISTED, placesByAccount, reportSections, type SectionEntry } from './report-sections';

/**
 * `--format markdown`: for tickets and wiki pages, grouped as the table is: the blind spots first,
 * then per severity each root cause with the symptoms it explains, repeated findings of a check as
 * one entry with the list of places, accounts by name, and every AWS CLI command in a code block.
 * Text from the snapshot has its pipes and backslashes escaped and `<` written `&lt;`, so it never
 * reads as HTML or breaks a table.
 */
export function renderMarkdownReport(report: Report): string {
  const { summary, coverage } = report;
  const label = (id: string) => accountLabel(id, report.accountNames);
  const sections = reportSections(report);
  const lines = [
    '# org-trail-auditor findings',
    '',
    `Organization ${markdownCell(summary.organizationId ?? 'unknown')}, snapshot captured ${summary.capturedAt}, ${summary.accounts} active accounts.`,
    '',
    `**${summaryLine(summary)}**`,
    '',
    '## Blind spots',
    '',
  ];
  if (hasNoBlindSpots(report.blindSpots)) lines.push('None: every active account and region was read.');
  if (report.blindSpots.accountListIncomplete) lines.push("- The organization's account list was not read whole (AUD-004): accounts may be missing from this report.");
  if (report.blindSpots.accountsNotStarted.length > 0) {
    lines.push(`- Not started by the run: ${placesList(report.blindSpots.accountsNotStarted.map((id) => markdownCell(label(id))))}`);
  }
  for (const entry of sections.blindSpots) lines.push(...entryLines(entry, label));
  const cells = coverage.rows.length * coverage.regions.length;
  if (cells > 0) {
    const rest = (Object.keys(CELL_STATES) as CellState[])
      .filter((s) => s !== 'delivered' && coverage.counts[s] > 0)
      .map((s) => `${coverage.counts[s]} ${CELL_STATES[s]}`);
    lines.push('', `Coverage: ${coverage.counts.delivered} of ${cells} account-regions delivered${rest.length ? `; ${rest.join(', ')}` : ''}.`);
  }
  for (const { severity, entries } of sections.severities) {
    if (entries.length === 0) continue;
    lines.push('', `## ${severity} (${summary.bySeverity[severity]})`);
    for (const entry of entries) lines.push(...entryLines(entry, label));
  }
  // One blank line between blocks, however they were put together.
  return `${lines.filter((line, index) => !(line === '' && lines[index - 1] === '')).join('\n')}\n`;
}

function entryLines(entry: SectionEntry, label: (id: string) => string): string[] {
  const { block } = entry;
  const [first] = block.findings;
  const count = block.findings.length > 1 ? ` ×${block.findings.length}` : '';
  const lines = ['', `### ${block.checkId}${count} ${markdownCell(block.title)} (${block.severity})`, ''];
  if (block.findings.length === 1) {
    lines.push(`${place(first, label)} · \`${first.resource.replace(/`/g, "'")}\``, '', markdownCell(first.detail));
  } else {
    lines.push(`Where: ${placesByAccount(block.findings, (id) => markdownCell(label(id)))}`, '', `For example, ${place(first, label)}: ${markdownCell(first.detail)}`);
  }
  lines.push('', ...remediationLines(first.remediation));
  if (entry.symptoms.length > 0) {
    lines.push('', 'Explains:', '', '| Check | Severity | Where | Because |', '|---|---|---|---|');
    for (const symptom of entry.symptoms) {
      const symptomCount = symptom.findings.length > 1 ? ` ×${symptom.findings.length}` : '';
      lines.push(
        `| ${symptom.checkId}${symptomCount} ${markdownCell(symptom.title)} | ${symptom.severity} | ${placesByAccount(symptom.findings, (id) => markdownCell(label(id)))} | ${markdownCell(symptom.because ?? '')} |`,
      );
    }
  }
  return lines;
}

/** The prose as a paragraph, each AWS CLI command in a fenced block of its own. */
function remediationLines(remediation: string): string[] {
  const lines: string[] = [];
  let prose = '**Fix:** ';
  for (const part of remediationParts(remediation)) {
    if (part.kind === 'command') {
      lines.push(prose.replace(/[\s(]+$/, ''), '', '```sh', part.text, '```', '');
      prose = '';
    } else if (part.kind === 'code') {
      prose += `\`${part.text.replace(/`/g, "'")}\``;
    } else {
      prose += markdownCell(lines.length > 0 && prose === '' ? part.text.replace(/^[\s.,;)]+/, '') : part.text);
    }
  }
  if (prose.trim() !== '') lines.push(prose);
  return lines.filter((line, index, all) => !(line === '' && all[index - 1] === ''));
}

function place(finding: Finding, label: (id: string) => string): string {
  return `${markdownCell(label(finding.accountId))} · ${finding.region ?? 'global'}`;
}

function placesList(places: string[]): string {
  if (places.length <= MAX_PLACES_LISTED) return places.join(', ');
  return `${places.slice(0, MAX_PLACES_LISTED).join(', ')} … and ${places.length - MAX_PLACES_LISTED} more (\`--format csv\` lists every one)`;
}

export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, '<br>');
}
