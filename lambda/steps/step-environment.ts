/** The settings only the state machine's steps read, on top of the run's (RunEnvironment, ../run/environment.ts). */
import { EnvironmentError } from '../run/environment';

export const STEP_ENVIRONMENT_VARIABLES = {
  /** Member accounts per batch (one collect-batch invocation each). */
  batchSize: 'BATCH_SIZE',
  /** How long a full run's lease lasts: the state machine's own timeout. */
  runLeaseMinutes: 'RUN_LEASE_MINUTES',
  /** The delivery-proofs table (lambda/collect/delivery-proof-table.ts); absent: every member-region is listed. */
  deliveryProofsTableName: 'DELIVERY_PROOFS_TABLE_NAME',
} as const;

/** Set by Lambda itself on every function. */
export const LAMBDA_MEMORY_VARIABLE = 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE';

export interface StepSettings {
  batchSize: number;
  runLeaseMinutes: number;
  deliveryProofsTableName?: string;
}

export const DEFAULT_STEP_SETTINGS: StepSettings = { batchSize: 100, runLeaseMinutes: 60 };

export function readStepSettings(env: NodeJS.ProcessEnv): StepSettings {
  const number = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new EnvironmentError(`${name}: "${raw}" is not a whole number of at least 1`);
    return value;
  };
  const proofsTable = env[STEP_ENVIRONMENT_VARIABLES.deliveryProofsTableName]?.trim();
  return {
    batchSize: number(STEP_ENVIRONMENT_VARIABLES.batchSize, DEFAULT_STEP_SETTINGS.batchSize),
    runLeaseMinutes: number(STEP_ENVIRONMENT_VARIABLES.runLeaseMinutes, DEFAULT_STEP_SETTINGS.runLeaseMinutes),
    ...(proofsTable ? { deliveryProofsTableName: proofsTable } : {}),
  };
}

/** This function's configured memory (MB), for the run's cost; 0 outside Lambda. */
export function lambdaMemoryMb(env: NodeJS.ProcessEnv): number {
  const value = Number(env[LAMBDA_MEMORY_VARIABLE]);
  return Number.isFinite(value) && value > 0 ? value : 0;
}
