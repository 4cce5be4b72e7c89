import {
  answerOf,
  isFailed,
  type AccountData,
  type ApiError,
  type Recorded,
  type RegionData,
  type Snapshot,
  type SnapshotAccount,
  type SnapshotEventSelectors,
  type SnapshotInsightSelectors,
  type SnapshotTrail,
  type SnapshotTrailStatus,
} from '../snapshot/types';
import { ownEntry } from '../snapshot/own-entry';

/**
 * An organization trail owned by the management account, with what its owner read of it in its
 * home region. `undefined` fields were not collected; a `null` insightSelectors means Insights off.
 */
export interface OrgTrail {
  arn: string;
  name: string;
  homeRegion: string;
  ownerAccountId: string;
  trail: SnapshotTrail;
  /** The owner's GetTrailStatus: the authoritative status. */
  status?: Recorded<SnapshotTrailStatus>;
  eventSelectors?: Recorded<SnapshotEventSelectors>;
  insightSelectors?: Recorded<SnapshotInsightSelectors> | null;
}

/** Whether an account has a region enabled, from either region source of the snapshot. */
export type RegionOptIn = 'enabled' | 'not-enabled' | 'unknown';

/**
 * The derived view of a snapshot that every check family shares: who the management account is,
 * which trails are organization trails, which accounts are audited. Built once per evaluation.
 */
export interface AuditModel {
  partition: string;
  managementAccountId: string;
  /** The organization's ID, when DescribeOrganization was read. */
  organizationId: string | undefined;
  /** Org trails, one per ARN, sorted by ARN. */
  orgTrails: OrgTrail[];
  /** ACTIVE accounts other than the management account, sorted by ID. */
  members: SnapshotAccount[];
  /**
   * ACTIVE accounts including the management account, sorted by ID. When the account list could
   * not be read (`accounts: {error}`) or stopped early, the management account is audited all the
   * same (CHECKS.md "Readings settled (v2)").
   */
  auditedAccounts: SnapshotAccount[];
  /** The error that cut the organization's account list short, or undefined when it is whole (AUD-004). */
  accountListGap: ApiError | undefined;
  accountData(accountId: string): AccountData | undefined;
  /** The account's regions, or the error recorded in place of them (`regionData: {error}`). */
  regionsOf(accountId: string): Recorded<Record<string, RegionData>> | undefined;
  /** One region of an account; undefined when not collected or when the account's regions failed as a whole. */
  regionData(accountId: string, region: string): RegionData | undefined;
  /**
   * `aws:SourceOrgPaths` / the path of an account: `O/ROOT/OU…/` from the root down, from
   * `accountPaths` when the snapshot holds it, else `O/ROOT/` when only the root is known;
   * undefined when neither is (or the organization ID is unknown).
   */
  organizationPath(accountId: string): string | undefined;
  /** Whether the account joined less than newAccountGraceHours before capturedAt. */
  isWithinGrace(account: SnapshotAccount): boolean;
  regionOptIn(accountId: string, region: string): RegionOptIn;
  /** The regions the account has enabled, when its region list was read. */
  enabledRegions(accountId: string): string[] | undefined;
}

const ENABLED_ACCOUNT_STATUSES = new Set(['ENABLED', 'ENABLED_BY_DEFAULT']);

/** The account ID in an ARN (`arn:PARTITION:SERVICE:REGION:ACCOUNT:…`), or undefined. */
export function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account ? account : undefined;
}

/** The region in an ARN, or undefined. */
export function regionOfArn(arn: string | undefined): string | undefined {
  const region = arn?.split(':')[3];
  return region ? region : undefined;
}

/**
 * Whether an account is audited: its `State` is ACTIVE. AWS Organizations retired `Status`
 * (September 2026); it is read only when `State` is absent. PENDING_ACTIVATION, SUSPENDED,
 * PENDING_CLOSURE and CLOSED accounts are not audited.
 */
export function isActive(account: SnapshotAccount): boolean {
  return (account.State ?? account.Status) === 'ACTIVE';
}


