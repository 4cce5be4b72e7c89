/** The Distributed Map's child: one batch of member accounts (bundled by lib/audit-steps.ts). See lambda/steps/collect-batch-step.ts. */
import type { Context } from 'aws-lambda';
import { collectBatchStep } from './steps/collect-batch-step';
import { collectBatchInputOf } from './steps/step-input';
import { loadCollectBatchDependencies } from './steps/step-runtime';
import type { CollectBatchDependencies } from './steps/step-dependencies';
import type { CollectBatchOutput } from './steps/step-contracts';

/**
 * Kept back from the function's timeout once the batch stops starting accounts: the accounts in
 * flight finish (each bounded by the client timeouts) and the part is written.
 */
export const BATCH_DEADLINE_RESERVE_MS = 60_000;

let dependencies: Promise<CollectBatchDependencies> | undefined;

export const handler = async (event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<CollectBatchOutput> => {
  dependencies ??= loadCollectBatchDependencies(process.env);
  return collectBatchStep(
    collectBatchInputOf(event),
    { remainingTimeMs: () => context.getRemainingTimeInMillis(), reserveMs: BATCH_DEADLINE_RESERVE_MS },
    await dependencies,
  );
};
