import { evidenceWindowOpening } from '../cloudtrail-log-keys';
import { accountOfArn, buildAuditModel, isActive, regionOfArn, type OrgTrail } from '../checks/model';
import { DEFAULT_SETTINGS } from '../checks/settings';
import {
  answerOf,
  type ListedAccountData,
  type BucketData,
  type KmsKeyData,
  type Recorded,
  type RoleData,
  type ListedSnapshot,
  type SnapshotAccount,
  type SnapshotLogGroup,
  type SnsTopicData,
} from '../snapshot/types';
import type { AccountClients } from './account-clients';
import type { AwsClientFactory, CallerIdentity } from './aws-client-factory';
import { AsyncQueue } from './async-queue';
import { runBoundedPool } from '../concurrency/bounded-pool';
import { collectBucket, type BucketReader, type BucketReading } from './bucket-collector';
import { DEFAULT_ACCOUNT_TIME_BUDGET_MS, DEFAULT_CONCURRENCY, type CollectOptions, type CollectResult } from './collect-options';
import { deadlineAfter, withCallDeadline } from '../aws/call-deadline';
import { callerIdentityFailure } from './collector-errors';
import { collectManagementAccount, sortedByKey } from './management-account-collector';
import { collectMemberAccount, newDeliveryProofs, type MemberContext } from './member-account-collector';
import { guardrailAccountIds } from './guardrail-accounts';
import { readOrganizationPolicies } from './organization-policies-reader';
import { readOrganization, streamAccounts } from './organization-reader';
import { orgTrailTargetOf } from './org-trail-target';
import { NO_PRIOR_EVIDENCE, type DeliveryProof } from './prior-evidence';
import { collectKmsKey, collectLogGroup, collectRole, collectSnsTopic } from './trail-resource-collectors';

/**
 * Reads a live organization into a snapshot (see docs/collector.md).
 *
 * Organization-wide answers first, then the management account's trails; from there member
 * accounts are collected `concurrency` at a time while ListAccounts is still paging, and the
 * resources the org trails name are read alongside. Every failure is recorded in the snapshot;
 * only a run without usable credentials rejects (with a CollectorCredentialsError).
 *
 * Deadlines: every call runs under `options.deadline` (the run's), and each member account under
 * its own time budget as well; a call they stop is recorded as a `DeadlineExceeded` error.
 */
export async function collectOrganization(options: CollectOptions): Promise<CollectResult> {
  return options.deadline ? withCallDeadline(options.deadline, () => collectWithinDeadline(options)) : collectWithinDeadline(options);
}

