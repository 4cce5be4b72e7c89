/**
 * A run's estimated AWS cost, by service, from what it used (requests, GB-seconds, transitions,
 * write units) at the prices of AWS_PRICES. Stored on the run record; `runs list` shows the total.
 */
import { AWS_PRICES, S3_LIST_PUT_OPERATIONS, S3_OPERATIONS } from './aws-prices';

export interface RunUsage {
  s3ListPutRequests: number;
  s3GetOtherRequests: number;
  lambdaGbSeconds: number;
  lambdaInvocations: number;
  stateTransitions: number;
  dynamodbWriteUnits: number;
  dynamodbReadUnits: number;
}

export interface RunCost {
  /** US dollars, by service. */
  byService: { s3: number; lambda: number; stepFunctions: number; dynamodb: number };
  totalUsd: number;
  usage: RunUsage;
}

export const EMPTY_USAGE: RunUsage = {
  s3ListPutRequests: 0,
  s3GetOtherRequests: 0,
  lambdaGbSeconds: 0,
  lambdaInvocations: 0,
  stateTransitions: 0,
  dynamodbWriteUnits: 0,
  dynamodbReadUnits: 0,
};

export function addUsage(a: RunUsage, b: Partial<RunUsage>): RunUsage {
  const sum = { ...a };
  for (const key of Object.keys(sum) as (keyof RunUsage)[]) sum[key] += b[key] ?? 0;
  return sum;
}

/** The S3 requests among counted API calls (by operation name). */
export function s3UsageOf(apiCallsByOperation: Readonly<Record<string, number>>): Pick<RunUsage, 's3ListPutRequests' | 's3GetOtherRequests'> {
  let listPut = 0;
  let other = 0;
  for (const [operation, count] of Object.entries(apiCallsByOperation)) {
    if (!S3_OPERATIONS.has(operation)) continue;
    if (S3_LIST_PUT_OPERATIONS.has(operation)) listPut += count;
    else other += count;
  }
  return { s3ListPutRequests: listPut, s3GetOtherRequests: other };
}

/** GB-seconds of one Lambda invocation: its configured memory for its duration (billed by the millisecond). */
export function lambdaGbSeconds(memoryMb: number, durationMs: number): number {
  return (memoryMb / 1024) * (Math.ceil(durationMs) / 1000);
}

export function estimateRunCost(usage: RunUsage): RunCost {
  const p = AWS_PRICES;
  const byService = {
    s3: usage.s3ListPutRequests * p.s3ListPutRequest.usd + usage.s3GetOtherRequests * p.s3GetOtherRequest.usd,
    lambda: usage.lambdaGbSeconds * p.lambdaArmGbSecond.usd + usage.lambdaInvocations * p.lambdaRequest.usd,
    stepFunctions: usage.stateTransitions * p.stepFunctionsTransition.usd,
    dynamodb: usage.dynamodbWriteUnits * p.dynamodbWriteRequestUnit.usd + usage.dynamodbReadUnits * p.dynamodbReadRequestUnit.usd,
  };
  const totalUsd = byService.s3 + byService.lambda + byService.stepFunctions + byService.dynamodb;
  return { byService: mapValues(byService, roundUsd), totalUsd: roundUsd(totalUsd), usage };
}

/** Dollars to a millionth (a run's figures are fractions of a cent). */
function roundUsd(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}

function mapValues<T extends Record<string, number>>(record: T, map: (value: number) => number): T {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)])) as T;
}
