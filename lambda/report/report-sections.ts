/**
 * The shape the text reports (table, markdown) print: blind spots first, then one section per
 * severity; in each, a root cause with the symptoms it explains, and repeated findings of one check
 * as one block listing where (account × region) instead of one block each.
 */
import { SEVERITIES, type Finding, type Severity } from '../findings/finding';
import { isBlindSpot } from './blind-spots';
import type { Report } from './report';

/** A block lists at most this many accounts; the rest are counted ("… and 38 more accounts"). */
export const MAX_PLACES_LISTED = 12;

/** Findings of one check: one block, with the list of where each was found. */
export interface CheckBlock {
  checkId: string;
  severity: Severity;
  title: string;
  findings: Finding[];
  /** For symptoms: why their cause explains them. */
  because?: string;
}

/** A block and the symptoms it explains, by check. */
export interface SectionEntry {
  block: CheckBlock;
  symptoms: CheckBlock[];
}

export interface ReportSections {
  /** Entries whose cause is a blind spot (the AUD family). */
  blindSpots: SectionEntry[];
  /** Every severity at or above the report's minimum, most severe first, with its entries (maybe none). */
  severities: { severity: Severity; entries: SectionEntry[] }[];
}

export function reportSections(report: Report): ReportSections {
  const blindSpots: SectionEntry[] = [];
  const bySeverity = new Map<Severity, SectionEntry[]>(SEVERITIES.map((s) => [s, []]));
  // Findings that explain nothing, per check: one entry each check, where the check first appears.
  const standalone = new Map<string, SectionEntry>();
  for (const group of report.rootCauses) {
    const { cause } = group;
    const target = isBlindSpot(cause) ? blindSpots : (bySeverity.get(cause.severity) as SectionEntry[]);
    if (group.symptoms.length === 0) {
      const known = standalone.get(cause.checkId);
      if (known) {
        known.block.findings.push(cause);
        continue;
      }
      const entry = { block: blockOf([cause]), symptoms: [] };
      standalone.set(cause.checkId, entry);
      target.push(entry);
      continue;
    }
    const symptoms = new Map<string, CheckBlock>();
    group.symptoms.forEach((symptom, index) => {
      const block = symptoms.get(symptom.checkId);
      if (block) block.findings.push(symptom);
      else symptoms.set(symptom.checkId, { ...blockOf([symptom]), because: group.reasons[index] });
    });
    target.push({ block: blockOf([cause]), symptoms: [...symptoms.values()] });
  }
  const minimum = SEVERITIES.indexOf(report.summary.minSeverity);
  return {
    blindSpots,
    severities: SEVERITIES.slice(0, minimum + 1).map((severity) => ({ severity, entries: bySeverity.get(severity) ?? [] })),
  };
}

function blockOf(findings: Finding[]): CheckBlock {
  const [first] = findings;
  return { checkId: first.checkId, severity: first.severity, title: first.title, findings };
}

/**
 * "log-archive (222222222222) · us-east-1, eu-west-1; payments-prod (333333333333) · 17 regions":
 * the places by account, at most MAX_PLACES_LISTED accounts.
 */
export function placesByAccount(findings: readonly Finding[], label: (id: string) => string): string {
  const regionsOf = new Map<string, string[]>();
  for (const finding of findings) {
    const regions = regionsOf.get(finding.accountId) ?? [];
    if (finding.region !== null && !regions.includes(finding.region)) regions.push(finding.region);
    regionsOf.set(finding.accountId, regions);
  }
  // More than 3 regions of one account are counted, not named: the csv and json formats name them.
  const where = (regions: string[]) => (regions.length > 3 ? `${regions.length} regions` : regions.join(', '));
  const places = [...regionsOf].map(([accountId, regions]) => (regions.length > 0 ? `${label(accountId)} · ${where(regions)}` : label(accountId)));
  if (places.length <= MAX_PLACES_LISTED) return places.join('; ');
  return `${places.slice(0, MAX_PLACES_LISTED).join('; ')} … and ${places.length - MAX_PLACES_LISTED} more accounts (--format csv lists every one)`;
}
