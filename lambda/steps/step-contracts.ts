/**
 * The JSON each step of the audit state machine takes and returns (lib/audit-state-machine.ts
 * builds the payloads; these types are the contract). Small on purpose: what is big (the plan,
 * the batches, the parts) travels through the evidence bucket, named by key.
 */
import type { AuditTrigger } from '../run/trigger';

/** Plan's payload: the execution's name is the run's ID. */
export interface PlanInput {
  runId: string;
  /** The execution's start time (ISO). */
  startedAt: string;
  /** The execution's input: the schedule's, a tampering event, or `{"reason": "…"}`. */
  input: unknown;
}

export type RunMode = 'FULL' | 'TARGETED';

export interface PlannedRun {
  status: 'PLANNED';
  runId: string;
  startedAt: string;
  mode: RunMode;
  trigger: AuditTrigger;
  bucket: string;
  planKey: string;
  /** The Distributed Map's item source: a JSON array of MemberBatch. */
  batchesKey: string;
  batchCount: number;
  memberAccounts: number;
}

/** A full run that found another in progress, or a tampering event about nothing the auditor watches. */
export interface SkippedRun {
  status: 'SKIPPED';
  runId: string;
  reason: string;
}

export type PlanOutput = PlannedRun | SkippedRun;

/** One item of the batches file. */
export interface MemberBatch {
  batch: number;
  accountIds: string[];
}

/** A collect-batch payload: the Map's ItemSelector joins the run and the item. */
export interface CollectBatchInput extends MemberBatch {
  run: Pick<PlannedRun, 'runId' | 'bucket' | 'planKey'>;
}

export interface CollectBatchOutput {
  batch: number;
  partKey: string;
  accounts: number;
  failed: number;
  notStarted: number;
  apiCalls: number;
  /** Member-regions whose listing a standing delivery proof made unnecessary. */
  listingsSpared: number;
}

/** The error a `Catch` adds to the state (Step Functions' own shape). */
export interface CaughtError {
  Error?: string;
  Cause?: string;
}

/**
 * Finish's payload: the run, and the state as it reached finish — the execution's input with
 * `plan` (unless planning failed) and `error` (when it came through a Catch).
 */
export interface FinishInput {
  runId: string;
  startedAt: string;
  state: { plan?: PlanOutput; error?: CaughtError } & Record<string, unknown>;
}
