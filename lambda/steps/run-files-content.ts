/** What the plan and each batch write for the finish step. */
import type { MemberBatchResult } from '../collect/member-batch';
import type { OrgTrailTarget } from '../collect/org-trail-target';
import type { Snapshot } from '../snapshot/types';

/** What a step spent, for the run's cost. */
export interface StepUsage {
  /** AWS API calls by operation name. */
  apiCalls: Record<string, number>;
  durationMs: number;
  memoryMb: number;
}

export interface PlanFile {
  /** The run's snapshot without the members' data and delivery evidence. */
  snapshot: Snapshot;
  orgTrails: OrgTrailTarget[];
  callerAccountId: string;
  /** A targeted run: the finding subjects it audits (see scopeEvaluation). */
  targetResources?: string[];
  usage: StepUsage;
}

export interface PartFile {
  batch: number;
  accountIds: string[];
  result: MemberBatchResult;
  usage: StepUsage;
}
