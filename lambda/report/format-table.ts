import type { Finding, Severity } from '../findings/finding';
import { accountLabel } from './account-names';
import { hasNoBlindSpots } from './blind-spots';
import { CELL_STATES, type CellState } from './coverage-map';
import { plural, summaryLine, type Report } from './report';
import { MAX_PLACES_LISTED, placesByAccount, reportSections, type CheckBlock, type SectionEntry } from './report-sections';
import { DEFAULT_WIDTH, MIN_WIDTH, wrapRemediation, wrapText } from './text-wrap';

export interface TableOptions {
  /** ANSI colours: only for a terminal, and never when NO_COLOR is set. */
  colour: boolean;
  /** The terminal's width (default 100); text wraps at word boundaries to fit. */
  width?: number;
}

const SEVERITY_STYLE: Record<Severity, string> = {
  CRITICAL: '\x1b[1;31m',
  HIGH: '\x1b[31m',
  MEDIUM: '\x1b[33m',
  LOW: '\x1b[36m',
  INFORMATIONAL: '\x1b[2m',
};
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

type Style = (code: string, text: string) => string;

/**
 * `--format table` (the default): for a person at a terminal. The scope, then the blind spots (what
 * the audit did not see), the coverage in one line, then one section per severity: each root cause
 * with the symptoms it explains, repeated findings of a check as one block with the list of places,
 * accounts by name. Text wraps to the terminal at word boundaries; AWS CLI commands stand on lines
 * of their own, whole. Then a line per severity and the summary line.
 */
export function renderTableReport(report: Report, options: TableOptions): string {
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const style: Style = (code, text) => (options.colour ? `${code}${text}${RESET}` : text);
  const { summary, coverage } = report;
  const label = (id: string) => accountLabel(id, report.accountNames);
  const sections = reportSections(report);
  const lines: string[] = [];
  const header = `Organization ${summary.organizationId ?? 'unknown'} · snapshot captured ${summary.capturedAt} · ${plural(summary.accounts, 'active account')}`;
  lines.push(...wrapText(header, width, '  ', '').map((line) => style(DIM, line)));

  lines.push('');
  if (hasNoBlindSpots(report.blindSpots)) {
    lines.push('Blind spots: none. Every active account and region was read.');
  } else {
    lines.push(style(BOLD, 'BLIND SPOTS: what this audit did not see'));
    if (report.blindSpots.accountListIncomplete) {
      lines.push(...wrapText('The organization\'s account list was not read whole (AUD-004): accounts may be missing from this report.', width, '    ', '  '));
    }
    if (report.blindSpots.accountsNotStarted.length > 0) {
      lines.push(...wrapText(`Not started by the run: ${placesList(report.blindSpots.accountsNotStarted.map(label))}`, width, '    ', '  '));
    }
    for (const entry of sections.blindSpots) lines.push(...entryLines(entry, width, label, style));
  }
  const cells = coverage.rows.length * coverage.regions.length;
  if (cells > 0) {
    const states = (Object.keys(CELL_STATES) as CellState[]).filter((s) => s !== 'delivered' && coverage.counts[s] > 0);
    const rest = states.map((s) => `${coverage.counts[s]} ${CELL_STATES[s]}`).join(', ');
    lines.push('', ...wrapText(`Coverage: ${coverage.counts.delivered} of ${cells} account-regions delivered${rest ? `; ${rest}` : ''} (--format html for the map).`, width, '  ', ''));
  }

  for (const { severity, entries } of sections.severities) {
    if (entries.length === 0) continue;
    lines.push('', style(SEVERITY_STYLE[severity], `${severity} (${summary.bySeverity[severity]})`));
    for (const entry of entries) lines.push(...entryLines(entry, width, label, style));
  }
  if (report.findings.length === 0) lines.push('', 'No findings.');

  lines.push('');
  for (const { severity } of sections.severities) {
    const perCheck = new Map<string, number>();
    for (const finding of report.findings) if (finding.severity === severity) perCheck.set(finding.checkId, (perCheck.get(finding.checkId) ?? 0) + 1);
    const checks = [...perCheck].map(([checkId, count]) => (count > 1 ? `${checkId} ×${count}` : checkId)).join(', ');
    const prefix = `${severity.padEnd(13)} ${String(summary.bySeverity[severity]).padStart(5)}  `;
    lines.push(checks ? wrapText(checks, width, ' '.repeat(prefix.length), prefix).join('\n') : prefix.trimEnd());
  }
  lines.push(...wrapText(summaryLine(summary), width, '  ', '').map((line) => style(BOLD, line)));
  return `${lines.join('\n')}\n`;
}

/** A cause (or a check's repeated findings) and what it explains. */
function entryLines(entry: SectionEntry, width: number, label: (id: string) => string, style: Style): string[] {
  const { block } = entry;
  const [first] = block.findings;
  const count = block.findings.length > 1 ? ` ×${block.findings.length}` : '';
  const id = `  ${block.checkId}${count}`;
  const [head, ...rest] = wrapText(block.title, width, '      ', `${id}  `);
  const lines = [`${style(SEVERITY_STYLE[block.severity], id)}${style(BOLD, head.slice(id.length))}`, ...rest.map((line) => style(BOLD, line))];
  if (block.findings.length === 1) {
    lines.push(...wrapText(place(first, label, true), width, '        ', '      '));
    lines.push(...wrapText(first.detail, width, '      '));
    lines.push(...wrapRemediation(first.remediation, width, '      '));
  } else {
    lines.push(...wrapText(`Where: ${placesByAccount(block.findings, label)}`, width, '        ', '      '));
    lines.push(...wrapText(`For example, ${place(first, label, false)}: ${first.detail}`, width, '      '));
    lines.push(...wrapRemediation(first.remediation, width, '      '));
  }
  for (const symptom of entry.symptoms) lines.push(...symptomLines(symptom, width, label));
  return lines;
}

function symptomLines(block: CheckBlock, width: number, label: (id: string) => string): string[] {
  const places = placesByAccount(block.findings, label);
  const count = block.findings.length > 1 ? ` ×${block.findings.length}` : '';
  return wrapText(
    `↳ explains ${block.checkId}${count} (${block.severity}) ${block.title}: ${places}. Because ${block.because ?? 'of it'}.`,
    width,
    '          ',
    '      ',
  );
}

/** "payments-prod (333333333333) · us-east-1", with the resource when asked. */
function place(finding: Finding, label: (id: string) => string, withResource: boolean): string {
  const where = `${label(finding.accountId)} · ${finding.region ?? 'global'}`;
  return withResource ? `${where} · ${finding.resource}` : where;
}

function placesList(places: string[]): string {
  if (places.length <= MAX_PLACES_LISTED) return places.join(', ');
  return `${places.slice(0, MAX_PLACES_LISTED).join(', ')} … and ${places.length - MAX_PLACES_LISTED} more (--format csv lists every one)`;
}
