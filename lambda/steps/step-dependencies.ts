/** What every step of the state machine needs from the outside world. */
import type { AuditRunDependencies } from '../handler/audit-run';
import type { FullRunLock } from './full-run-lock';
import type { RunFiles } from './run-files';
import type { StepSettings } from './step-environment';

export interface StepDependencies extends AuditRunDependencies {
  steps: StepSettings;
  /** The run's files in the evidence bucket. */
  runFiles: RunFiles;
  lock: FullRunLock;
  /** This function's memory (MB), for the run's cost. */
  memoryMb: number;
}

/** The Lambda deadline as a step sees it. */
export interface StepDeadline {
  /** Milliseconds left before the invocation's deadline (context.getRemainingTimeInMillis). */
  remainingTimeMs: () => number;
  /** With less than this left, no new account is started; what runs finishes and the step writes its output. */
  reserveMs: number;
}
