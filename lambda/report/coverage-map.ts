/**
 * The coverage map: every audited account × every region the org trails record, each cell saying
 * whether CloudTrail files from that account and region are reaching the bucket. Derived from the
 * snapshot's delivery evidence and the findings that speak about a cell (DLV-008, ORG-003, AUD-001,
 * AUD-002); see docs/cli.md "The coverage map".
 */
import type { AuditModel, RegionOptIn } from '../checks/model';
import type { Finding } from '../findings/finding';
import { isFailed, type Snapshot } from '../snapshot/types';

/** A cell's state, and the word the reports show for it. */
export const CELL_STATES = {
  delivered: 'delivered',
  stale: 'stale',
  'not-enabled': 'not enabled',
  grace: 'new account',
  'not-audited': 'not audited',
} as const;
export type CellState = keyof typeof CELL_STATES;

export interface CoverageCell {
  state: CellState;
  /** Why the cell is in that state, in a sentence. */
  reason: string;
}

export interface CoverageRow {
  accountId: string;
  cells: CoverageCell[];
}

export interface CoverageMap {
  /** The columns: regions, sorted. */
  regions: string[];
  /** One row per audited account (ACTIVE, management account included), by account ID. */
  rows: CoverageRow[];
  /** How many cells are in each state. */
  counts: Record<CellState, number>;
}

/** What is known about one account × region, for coverageCell. */
export interface CellFacts {
  region: string;
  /** The account is ACTIVE but the run never started reading it (no accountData). */
  notStarted: boolean;
  /** AUD-001: the auditor could not enter the account. */
  notEntered: boolean;
  /** AUD-002 for this region (or for the whole account). */
  unreadable: boolean;
  /** ORG-003 in this cell: the member has not enabled this home region of an org trail. */
  homeRegionNotEnabled: boolean;
  /** The account's own opt-in state for the region. */
  optIn: RegionOptIn;
  /** DLV-008 in this cell: no file within the evidence window. */
  noRecentDelivery: boolean;
  /** The newest delivery found in the window (ISO time), null when none, an error code, or undefined when not read. */
  evidence: { time: string } | { none: true } | { error: string } | undefined;
  /** The account joined within the grace period (no DLV-008 expected yet). */
  withinGrace: boolean;
}

/** The state of one cell, from what is known of it. The first rule that applies decides. */
export function coverageCell(facts: CellFacts): CoverageCell {
  const { evidence } = facts;
  if (facts.notStarted) return { state: 'not-audited', reason: 'The audit run did not reach this account.' };
  if (facts.homeRegionNotEnabled) {
    return { state: 'not-enabled', reason: `The account has not enabled ${facts.region}, the home region of an org trail: it sends that trail nothing (ORG-003).` };
  }
  if (facts.optIn === 'not-enabled') return { state: 'not-enabled', reason: `The account has not enabled ${facts.region}: there is nothing to record there.` };
  if (facts.noRecentDelivery) return { state: 'stale', reason: 'No CloudTrail file from this account and region reached the bucket within the evidence window (DLV-008).' };
  if (evidence && 'time' in evidence) return { state: 'delivered', reason: `Newest file delivered at ${evidence.time}.` };
  if (facts.notEntered) return { state: 'not-audited', reason: 'The auditor could not enter this account (AUD-001).' };
  if (facts.unreadable) return { state: 'not-audited', reason: 'The auditor could not read this region of the account (AUD-002).' };
  if (evidence && 'error' in evidence) return { state: 'not-audited', reason: `The bucket could not be listed for this account and region (${evidence.error}).` };
  if (evidence && facts.withinGrace) return { state: 'grace', reason: 'The account joined within the grace period: no delivery is expected yet.' };
  return { state: 'not-audited', reason: 'No delivery evidence was read for this account and region.' };
}

/** The coverage map of a snapshot and all its findings (not only those a report shows). */
export function buildCoverageMap(snapshot: Snapshot, model: AuditModel, findings: readonly Finding[]): CoverageMap {
  const evidence = evidenceIndex(snapshot);
  const at = (checkId: string) => new Set(findings.filter((f) => f.checkId === checkId).map((f) => cellKey(f.accountId, f.region)));
  const stale = at('DLV-008');
  const homeNotEnabled = at('ORG-003');
  const notEntered = at('AUD-001');
  const unreadable = at('AUD-002');

  const regionSet = new Set<string>(model.orgTrails.map((trail) => trail.homeRegion));
  for (const key of evidence.keys()) regionSet.add(key.slice(key.indexOf('|') + 1));
  for (const finding of findings) {
    if (finding.region && (finding.checkId === 'DLV-008' || finding.checkId === 'ORG-003' || finding.checkId === 'AUD-002')) regionSet.add(finding.region);
  }
  const regions = [...regionSet].sort();
  const counts = Object.fromEntries(Object.keys(CELL_STATES).map((state) => [state, 0])) as Record<CellState, number>;

  const rows = model.auditedAccounts.map((account): CoverageRow => {
    const accountId = account.Id as string;
    const notStarted = snapshot.accountData?.[accountId] === undefined;
    const withinGrace = model.isWithinGrace(account);
    const cells = regions.map((region) => {
      const cell = coverageCell({
        region,
        notStarted,
        notEntered: notEntered.has(cellKey(accountId, null)),
        unreadable: unreadable.has(cellKey(accountId, region)) || unreadable.has(cellKey(accountId, null)),
        homeRegionNotEnabled: homeNotEnabled.has(cellKey(accountId, region)),
        optIn: notStarted ? 'unknown' : model.regionOptIn(accountId, region),
        noRecentDelivery: stale.has(cellKey(accountId, region)),
        evidence: evidence.get(cellKey(accountId, region)),
        withinGrace,
      });
      counts[cell.state]++;
      return cell;
    });
    return { accountId, cells };
  });
  return { regions, rows, counts };
}

function cellKey(accountId: string, region: string | null): string {
  return `${accountId}|${region ?? '-'}`;
}

/** account|region → the best evidence any bucket holds: a delivery time beats none, none beats an error. */
function evidenceIndex(snapshot: Snapshot): Map<string, NonNullable<CellFacts['evidence']>> {
  const index = new Map<string, NonNullable<CellFacts['evidence']>>();
  const rank = (e: NonNullable<CellFacts['evidence']>) => ('time' in e ? 2 : 'none' in e ? 1 : 0);
  for (const bucket of Object.values(snapshot.buckets ?? {})) {
    for (const [accountId, byRegion] of Object.entries(bucket.deliveryEvidence ?? {})) {
      for (const [region, recorded] of Object.entries(byRegion)) {
        const found: NonNullable<CellFacts['evidence']> =
          recorded === null ? { none: true } : isFailed(recorded) ? { error: recorded.error.code } : { time: recorded };
        const key = cellKey(accountId, region);
        const known = index.get(key);
        if (!known || rank(found) > rank(known) || ('time' in found && known && 'time' in known && found.time > known.time)) index.set(key, found);
      }
    }
  }
  return index;
}
