/** The state machine's finish step (bundled by lib/audit-steps.ts). See lambda/steps/finish-step.ts. */
import { finishStep, type FinishSummary } from './steps/finish-step';
import { finishInputOf } from './steps/step-input';
import { loadFinishDependencies } from './steps/step-runtime';
import type { FinishDependencies } from './steps/step-dependencies';

let dependencies: Promise<FinishDependencies> | undefined;

export const handler = async (event: unknown): Promise<FinishSummary> => {
  dependencies ??= loadFinishDependencies(process.env);
  return finishStep(finishInputOf(event), await dependencies);
};