export function buildAuditModel(snapshot: Snapshot, newAccountGraceHours: number): AuditModel {
  const organization = answerOf(snapshot.organization);
  const managementAccountId = organization?.MasterAccountId ?? snapshot.auditorAccountId;
  const now = Date.parse(snapshot.capturedAt);
  const byId = (a: SnapshotAccount, b: SnapshotAccount) => ((a.Id ?? '') < (b.Id ?? '') ? -1 : 1);
  const listed = answerOf(snapshot.accounts) ?? [];
  const accountListGap = isFailed(snapshot.accounts) ? snapshot.accounts.error : snapshot.accountsIncomplete;
  const auditedAccounts = listed.filter((a) => a.Id && isActive(a));
  if (accountListGap && !listed.some((a) => a.Id === managementAccountId)) {
    auditedAccounts.push({ Id: managementAccountId, State: 'ACTIVE' });
  }
  auditedAccounts.sort(byId);
  // An account list that failed as a whole audits the management account only (CHECKS.md v2).
  const members = isFailed(snapshot.accounts) ? [] : auditedAccounts.filter((a) => a.Id !== managementAccountId);

  const accountData = (accountId: string) => ownEntry(snapshot.accountData, accountId);
  const regionsOf = (accountId: string) => accountData(accountId)?.regionData;
  const regionData = (accountId: string, region: string) => ownEntry(answerOf(regionsOf(accountId)), region);
  const roots = answerOf(snapshot.roots);

  const regionTables = new Map<string, Map<string, boolean> | undefined>();
  const regionTable = (accountId: string): Map<string, boolean> | undefined => {
    if (regionTables.has(accountId)) return regionTables.get(accountId);
    const data = accountData(accountId);
    let table: Map<string, boolean> | undefined;
    const accountRegions = answerOf(data?.regions);
    const ec2Regions = answerOf(data?.ec2Regions);
    if (accountRegions) {
      table = new Map(accountRegions.filter((r) => r.RegionName).map((r) => [r.RegionName as string, ENABLED_ACCOUNT_STATUSES.has(r.RegionOptStatus ?? '')]));
    } else if (ec2Regions) {
      table = new Map(ec2Regions.filter((r) => r.RegionName).map((r) => [r.RegionName as string, r.OptInStatus !== 'not-opted-in']));
    }
    regionTables.set(accountId, table);
    return table;
  };

  return {
    partition: snapshot.partition,
    managementAccountId,
    organizationId: organization?.Id,
    orgTrails: findOrgTrails(snapshot, managementAccountId),
    members,
    auditedAccounts,
    accountListGap,
    accountData,
    regionsOf,
    regionData,
    organizationPath(accountId) {
      const organizationId = organization?.Id;
      if (!organizationId) return undefined;
      const path = answerOf(ownEntry(snapshot.accountPaths, accountId));
      if (path && path.length > 0) return `${organizationId}/${[...path].reverse().join('/')}/`;
      return roots?.length === 1 && roots[0].Id ? `${organizationId}/${roots[0].Id}/` : undefined;
    },
    isWithinGrace(account) {
      const joined = account.JoinedTimestamp ? Date.parse(account.JoinedTimestamp) : NaN;
      return !Number.isNaN(joined) && now - joined < newAccountGraceHours * 3_600_000;
    },
    regionOptIn(accountId, region) {
      const table = regionTable(accountId);
      if (!table) return 'unknown';
      const enabled = table.get(region);
      // A region absent from a complete list (AllRegions / ListRegions) is one the account cannot use.
      return enabled === undefined ? 'unknown' : enabled ? 'enabled' : 'not-enabled';
    },
    enabledRegions(accountId) {
      const table = regionTable(accountId);
      return table ? [...table].filter(([, enabled]) => enabled).map(([name]) => name).sort() : undefined;
    },
  };
}

function findOrgTrails(snapshot: Snapshot, managementAccountId: string): OrgTrail[] {
  const regions = answerOf(ownEntry(snapshot.accountData, managementAccountId)?.regionData) ?? {};
  const found = new Map<string, OrgTrail>();
  for (const region of Object.keys(regions).sort()) {
    for (const trail of answerOf(regions[region].trails) ?? []) {
      const arn = trail.TrailARN;
      if (!arn || trail.IsOrganizationTrail !== true || accountOfArn(arn) !== managementAccountId) continue;
      if (found.has(arn)) continue;
      const homeRegion = trail.HomeRegion ?? regionOfArn(arn) ?? region;
      const home = ownEntry(regions, homeRegion);
      found.set(arn, {
        arn,
        name: trail.Name ?? arn.split('/').pop() ?? arn,
        homeRegion,
        ownerAccountId: managementAccountId,
        trail,
        status: trailStatusIn(home, arn),
        eventSelectors: ownEntry(home?.eventSelectors, arn),
        insightSelectors: ownEntry(home?.insightSelectors, arn),
      });
    }
  }
  return [...found.values()].sort((a, b) => (a.arn < b.arn ? -1 : 1));
}

/**
 * A trail's status as read in one region: the recorded answer, the error of the whole status map
 * when the map failed (CHECKS.md v2: AUD-002, and no status-based conclusion), or undefined.
 */
export function trailStatusIn(data: RegionData | undefined, trailArn: string): Recorded<SnapshotTrailStatus> | undefined {
  const statuses = data?.trailStatus;
  if (statuses === undefined) return undefined;
  if (isFailed(statuses)) return statuses;
  return ownEntry(statuses, trailArn);
}
