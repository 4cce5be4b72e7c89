/** The state machine's plan step (bundled by lib/audit-steps.ts). See lambda/steps/plan-step.ts. */
import { planStep } from './steps/plan-step';
import { planInputOf } from './steps/step-input';
import { loadPlanDependencies } from './steps/step-runtime';
import type { PlanDependencies } from './steps/step-dependencies';
import type { PlanOutput } from './steps/step-contracts';

let dependencies: Promise<PlanDependencies> | undefined;

export const handler = async (event: unknown): Promise<PlanOutput> => {
  dependencies ??= loadPlanDependencies(process.env);
  return planStep(planInputOf(event), await dependencies);
};
