/** The steps' payloads come from the state machine definition; a wrong one is a deployment fault, named in one line. */
import type { CollectBatchInput, FinishInput, PlanInput } from './step-contracts';

export class StepInputError extends Error {}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new StepInputError(`${what}: expected a JSON object, got ${JSON.stringify(value)?.slice(0, 80)}`);
  return value as Record<string, unknown>;
}

function text(object: Record<string, unknown>, key: string, what: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') throw new StepInputError(`${what}.${key}: expected a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

export function planInputOf(event: unknown): PlanInput {
  const input = record(event, 'plan input');
  return { runId: text(input, 'runId', 'plan input'), startedAt: text(input, 'startedAt', 'plan input'), input: input.input };
}

export function collectBatchInputOf(event: unknown): CollectBatchInput {
  const input = record(event, 'batch input');
  const run = record(input.run, 'batch input.run');
  const accountIds = input.accountIds;
  if (!Array.isArray(accountIds) || !accountIds.every((id) => typeof id === 'string')) throw new StepInputError('batch input.accountIds: expected a list of account IDs');
  if (typeof input.batch !== 'number' || !Number.isInteger(input.batch) || input.batch < 0) throw new StepInputError(`batch input.batch: expected a batch number, got ${JSON.stringify(input.batch)}`);
  return {
    batch: input.batch,
    accountIds: accountIds as string[],
    run: { runId: text(run, 'runId', 'batch input.run'), bucket: text(run, 'bucket', 'batch input.run'), planKey: text(run, 'planKey', 'batch input.run') },
  };
}

export function finishInputOf(event: unknown): FinishInput {
  const input = record(event, 'finish input');
  return { runId: text(input, 'runId', 'finish input'), startedAt: text(input, 'startedAt', 'finish input'), state: record(input.state, 'finish input.state') as FinishInput['state'] };
}
