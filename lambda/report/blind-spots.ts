/**
 * What the audit did not see: the AUD family's findings (accounts it could not enter, regions and
 * resources it could not read, an incomplete account list) and the accounts the run never reached.
 * The reports put these first: a clean report means little where the auditor was blind.
 */
import type { AuditModel } from '../checks/model';
import { compareFindings, type Finding } from '../findings/finding';
import type { Snapshot } from '../snapshot/types';

export interface BlindSpots {
  /** The AUD findings, whatever --min-severity says: they bound what the report can claim. */
  findings: Finding[];
  /** ACTIVE accounts the run never started reading (no accountData in the snapshot). */
  accountsNotStarted: string[];
  /** The organization's account list was not read whole (`accountsIncomplete`). */
  accountListIncomplete: boolean;
}

/** True for a finding about the audit's own coverage (the AUD family). */
export function isBlindSpot(finding: Finding): boolean {
  return finding.checkId.startsWith('AUD-');
}

export function blindSpotsOf(snapshot: Snapshot, model: AuditModel, findings: readonly Finding[]): BlindSpots {
  return {
    findings: findings.filter(isBlindSpot).sort(compareFindings),
    accountsNotStarted: model.auditedAccounts.map((a) => a.Id as string).filter((id) => snapshot.accountData?.[id] === undefined),
    accountListIncomplete: snapshot.accountsIncomplete !== undefined,
  };
}

/** True when the audit saw everything it set out to see. */
export function hasNoBlindSpots(blindSpots: BlindSpots): boolean {
  return blindSpots.findings.length === 0 && blindSpots.accountsNotStarted.length === 0 && !blindSpots.accountListIncomplete;
}