async function collectWithinDeadline(options: CollectOptions): Promise<CollectResult> {
  const startedAt = Date.now();
  const factory = options.clients;
  const now = options.now?.() ?? new Date();
  const skipRegions = new Set(options.skipRegions ?? []);
  const evidenceMaxAgeMinutes = options.evidenceMaxAgeMinutes ?? DEFAULT_SETTINGS.evidenceMaxAgeMinutes;

  if (options.memberRoleName !== undefined && options.memberRoleName !== factory.memberRoleName) {
    throw new Error(`memberRoleName ${options.memberRoleName} differs from the client factory's ${factory.memberRoleName}`);
  }
  const caller = await factory.identity().catch((error: unknown) => {
    throw callerIdentityFailure(error);
  });
  const home = await factory.home();
  const organizationFields = await readOrganization(home.organizations());
  const organization = answerOf(organizationFields.organization);
  const managementAccountId = organization?.MasterAccountId ?? caller.accountId;

  // ListAccounts pages feed the member pool as they arrive.
  const accounts: SnapshotAccount[] = [];
  const members = new AsyncQueue<SnapshotAccount>();
  let membersKnown = 0;
  let totalKnown = false;
  const listing = streamAccounts(home.organizations(), (page) => {
    accounts.push(...page);
    for (const account of page) {
      if (account.Id && account.Id !== managementAccountId && isActive(account)) {
        membersKnown++;
        members.push(account);
      }
    }
  }).then((error) => {
    // After a failed page the organization's size stays unknown: accounts never listed exist.
    totalKnown = error === undefined;
    members.close();
    return error;
  });

  const managementData = await collectManagementAccount({
    clients: home,
    runRegion: factory.region,
    skipRegions,
    isOrgTrail: (trail) => trail.IsOrganizationTrail === true && accountOfArn(trail.TrailARN) === managementAccountId,
  });
  // The org trails, by the same rule evaluation uses.
  const managementView: ListedSnapshot = {
    snapshotVersion: 1,
    capturedAt: now.toISOString(),
    partition: caller.partition,
    auditorAccountId: caller.accountId,
    ...organizationFields,
    accounts: [],
    accountData: { [managementAccountId]: managementData },
  };
  const modelTrails = buildAuditModel(managementView, DEFAULT_SETTINGS.newAccountGraceHours).orgTrails;
  const orgTrails = modelTrails.map(orgTrailTargetOf);

  const resources = new TrailResources(factory, caller, options.logArchiveAccountId);
  const resourcesRead = resources.readAll(modelTrails);

  // The guardrails (roots, paths, SCPs and RCPs) once the bucket and key owners are known, beside the members.
  const policiesRead = Promise.all([listing, resourcesRead]).then(([listError, read]) =>
    readOrganizationPolicies(
      home.organizations(),
      guardrailAccountIds({
        managementAccountId,
        delegatedAdministrators: organizationFields.delegatedAdministrators,
        orgTrails: modelTrails,
        buckets: [...read.buckets.values()].map((reading) => reading.data),
        listedAccounts: listError ? undefined : accounts,
      }),
    ),
  );

  const accountData: Record<string, ListedAccountData> = { [managementAccountId]: managementData };
  const evidence = new Map<string, NonNullable<BucketData['deliveryEvidence']>>();
  const windowOpening = evidenceWindowOpening(now, evidenceMaxAgeMinutes);
  const deliveryProofs: DeliveryProof[] = [];
  let evidenceFromPriorProofs = 0;
  const notStarted: string[] = [];
  let done = 0;
  let failed = 0;
  const memberContext: MemberContext = {
    clients: factory,
    orgTrails,
    organizationId: organization?.Id,
    skipRegions,
    evidenceBucket: async (bucketName) => (await resources.bucket(bucketName)).evidenceBucket,
    windowOpening,
    priorEvidence: options.priorEvidence ?? NO_PRIOR_EVIDENCE,
  };
  const accountBudgetMs = options.accountTimeBudgetMs ?? DEFAULT_ACCOUNT_TIME_BUDGET_MS;
  const report = () =>
    options.onProgress?.({ accountsDone: done, accountsTotal: membersKnown, accountsFailed: failed, totalKnown });

  await runBoundedPool({
    items: members,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    shouldStart: () => !options.deadline?.aborted && (options.shouldStartAccount?.() ?? true),
    skipped: (account) => notStarted.push(account.Id as string),
    work: async (account) => {
      const accountId = account.Id as string;
      const collected = await withinAccountBudget(accountId, accountBudgetMs, () => collectMemberAccount(accountId, memberContext));
      accountData[accountId] = collected.accountData;
      for (const record of collected.evidence) {
        let byAccount = evidence.get(record.bucket);
        if (!byAccount) evidence.set(record.bucket, (byAccount = {}));
        (byAccount[accountId] ??= {})[record.region] = record.evidence;
        if (record.source === 'prior-proof') evidenceFromPriorProofs++;
      }
      deliveryProofs.push(...newDeliveryProofs(accountId, collected.evidence, windowOpening));
      done++;
      if (collected.accountData.error) failed++;
      report();
    },
  });
  const listAccountsError = await listing;
  const read = await resourcesRead;
  const organizationPolicies = await policiesRead;

  const buckets: Record<string, BucketData> = {};
  for (const [name, reading] of read.buckets) {
    const deliveryEvidence = evidence.get(name);
    buckets[name] = deliveryEvidence ? { ...reading.data, deliveryEvidence: sortedByKey(deliveryEvidence) } : reading.data;
  }
  const snapshot: ListedSnapshot = {
    snapshotVersion: 1,
    capturedAt: now.toISOString(),
    partition: caller.partition,
    auditorAccountId: caller.accountId,
    ...organizationFields,
    accounts,
    ...(listAccountsError ? { accountsIncomplete: listAccountsError } : {}),
    ...organizationPolicies,
    accountData: sortedByKey(accountData),
    buckets: sortedByKey(buckets),
    kmsKeys: sortedByKey(read.kmsKeys),
    snsTopics: sortedByKey(read.snsTopics),
    logGroups: sortedByKey(read.logGroups),
    roles: sortedByKey(read.roles),
  };

  const activeAccounts = accounts.filter((account) => account.Id && isActive(account)).length;
  return {
    snapshot,
    deliveryProofs,
    stats: {
      apiCalls: factory.calls.byOperationName(),
      totalApiCalls: factory.calls.total(),
      retries: factory.calls.retries(),
      accountsTotal: activeAccounts,
      accountsTotalKnown: !listAccountsError,
      accountsAudited: activeAccounts - failed - notStarted.length,
      accountsFailed: failed,
      accountsNotStarted: notStarted.length,
      notStartedAccountIds: notStarted.sort(),
      ...(listAccountsError ? { listAccountsError } : {}),
      evidenceFromPriorProofs,
      wallTimeMs: Date.now() - startedAt,
      deadlineExceeded: options.deadline?.aborted === true,
      complete: notStarted.length === 0 && !listAccountsError && options.deadline?.aborted !== true,
    },
  };
}

