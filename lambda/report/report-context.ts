/**
 * What the standard formats (json, asff, ocsf) take from the snapshot beside the findings: the
 * account names, the account the audit ran from and the region its Security Hub copy belongs to.
 */
import { answerOf, type Snapshot } from '../snapshot/types';

export interface ReportContext {
  /** Account names by ID, from ListAccounts. */
  accountNames: ReadonlyMap<string, string>;
  /** The account the snapshot was collected from (the management account when deployed). */
  auditorAccountId: string;
  partition: string;
  /** The home region of the first organization trail, else us-east-1: where an ASFF import belongs. */
  homeRegion: string;
  organizationId: string | null;
}

const FALLBACK_REGION = 'us-east-1';

/** A format that needs the snapshot (asff, ocsf) was asked for without it: a programming fault. */
export class ReportContextMissingError extends Error {}

export function reportContextOf(snapshot: Snapshot): ReportContext {
  const accountNames = new Map<string, string>();
  for (const account of snapshot.accounts ?? []) if (account.Id && account.Name) accountNames.set(account.Id, account.Name);
  return {
    accountNames,
    auditorAccountId: snapshot.auditorAccountId,
    partition: snapshot.partition,
    homeRegion: organizationTrailHomeRegion(snapshot) ?? FALLBACK_REGION,
    organizationId: answerOf(snapshot.organization)?.Id ?? null,
  };
}

function organizationTrailHomeRegion(snapshot: Snapshot): string | undefined {
  const regions = snapshot.accountData[snapshot.auditorAccountId]?.regionData ?? {};
  const homes = Object.values(regions).flatMap((region) => (region.trails ?? []).filter((t) => t.IsOrganizationTrail && t.HomeRegion).map((t) => t.HomeRegion as string));
  return homes.sort()[0];
}
