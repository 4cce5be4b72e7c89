/**
 * One collect-batch invocation in its own process, as Lambda runs each batch (bench/scale.bench.ts
 * starts two at once). Input: argv[2] = JSON { endpoints, input, capturedAt }. Output: one JSON line.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { collectBatchStep } from '../lambda/steps/collect-batch-step';
import type { CollectBatchInput } from '../lambda/steps/step-contracts';
import { benchDependencies, type BenchEndpoints } from './scale-environment';

interface WorkerArguments {
  endpoints: BenchEndpoints;
  input: CollectBatchInput;
  capturedAt: string;
}

async function main(): Promise<void> {
  const { endpoints, input, capturedAt } = JSON.parse(process.argv[2] ?? '{}') as WorkerArguments;
  const deps = benchDependencies(endpoints, new SNSClient({ region: 'us-east-1' }), () => new Date(capturedAt));
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const output = await collectBatchStep(input, { remainingTimeMs: () => 300_000 - (Date.now() - started), reserveMs: 60_000 }, deps);
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(`${JSON.stringify({ output, wallMs: Date.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`batch worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