/** Runs one account's collection under its time budget (on top of the run's deadline). */
async function withinAccountBudget<T>(accountId: string, budgetMs: number, work: () => Promise<T>): Promise<T> {
  const budget = deadlineAfter(budgetMs, `account ${accountId} used up its time budget of ${Math.round(budgetMs / 1000)} s`);
  try {
    return await withCallDeadline(budget.signal, work);
  } finally {
    budget.cancel();
  }
}

/**
 * The resources the org trails name, each read once, in the account that owns it: buckets through
 * their owner (the run's account, else the log archive account), the KMS key, SNS topic, log group
 * and CloudWatch Logs role through the account in their ARN.
 */
export class TrailResources {
  private readonly buckets = new Map<string, Promise<BucketReading>>();

  constructor(
    private readonly factory: AwsClientFactory,
    private readonly caller: CallerIdentity,
    private readonly logArchiveAccountId: string | undefined,
  ) {}

  bucket(name: string): Promise<BucketReading> {
    let reading = this.buckets.get(name);
    if (!reading) {
      const readers: BucketReader[] = [{ accountId: this.caller.accountId, clients: () => this.factory.home() }];
      const logArchive = this.logArchiveAccountId;
      if (logArchive && logArchive !== this.caller.accountId) {
        readers.push({ accountId: logArchive, clients: () => this.factory.assume(logArchive) });
      }
      reading = collectBucket(name, readers, this.factory.region);
      this.buckets.set(name, reading);
    }
    return reading;
  }

  /** Reads every resource the org trails name, each once even when several trails name it. */
  async readAll(orgTrails: readonly OrgTrail[]): Promise<TrailResourceReadings> {
    const readings: TrailResourceReadings = { buckets: new Map(), kmsKeys: {}, snsTopics: {}, logGroups: {}, roles: {} };
    const pending = new Map<string, Promise<void>>();
    const readOnce = <T>(kind: string, arn: string | undefined, read: (arn: string) => Promise<T>, store: (arn: string, value: T) => void) => {
      if (!arn || pending.has(`${kind} ${arn}`)) return;
      pending.set(`${kind} ${arn}`, read(arn).then((value) => store(arn, value)));
    };
    for (const { trail, homeRegion } of orgTrails) {
      const regionOf = (arn: string) => regionOfArn(arn) ?? homeRegion;
      readOnce('bucket', trail.S3BucketName, (name) => this.bucket(name), (name, value) => readings.buckets.set(name, value));
      readOnce('kms', trail.KmsKeyId, async (arn) => collectKmsKey(await this.clientsFor(arn), arn, regionOf(arn)), (arn, value) => {
        readings.kmsKeys[arn] = value;
      });
      readOnce('sns', trail.SnsTopicARN, async (arn) => collectSnsTopic(await this.clientsFor(arn), arn, regionOf(arn)), (arn, value) => {
        readings.snsTopics[arn] = value;
      });
      readOnce('logs', trail.CloudWatchLogsLogGroupArn, async (arn) => collectLogGroup(await this.clientsFor(arn), arn, regionOf(arn)), (arn, value) => {
        readings.logGroups[arn] = value;
      });
      readOnce('role', trail.CloudWatchLogsRoleArn, async (arn) => collectRole(await this.clientsFor(arn), arn), (arn, value) => {
        readings.roles[arn] = value;
      });
    }
    await Promise.all(pending.values());
    return readings;
  }

  /** Clients of the account that owns an ARN: the run's own, else the audit role there (else our own, cross-account). */
  async clientsFor(arn: string): Promise<AccountClients> {
    const owner = accountOfArn(arn);
    if (!owner || owner === this.caller.accountId) return this.factory.home();
    return this.factory.assume(owner).catch(() => this.factory.home());
  }
}

export interface TrailResourceReadings {
  buckets: Map<string, BucketReading>;
  kmsKeys: Record<string, Recorded<KmsKeyData> | null>;
  snsTopics: Record<string, Recorded<SnsTopicData> | null>;
  logGroups: Record<string, Recorded<SnapshotLogGroup> | null>;
  roles: Record<string, Recorded<RoleData> | null>;
}
