/**
 * A report: the findings to print and the summary that goes with them, and what the reports for
 * people add: account names, the findings grouped by root cause, the blind spots and the coverage
 * map. Every output format renders the same Report.
 */
import { buildAuditModel, isActive } from '../checks/model';
import { DEFAULT_SETTINGS, type EvaluationSettings } from '../checks/settings';
import { compareFindings, isAtLeast, SEVERITIES, type Finding, type Severity } from '../findings/finding';
import { answerOf, type Snapshot } from '../snapshot/types';
import { accountNamesOf } from './account-names';
import { blindSpotsOf, isBlindSpot, type BlindSpots } from './blind-spots';
import { buildCoverageMap, type CoverageMap } from './coverage-map';
import { groupByRootCause, trailLinksOf, type RootCauseGroup } from './root-cause';

export interface ReportSummary {
  /** The snapshot's capturedAt: the moment the findings describe. */
  capturedAt: string;
  /** The organization's ID, or null when DescribeOrganization could not be read. */
  organizationId: string | null;
  /** ACTIVE accounts of the organization, management account included. */
  accounts: number;
  /** Findings in this report (at or above minSeverity). */
  findings: number;
  /** Findings in this report, per severity (every severity present, 0 when none). */
  bySeverity: Record<Severity, number>;
  /** The least severe severity shown. */
  minSeverity: Severity;
  /** Findings left out because they are less severe than minSeverity. */
  belowMinSeverity: number;
}

export interface Report {
  /** Sorted by severity, check, account, region, resource. */
  findings: Finding[];
  summary: ReportSummary;
  /** Account ID → name, for every account of the snapshot that has a name. */
  accountNames: Record<string, string>;
  /**
   * The shown findings and every blind spot, grouped by root cause, in report order. The reports
   * show a group whose cause is a blind spot with the blind spots, the others by severity.
   */
  rootCauses: RootCauseGroup[];
  /** What the audit did not see (all AUD findings, whatever the minimum severity). */
  blindSpots: BlindSpots;
  /** Accounts × regions: is CloudTrail delivering? (From all findings.) */
  coverage: CoverageMap;
}

/** The report of an evaluation's findings, keeping those at or above `minSeverity`. */
export function buildReport(
  snapshot: Snapshot,
  findings: readonly Finding[],
  minSeverity: Severity = 'INFORMATIONAL',
  settings: Pick<EvaluationSettings, 'newAccountGraceHours'> = DEFAULT_SETTINGS,
): Report {
  const model = buildAuditModel(snapshot, settings.newAccountGraceHours);
  const shown = findings.filter((f) => isAtLeast(f.severity, minSeverity)).sort(compareFindings);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of shown) bySeverity[finding.severity]++;
  return {
    findings: shown,
    summary: {
      capturedAt: snapshot.capturedAt,
      organizationId: answerOf(snapshot.organization)?.Id ?? null,
      accounts: (answerOf(snapshot.accounts) ?? []).filter(isActive).length,
      findings: shown.length,
      bySeverity,
      minSeverity,
      belowMinSeverity: findings.length - shown.length,
    },
    accountNames: accountNamesOf(snapshot),
    // Blind spots are grouped whatever their severity: AUD-001 explains the DLV-008 of its account.
    rootCauses: groupByRootCause(
      findings.filter((f) => isBlindSpot(f) || isAtLeast(f.severity, minSeverity)).sort(compareFindings),
      trailLinksOf(model.orgTrails),
    ),
    blindSpots: blindSpotsOf(snapshot, model, findings),
    coverage: buildCoverageMap(snapshot, model, findings),
  };
}

/** "12 findings: 2 CRITICAL, 3 HIGH, …" — the one-line summary of the text formats. */
export function summaryLine(summary: ReportSummary): string {
  const counts = SEVERITIES.filter((s) => isAtLeast(s, summary.minSeverity))
    .map((s) => `${summary.bySeverity[s]} ${s}`)
    .join(', ');
  const hidden = summary.belowMinSeverity > 0 ? ` (${summary.belowMinSeverity} below ${summary.minSeverity} not shown)` : '';
  return `${plural(summary.findings, 'finding')}: ${counts}${hidden}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
