import type { ApiError, Snapshot } from '../snapshot/types';
import type { AwsClientFactory } from './aws-client-factory';
import type { DeliveryProof, PriorEvidence } from './prior-evidence';

/** Progress of the member accounts, reported after each account finishes. */
export interface CollectProgress {
  accountsDone: number;
  /** Accounts known so far (grows while ListAccounts is still paging). */
  accountsTotal: number;
  accountsFailed: number;
  /** Whether ListAccounts has read its last page, so that accountsTotal is final. */
  totalKnown: boolean;
}

export interface CollectOptions {
  /** Where SDK clients come from, the audit role's name included; see createAwsClientFactory. */
  clients: AwsClientFactory;
  /**
   * The audit role's name in member accounts. The factory is what assumes it; when given here it
   * must be the factory's (a guard against wiring two different names).
   */
  memberRoleName?: string;
  /** The account that owns the log bucket when the management account cannot read it. */
  logArchiveAccountId?: string;
  /** Member accounts collected at the same time. Default 64. */
  concurrency?: number;
  /** Regions never read (neither trails nor delivery evidence). */
  skipRegions?: readonly string[];
  /** DLV-008's window: delivery evidence is looked for this many minutes back. Default 180. */
  evidenceMaxAgeMinutes?: number;
  /**
   * Deliveries proven by earlier runs (a DeliveryProofStore's reading, or priorEvidenceOfSnapshot).
   * A member-region whose proof is still inside the window is recorded with that proof's time and
   * not listed. Default: none, every member-region is listed.
   */
  priorEvidence?: PriorEvidence;
  /** Deadline guard: asked before each member account; once false, no new account is started. */
  shouldStartAccount?: () => boolean;
  /**
   * The run's deadline: once it fires, no new account starts and every call in flight is aborted
   * and recorded as a `DeadlineExceeded` error (see lambda/aws/call-deadline.ts).
   */
  deadline?: AbortSignal;
  /**
   * Longest time one member account may take. Past it, the account's calls in flight are aborted
   * and the rest refused, each recorded as `DeadlineExceeded` where the snapshot puts its answer
   * (AssumeRole: the account is not audited, AUD-001; a region: AUD-002). Default 120 s.
   */
  accountTimeBudgetMs?: number;
  onProgress?: (progress: CollectProgress) => void;
  /** The snapshot's capturedAt. Default: the clock. */
  now?: () => Date;
}

export interface CollectStats {
  /** API calls by operation name (e.g. `DescribeTrails`), retries not included. */
  apiCalls: Record<string, number>;
  totalApiCalls: number;
  /** Attempts the SDK's retry strategy added (throttling, transient errors). */
  retries: number;
  /**
   * ACTIVE accounts listed, the management account included. When ListAccounts stopped early
   * (`accountsTotalKnown` false) this counts only the accounts seen: the organization's total is
   * unknown, and accounts never listed are neither audited nor counted as not audited.
   */
  accountsTotal: number;
  /** False when ListAccounts stopped early (`listAccountsError`): `accountsTotal` is a lower bound. */
  accountsTotalKnown: boolean;
  /** Accounts collected (their regions may still record errors). */
  accountsAudited: number;
  /** Accounts that could not be entered (assume-role failure), recorded with `error`. */
  accountsFailed: number;
  /** Accounts not started because of the deadline: absent from snapshot.accountData. */
  accountsNotStarted: number;
  notStartedAccountIds: string[];
  /** The error that stopped ListAccounts early, if any: the accounts after it were not seen. */
  listAccountsError?: ApiError;
  /** Member-regions whose evidence is an earlier run's proof still inside the window (not listed). */
  evidenceFromPriorProofs: number;
  wallTimeMs: number;
  /** Whether the run's deadline fired during collection (calls in flight were aborted). */
  deadlineExceeded: boolean;
  /** Every ACTIVE account was collected, ListAccounts was read to its end and the deadline did not fire. */
  complete: boolean;
}

export interface CollectResult {
  snapshot: Snapshot;
  stats: CollectStats;
  /**
   * The deliveries this run's listings proved inside the window (one per member-region listed with
   * a recent file), for DeliveryProofStore.record: proofs taken from priorEvidence are not repeated.
   */
  deliveryProofs: DeliveryProof[];
}

export const DEFAULT_CONCURRENCY = 64;

/** One member account's longest time in a run (CollectOptions.accountTimeBudgetMs). */
export const DEFAULT_ACCOUNT_TIME_BUDGET_MS = 120_000;
