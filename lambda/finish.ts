/** The state machine's finish step (bundled by lib/audit-steps.ts). See lambda/steps/finish-step.ts. */
import type { Context } from 'aws-lambda';
import { finishStep, type FinishSummary } from './steps/finish-step';
import { finishInputOf } from './steps/step-input';
import { loadFinishDependencies } from './steps/step-runtime';
import type { FinishDependencies } from './steps/step-dependencies';

let dependencies: Promise<FinishDependencies> | undefined;

export const handler = async (event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<FinishSummary> => {
  dependencies ??= loadFinishDependencies(process.env);
  // Reconcile keeps the last seconds for the run record (RECORD_RESERVE_MS).
  return finishStep(finishInputOf(event), await dependencies, { remainingTimeMs: () => context.getRemainingTimeInMillis() });
};
