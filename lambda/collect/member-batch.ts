import { evidenceWindowOpening } from '../cloudtrail-log-keys';
import { DEFAULT_SETTINGS } from '../checks/settings';
import { runBoundedPool } from '../concurrency/bounded-pool';
import type { AccountData, BucketData, DeliveryEvidence } from '../snapshot/types';
import type { AccountClients } from './account-clients';
import type { AwsClientFactory } from './aws-client-factory';
import { deadlineAfter, withCallDeadline } from '../aws/call-deadline';
import { DEFAULT_ACCOUNT_TIME_BUDGET_MS, DEFAULT_CONCURRENCY } from './collect-options';
import { sortedByKey } from './management-account-collector';
import { collectMemberAccount, newDeliveryProofs, type EvidenceBucket, type MemberContext } from './member-account-collector';
import type { OrgTrailTarget } from './org-trail-target';
import { NO_PRIOR_EVIDENCE, type DeliveryProof, type PriorEvidence } from './prior-evidence';

export interface MemberBatchOptions {
  clients: AwsClientFactory;
  accountIds: readonly string[];
  /** From the run's plan: the org trails, the organization, and the log buckets as read. */
  orgTrails: readonly OrgTrailTarget[];
  organizationId: string | undefined;
  buckets: Readonly<Record<string, BucketData>>;
  /** The account whose credentials the run uses (a bucket it owns is listed with them). */
  callerAccountId: string;
  skipRegions?: readonly string[];
  evidenceMaxAgeMinutes?: number;
  /** The run's capturedAt: every batch looks for delivery evidence in the same window. */
  capturedAt: Date;
  /** Deliveries proven by earlier runs (a DeliveryProofStore's reading): a standing proof replaces the listing. */
  priorEvidence?: PriorEvidence;
  concurrency?: number;
  /** Deadline guard: asked before each account; once false, no new account is started. */
  shouldStartAccount?: () => boolean;
  /** The batch's hard deadline: once it fires, calls in flight are aborted (recorded as DeadlineExceeded). */
  deadline?: AbortSignal;
  /** Longest time one member account may take (default 120 s), as in collectOrganization. */
  accountTimeBudgetMs?: number;
}

/** One batch's part of the snapshot. */
export interface MemberBatchResult {
  accountData: Record<string, AccountData>;
  /** Per bucket, the batch's accounts' delivery evidence. */
  deliveryEvidence: Record<string, DeliveryEvidence>;
  /** Accounts that could not be entered (recorded with `error` in accountData). */
  failedAccountIds: string[];
  /** Accounts not started because the deadline was near: absent from accountData. */
  notStartedAccountIds: string[];
  /** The deliveries this batch's listings proved, to keep for later runs (DeliveryProofStore.record). */
  deliveryProofs: DeliveryProof[];
  /** Member-regions whose evidence is an earlier run's proof (not listed). */
  evidenceFromPriorProofs: number;
}

/**
 * Collects a batch of member accounts (the second half of collectOrganization): each account
 * through its audit role, and its delivery evidence in the log bucket read by the plan, listed
 * with the credentials of the account that owns the bucket.
 */
export async function collectMemberBatch(options: MemberBatchOptions): Promise<MemberBatchResult> {
  return options.deadline ? withCallDeadline(options.deadline, () => collectBatchWithinDeadline(options)) : collectBatchWithinDeadline(options);
}

async function collectBatchWithinDeadline(options: MemberBatchOptions): Promise<MemberBatchResult> {
  const factory = options.clients;
  const evidenceMaxAgeMinutes = options.evidenceMaxAgeMinutes ?? DEFAULT_SETTINGS.evidenceMaxAgeMinutes;
  const bucketClients = new Map<string, Promise<EvidenceBucket | undefined>>();
  const evidenceBucket = (name: string): Promise<EvidenceBucket | undefined> => {
    let bucket = bucketClients.get(name);
    if (!bucket) {
      bucket = evidenceBucketOf(factory, name, options.buckets[name], options.callerAccountId);
      bucketClients.set(name, bucket);
    }
    return bucket;
  };
  const windowOpening = evidenceWindowOpening(options.capturedAt, evidenceMaxAgeMinutes);
  const context: MemberContext = {
    clients: factory,
    orgTrails: options.orgTrails,
    organizationId: options.organizationId,
    skipRegions: new Set(options.skipRegions ?? []),
    evidenceBucket,
    windowOpening,
    priorEvidence: options.priorEvidence ?? NO_PRIOR_EVIDENCE,
  };
  const deliveryProofs: DeliveryProof[] = [];
  let evidenceFromPriorProofs = 0;
  const accountBudgetMs = options.accountTimeBudgetMs ?? DEFAULT_ACCOUNT_TIME_BUDGET_MS;

  const accountData: Record<string, AccountData> = {};
  const deliveryEvidence: Record<string, DeliveryEvidence> = {};
  const failed: string[] = [];
  const notStarted: string[] = [];
  await runBoundedPool({
    items: options.accountIds,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    shouldStart: () => !options.deadline?.aborted && (options.shouldStartAccount?.() ?? true),
    skipped: (accountId) => notStarted.push(accountId),
    work: async (accountId) => {
      const budget = deadlineAfter(accountBudgetMs, `account ${accountId} used up its time budget of ${Math.round(accountBudgetMs / 1000)} s`);
      const collected = await withCallDeadline(budget.signal, () => collectMemberAccount(accountId, context)).finally(() => budget.cancel());
      accountData[accountId] = collected.accountData;
      if (collected.accountData.error) failed.push(accountId);
      for (const record of collected.evidence) {
        const byAccount = (deliveryEvidence[record.bucket] ??= {});
        (byAccount[accountId] ??= {})[record.region] = record.evidence;
        if (record.source === 'prior-proof') evidenceFromPriorProofs++;
      }
      deliveryProofs.push(...newDeliveryProofs(accountId, collected.evidence, windowOpening));
    },
  });
  return {
    accountData: sortedByKey(accountData),
    deliveryEvidence: Object.fromEntries(Object.entries(deliveryEvidence).map(([bucket, evidence]) => [bucket, sortedByKey(evidence)])),
    failedAccountIds: failed.sort(),
    notStartedAccountIds: notStarted.sort(),
    deliveryProofs,
    evidenceFromPriorProofs,
  };
}

/** The bucket's owner's S3 client in the bucket's region, as the plan found them; undefined when the plan could not read it. */
async function evidenceBucketOf(
  factory: AwsClientFactory,
  name: string,
  data: BucketData | undefined,
  callerAccountId: string,
): Promise<EvidenceBucket | undefined> {
  if (!data || data.error || !data.ownerAccountId || !data.region) return undefined;
  let clients: AccountClients;
  try {
    clients = data.ownerAccountId === callerAccountId ? await factory.home() : await factory.assume(data.ownerAccountId);
  } catch {
    return undefined;
  }
  return { name, s3: clients.s3(data.region) };
}
