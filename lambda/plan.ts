/** The state machine's plan step (bundled by lib/audit-steps.ts). See lambda/steps/plan-step.ts. */
import type { Context } from 'aws-lambda';
import { planStep } from './steps/plan-step';
import { planInputOf } from './steps/step-input';
import { loadPlanDependencies } from './steps/step-runtime';
import type { PlanDependencies } from './steps/step-dependencies';
import type { PlanOutput } from './steps/step-contracts';

/** Kept back from the function's timeout: calls still in flight then are stopped and the plan is written. */
export const PLAN_DEADLINE_RESERVE_MS = 30_000;

let dependencies: Promise<PlanDependencies> | undefined;

export const handler = async (event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<PlanOutput> => {
  dependencies ??= loadPlanDependencies(process.env);
  return planStep(planInputOf(event), await dependencies, { remainingTimeMs: () => context.getRemainingTimeInMillis(), reserveMs: PLAN_DEADLINE_RESERVE_MS });
};
