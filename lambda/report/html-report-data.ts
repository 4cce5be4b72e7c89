/**
 * The data the HTML report's page script renders from: the Report in a compact shape (the coverage
 * map of 10,000 accounts × 17 regions is one short string per account), embedded once in the file
 * as JSON. Nothing in it is HTML: the page script only ever sets it as text.
 */
import type { Finding, Severity } from '../findings/finding';
import { CELL_STATES, type CellState } from './coverage-map';
import type { Report } from './report';

/** One letter per cell state, in the map's row strings. */
export const CELL_STATE_LETTERS: Readonly<Record<CellState, string>> = { delivered: 'd', stale: 's', 'not-enabled': 'n', grace: 'g', 'not-audited': 'a' };

export interface HtmlFinding {
  checkId: string;
  severity: Severity;
  accountId: string;
  region: string | null;
  resource: string;
  title: string;
  detail: string;
  remediation: string;
}

export interface HtmlReportData {
  /** Account ID → name. */
  accountNames: Record<string, string>;
  regions: string[];
  /** Cell state letter → [state key, label], for the legend and the cells. */
  states: Record<string, [CellState, string]>;
  /** One per account: its ID, one state letter per region, one index into `reasons` per region. */
  rows: { id: string; cells: string; reasons: number[] }[];
  /** Every distinct cell reason and root-cause reason, once. */
  reasons: string[];
  findings: HtmlFinding[];
  /** The root-cause groups: cause and symptom indexes into `findings`, reasons into `reasons`. */
  groups: { cause: number; symptoms: number[]; because: number[] }[];
}

export function htmlReportData(report: Report): HtmlReportData {
  const reasons: string[] = [];
  const reasonIndex = new Map<string, number>();
  const reason = (text: string): number => {
    let index = reasonIndex.get(text);
    if (index === undefined) {
      index = reasons.push(text) - 1;
      reasonIndex.set(text, index);
    }
    return index;
  };
  const findings: HtmlFinding[] = [];
  const findingIndex = new Map<Finding, number>();
  const indexOf = (finding: Finding): number => {
    let index = findingIndex.get(finding);
    if (index === undefined) {
      const { checkId, severity, accountId, region, resource, title, detail, remediation } = finding;
      index = findings.push({ checkId, severity, accountId, region, resource, title, detail, remediation }) - 1;
      findingIndex.set(finding, index);
    }
    return index;
  };
  // Findings in report order (severity, check, account, region, resource): the by-check view lists them so.
  for (const finding of [...report.findings, ...report.blindSpots.findings]) indexOf(finding);
  const groups = report.rootCauses.map((group) => ({
    cause: indexOf(group.cause),
    symptoms: group.symptoms.map(indexOf),
    because: group.reasons.map(reason),
  }));
  const states = Object.fromEntries(
    (Object.keys(CELL_STATES) as CellState[]).map((state) => [CELL_STATE_LETTERS[state], [state, CELL_STATES[state]]]),
  ) as Record<string, [CellState, string]>;
  return {
    accountNames: report.accountNames,
    regions: report.coverage.regions,
    states,
    rows: report.coverage.rows.map((row) => ({
      id: row.accountId,
      cells: row.cells.map((cell) => CELL_STATE_LETTERS[cell.state]).join(''),
      reasons: row.cells.map((cell) => reason(cell.reason)),
    })),
    reasons,
    findings,
    groups,
  };
}
