import type { ApiError, ListedSnapshot } from '../snapshot/types';
import type { AwsClientFactory } from './aws-client-factory';

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
  /** Deadline guard: asked before each member account; once false, no new account is started. */
  shouldStartAccount?: () => boolean;
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
  /** ACTIVE accounts of the organization, the management account included. */
  accountsTotal: number;
  /** Accounts collected (their regions may still record errors). */
  accountsAudited: number;
  /** Accounts that could not be entered (assume-role failure), recorded with `error`. */
  accountsFailed: number;
  /** Accounts not started because of the deadline: absent from snapshot.accountData. */
  accountsNotStarted: number;
  notStartedAccountIds: string[];
  /** The error that stopped ListAccounts early, if any: the accounts after it were not seen. */
  listAccountsError?: ApiError;
  wallTimeMs: number;
  /** Every ACTIVE account was collected and ListAccounts was read to its end. */
  complete: boolean;
}

export interface CollectResult {
  snapshot: ListedSnapshot;
  stats: CollectStats;
}

export const DEFAULT_CONCURRENCY = 64;
