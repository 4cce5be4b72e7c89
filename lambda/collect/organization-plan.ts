import { accountOfArn, buildAuditModel, isActive, type OrgTrail } from '../checks/model';
import { DEFAULT_SETTINGS } from '../checks/settings';
import { answerOf, type ApiError, type BucketData, type Snapshot, type SnapshotAccount } from '../snapshot/types';
import type { AwsClientFactory } from './aws-client-factory';
import { callerIdentityFailure } from './collector-errors';
import { TrailResources } from './collect-organization';
import { guardrailAccountIds } from './guardrail-accounts';
import { collectManagementAccount, sortedByKey } from './management-account-collector';
import { readOrganizationPolicies } from './organization-policies-reader';
import { readOrganization, streamAccounts } from './organization-reader';
import { orgTrailTargetOf, type OrgTrailTarget } from './org-trail-target';

/** The `accountsIncomplete` of a targeted run's snapshot: it does not read the account list on purpose. */
export const TARGETED_RUN_ACCOUNTS: ApiError = {
  code: 'TargetedRun',
  message: 'a targeted run reads the affected trail and its resources only, not the account list',
};

export interface PlanOrganizationOptions {
  clients: AwsClientFactory;
  /** The account that owns the log bucket when the management account cannot read it. */
  logArchiveAccountId?: string;
  skipRegions?: readonly string[];
  /**
   * A targeted run: the org trails whose resources are read (from all the org trails found), and
   * no ListAccounts. Absent: a full run (every org trail, the whole account list).
   */
  selectTrails?: (orgTrails: readonly OrgTrail[]) => OrgTrail[];
  /** The snapshot's capturedAt (the whole run's "now", batches included). Default: the clock. */
  now?: () => Date;
}

/**
 * What the first part of a run reads: the organization, its account list, the management account
 * and the org trails with their resources. `snapshot` is the run's snapshot without the members'
 * data and the delivery evidence, which the member batches add (see mergeMemberBatches).
 */
export interface OrganizationPlan {
  snapshot: Snapshot;
  /** The org trails, as member collection needs them (a targeted run: the selected ones). */
  orgTrails: OrgTrailTarget[];
  /** The ACTIVE member accounts to collect (management account excluded), sorted. */
  memberAccountIds: string[];
  callerAccountId: string;
}

/**
 * Reads everything of a run that is not per member account (the first half of collectOrganization,
 * without the members): one call chain per organization, whatever its size. Rejects only when the
 * run has no usable credentials; every other failure is recorded in the snapshot.
 */
export async function planOrganization(options: PlanOrganizationOptions): Promise<OrganizationPlan> {
  const factory = options.clients;
  const now = options.now?.() ?? new Date();
  const skipRegions = new Set(options.skipRegions ?? []);
  const caller = await factory.identity().catch((error: unknown) => {
    throw callerIdentityFailure(error);
  });
  const home = await factory.home();
  const targeted = options.selectTrails !== undefined;

  const [organizationFields, accountList] = await Promise.all([
    readOrganization(home.organizations()),
    targeted ? Promise.resolve({ accounts: [] as SnapshotAccount[], error: TARGETED_RUN_ACCOUNTS }) : readAccountList(factory),
  ]);
  const organization = answerOf(organizationFields.organization);
  const managementAccountId = organization?.MasterAccountId ?? caller.accountId;

  const managementData = await collectManagementAccount({
    clients: home,
    runRegion: factory.region,
    skipRegions,
    isOrgTrail: (trail) => trail.IsOrganizationTrail === true && accountOfArn(trail.TrailARN) === managementAccountId,
  });
  const snapshot: Snapshot = {
    snapshotVersion: 1,
    capturedAt: now.toISOString(),
    partition: caller.partition,
    auditorAccountId: caller.accountId,
    ...organizationFields,
    accounts: accountList.accounts,
    ...(accountList.error ? { accountsIncomplete: accountList.error } : {}),
    accountData: { [managementAccountId]: managementData },
  };
  const allTrails = buildAuditModel(snapshot, DEFAULT_SETTINGS.newAccountGraceHours).orgTrails;
  const modelTrails = options.selectTrails ? options.selectTrails(allTrails) : allTrails;

  const read = await new TrailResources(factory, caller, options.logArchiveAccountId).readAll(modelTrails);
  const buckets: Record<string, BucketData> = {};
  for (const [name, reading] of read.buckets) buckets[name] = reading.data;
  // The guardrails (roots, paths, SCPs and RCPs) of the accounts the trails depend on, as collectOrganization reads them.
  const organizationPolicies = await readOrganizationPolicies(
    home.organizations(),
    guardrailAccountIds({
      managementAccountId,
      delegatedAdministrators: organizationFields.delegatedAdministrators,
      orgTrails: modelTrails,
      buckets: Object.values(buckets),
      listedAccounts: accountList.error ? undefined : accountList.accounts,
    }),
  );
  const { accountData } = snapshot;
  delete (snapshot as Partial<Snapshot>).accountData;
  Object.assign(snapshot, organizationPolicies, { accountData });
  Object.assign(snapshot, {
    buckets: sortedByKey(buckets),
    kmsKeys: sortedByKey(read.kmsKeys),
    snsTopics: sortedByKey(read.snsTopics),
    logGroups: sortedByKey(read.logGroups),
    roles: sortedByKey(read.roles),
  });

  return {
    snapshot,
    orgTrails: modelTrails.map(orgTrailTargetOf),
    memberAccountIds: targeted
      ? []
      : accountList.accounts
          .filter((account) => account.Id && account.Id !== managementAccountId && isActive(account))
          .map((account) => account.Id as string)
          .sort(),
    callerAccountId: caller.accountId,
  };
}

async function readAccountList(factory: AwsClientFactory): Promise<{ accounts: SnapshotAccount[]; error?: ApiError }> {
  const accounts: SnapshotAccount[] = [];
  const error = await streamAccounts((await factory.home()).organizations(), (page) => accounts.push(...page));
  return error ? { accounts, error } : { accounts };
}
