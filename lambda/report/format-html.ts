/**
 * `--format html`: one self-contained page (inline style and script, no network fetch: its Content
 * Security Policy forbids any) to open in a browser or send as an attachment. The header holds the
 * run's scope and blind spots; then the coverage map (accounts × regions); then the findings by
 * root cause or by check, with filters by severity and account and a copy button on every command.
 */
import { SEVERITIES } from '../findings/finding';
import { accountLabel } from './account-names';
import { CELL_STATES, type CellState } from './coverage-map';
import { escapeHtml, jsonForScriptElement } from './html-escape';
import { htmlReportData } from './html-report-data';
import { HTML_REPORT_SCRIPT } from './html-report-script';
import { HTML_REPORT_STYLE } from './html-report-style';
import { plural, summaryLine, type Report } from './report';

/** The page forbids every fetch: only its own inline style and script run. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export function renderHtmlReport(report: Report): string {
  const { summary, coverage } = report;
  const organization = summary.organizationId ?? 'unknown organization';
  const title = `CloudTrail audit of ${organization}, ${summary.capturedAt}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${HTML_REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>CloudTrail audit of ${escapeHtml(organization)}</h1>
<div class="scope">Snapshot captured ${escapeHtml(summary.capturedAt)} · ${plural(summary.accounts, 'active account')} · ${plural(coverage.regions.length, 'region')} mapped</div>
<div class="summary" id="summary"><strong>${escapeHtml(summaryLine(summary))}</strong></div>
${blindSpotsHtml(report)}
</header>
<main>
<section id="coverage">
<h2>Coverage map</h2>
<p class="muted">Is CloudTrail delivering each account's activity in each region? Click a cell (or an account) for its findings.</p>
<div class="legend">${(Object.keys(CELL_STATES) as CellState[])
    .map((state) => `<span><span class="cell state-${state}"></span>${escapeHtml(CELL_STATES[state])} (${coverage.counts[state]})</span>`)
    .join('')}</div>
<p class="muted" id="map-count"></p>
<div id="map" role="grid" aria-label="Coverage map: accounts by regions"></div>
<noscript><p>The coverage map and the findings need JavaScript. Without it, use <code>--format markdown</code> or <code>--format table</code>.</p></noscript>
<div id="cell-detail" aria-live="polite"><p class="muted">Click a cell to see its state and findings.</p></div>
</section>
<section id="findings">
<h2>Findings</h2>
<div class="filters">
<span>Severity: ${SEVERITIES.map((s) => `<label><input type="checkbox" id="severity-${s}" checked> ${s} (${summary.bySeverity[s]})</label>`).join(' ')}</span>
<label>Account: <input type="search" id="account-filter" placeholder="name or ID"></label>
<span>Group: <label><input type="radio" name="view" value="cause" checked> by root cause</label> <label><input type="radio" name="view" value="check"> by check</label></span>
</div>
<p class="muted" id="findings-count"></p>
<div id="findings-list"></div>
</section>
</main>
<script type="application/json" id="report-data">${jsonForScriptElement(htmlReportData(report))}</script>
<script>${HTML_REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** The blind spots, in static HTML (readable without the script), at most 50 lines per kind. */
function blindSpotsHtml(report: Report): string {
  const { blindSpots, accountNames } = report;
  const label = (id: string) => escapeHtml(accountLabel(id, accountNames));
  const items: string[] = [];
  if (blindSpots.accountListIncomplete) items.push('<li>The organization\'s account list was not read whole (AUD-004): accounts may be missing from this report.</li>');
  if (blindSpots.accountsNotStarted.length > 0) {
    items.push(`<li>${plural(blindSpots.accountsNotStarted.length, 'account')} not started by the run: ${capped(blindSpots.accountsNotStarted.map(label))}</li>`);
  }
  const symptomsOf = new Map(report.rootCauses.map((group) => [group.cause, group.symptoms.length]));
  for (const finding of blindSpots.findings.slice(0, 50)) {
    const explains = symptomsOf.get(finding) ?? 0;
    items.push(
      `<li data-check="${escapeHtml(finding.checkId)}"><span class="badge sev-${finding.severity}">${finding.severity}</span> <strong>${escapeHtml(finding.checkId)}</strong> ${escapeHtml(finding.title)}: ${label(finding.accountId)}${finding.region ? ` · ${escapeHtml(finding.region)}` : ''} — ${escapeHtml(finding.detail)}${explains > 0 ? ` <em>(explains ${plural(explains, 'other finding')})</em>` : ''}</li>`,
    );
  }
  if (blindSpots.findings.length > 50) items.push(`<li>… and ${blindSpots.findings.length - 50} more AUD findings (see the findings below).</li>`);
  if (items.length === 0) return '<div class="blind-spots" id="blind-spots"><strong>No blind spots:</strong> every active account and region was read.</div>';
  return `<div class="blind-spots" id="blind-spots"><strong>Blind spots: what this audit did not see</strong><ul>${items.join('')}</ul></div>`;
}

function capped(labels: string[]): string {
  return labels.length <= 50 ? labels.join(', ') : `${labels.slice(0, 50).join(', ')} and ${labels.length - 50} more`;
}
