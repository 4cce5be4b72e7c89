/**
 * The audit state machine's control flow, run locally with the real steps: plan → (SKIPPED: stop)
 * → every batch of the Distributed Map → finish, and finish through the Catch when plan fails —
 * as lib/audit-state-machine.ts wires them (test/lib/state-machine.test.ts asserts that wiring).
 * The steps' dependencies are real: the organization (simulated), dynalite, a local S3 (or the
 * HTTP simulation's); the alert topic is recorded unless an SNS client is given, and the finish
 * step's metrics are recorded by name.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient, PublishCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import type { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import type { IntegrationDependencies } from '../../lambda/integrate/deliver-integrations';
import type { AwsClientFactory } from '../../lambda/collect';
import { DeliveryProofStore } from '../../lambda/collect/delivery-proof-store';
import { createDocumentClient } from '../../lambda/findings/audit-store';
import { DELIVERY_PROOFS_TABLE } from '../../lambda/collect/delivery-proof-table';
import { FINDINGS_TABLE, RUNS_TABLE } from '../../lambda/findings/table-design';
import type { RunEnvironment } from '../../lambda/run/environment';
import { collectBatchStep } from '../../lambda/steps/collect-batch-step';
import { integrationsAfterReconcile } from '../../lambda/steps/finish-integrations';
import { finishStep, type FinishSummary } from '../../lambda/steps/finish-step';
import { dynamoDbFullRunLock } from '../../lambda/steps/full-run-lock';
import { planStep } from '../../lambda/steps/plan-step';
import { s3RunFiles } from '../../lambda/steps/run-files';
import type { CaughtError, FinishInput, MemberBatch, PlanOutput } from '../../lambda/steps/step-contracts';
import type { StepDeadline, StepDependencies } from '../../lambda/steps/step-dependencies';
import { createTables } from '../support/dynalite';

export const EVIDENCE_BUCKET = 'evidence-bucket';
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:111111111111:org-trail-auditor-alerts';

/** One deployed auditor's tables in dynalite, named with `prefix`: findings and runs, and the delivery proofs when asked for. */
export interface AuditorTables {
  findings: string;
  runs: string;
  proofs?: string;
}

export async function createAuditorTables(dynamodb: DynamoDBClient, prefix: string, options: { proofs?: boolean } = {}): Promise<AuditorTables> {
  const created = await createTables(dynamodb, options.proofs ? [FINDINGS_TABLE, RUNS_TABLE, DELIVERY_PROOFS_TABLE] : [FINDINGS_TABLE, RUNS_TABLE], prefix);
  const name = (logicalName: string) => created[logicalName] as string;
  return { findings: name(FINDINGS_TABLE.logicalName), runs: name(RUNS_TABLE.logicalName), ...(options.proofs ? { proofs: name(DELIVERY_PROOFS_TABLE.logicalName) } : {}) };
}

export interface LocalRunOptions {
  /** The execution's name (the run ID). */
  runId: string;
  /** The execution's start time. */
  startedAt: string;
  input: unknown;
  /** Batches whose child execution fails (no part is written). */
  failingBatches?: number[];
  /** Lambda time left for each batch (ms); default 15 minutes. */
  batchRemainingTimeMs?: number;
  /** Each batch's Lambda deadline; default: batchRemainingTimeMs with a one-minute reserve. */
  batchDeadline?: StepDeadline;
  /** The plan's Lambda deadline (default: none). */
  planDeadline?: StepDeadline;
  /** The finish step's Lambda time left (ms; default: no limit). */
  finishRemainingTimeMs?: number;
}

export interface LocalFinishResult {
  summary: FinishSummary;
  /** What the finish step published on the recorded alert topic (empty when an SNS client was given). */
  published: PublishCommandInput[];
  /** The names of the metrics the finish step added, in order (the single metrics' included). */
  metricNames: string[];
}

export interface LocalRunResult extends Omit<LocalFinishResult, 'summary'> {
  plan: PlanOutput | undefined;
  /** Undefined when the plan said SKIPPED (the execution ends there). */
  summary: FinishSummary | undefined;
  batchesRun: number;
  /** The finish step's payload, to invoke the step again as a Retry of its task would. */
  finishInput: FinishInput | undefined;
}

export interface LocalStateMachineOptions {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  tables: { findings: string; runs: string };
  createClients: () => AwsClientFactory;
  batchSize: number;
  now: () => Date;
  environment?: Partial<RunEnvironment>;
  /** The delivery-proofs table (lambda/collect/delivery-proof-table.ts), when proofs are kept between runs. */
  deliveryProofsTable?: string;
  /** What follows reconcile; default: the integrations' delivery when `integrations` is given, else nothing. */
  afterReconcile?: StepDependencies['afterReconcile'];
  /** Security Hub and EventBridge, delivered after reconcile as the deployed finish step does. */
  integrations?: IntegrationDependencies;
  /** The alert topic's client; default: one recorded by aws-sdk-client-mock. */
  sns?: SNSClient;
}

export class LocalStateMachine {
  readonly sns: SNSClient;
  private readonly snsMock: AwsClientStub<SNSClient> | undefined;
  private readonly metricNames: string[] = [];

  constructor(private readonly options: LocalStateMachineOptions) {
    this.sns = options.sns ?? new SNSClient({ region: 'us-east-1' });
    if (!options.sns) {
      this.snsMock = mockClient(this.sns);
      this.snsMock.on(PublishCommand).resolves({ MessageId: 'message' });
    }
  }

  dependencies(): StepDependencies {
    const { options } = this;
    const afterReconcile = this.afterReconcile();
    return {
      environment: {
        findingsTableName: options.tables.findings,
        runsTableName: options.tables.runs,
        evidenceBucketName: EVIDENCE_BUCKET,
        alertTopicArn: TOPIC_ARN,
        memberRoleName: 'OrgTrailAuditorMemberRole',
        logArchiveAccountId: '222222222222',
        minAlertSeverity: 'MEDIUM',
        groupThreshold: 5,
        findingsRetentionDays: 400,
        regionsToSkip: [],
        concurrency: 4,
        settings: { deliveryStaleMinutes: 120, evidenceMaxAgeMinutes: 180, minRetentionDays: 365, newAccountGraceHours: 24 },
        ...options.environment,
      },
      createClients: options.createClients,
      dynamodb: options.dynamodb,
      s3: options.s3,
      sns: this.sns,
      logger: new Logger({ serviceName: 'org-trail-auditor', logLevel: 'SILENT' }),
      metrics: new RecordedMetrics(this.metricNames),
      now: options.now,
      steps: { batchSize: options.batchSize, runLeaseMinutes: 60 },
      runFiles: s3RunFiles(options.s3, EVIDENCE_BUCKET),
      lock: dynamoDbFullRunLock(options.dynamodb, options.tables.runs),
      ...(options.deliveryProofsTable ? { deliveryProofs: new DeliveryProofStore(createDocumentClient(options.dynamodb), options.deliveryProofsTable) } : {}),
      memoryMb: 1024,
      ...(afterReconcile ? { afterReconcile } : {}),
    };
  }

  private afterReconcile(): StepDependencies['afterReconcile'] {
    const { options } = this;
    if (options.afterReconcile || !options.integrations) return options.afterReconcile;
    return integrationsAfterReconcile({
      dynamodb: options.dynamodb,
      environment: { findingsTableName: options.tables.findings, runsTableName: options.tables.runs },
      logger: new Logger({ serviceName: 'org-trail-auditor', logLevel: 'SILENT' }),
      integrations: options.integrations,
      now: options.now,
    });
  }

  /** One execution. Each step gets fresh dependencies, as each is its own Lambda invocation. */
  async run(run: LocalRunOptions): Promise<LocalRunResult> {
    const state: { plan?: PlanOutput; error?: CaughtError } & Record<string, unknown> = { ...(asObject(run.input) ?? {}) };
    let batchesRun = 0;
    try {
      state.plan = await planStep({ runId: run.runId, startedAt: run.startedAt, input: run.input }, this.dependencies(), run.planDeadline);
    } catch (error) {
      state.error = caught(error);
    }
    if (state.plan?.status === 'SKIPPED') return { plan: state.plan, summary: undefined, published: [], metricNames: [], batchesRun, finishInput: undefined };
    if (state.plan?.status === 'PLANNED' && state.plan.batchCount > 0) {
      const planned = state.plan;
      const deps = this.dependencies();
      const batches = (await deps.runFiles.getJson<MemberBatch[]>(planned.batchesKey)) ?? [];
      for (const batch of batches) {
        if (run.failingBatches?.includes(batch.batch)) continue;
        batchesRun++;
        await collectBatchStep(
          { ...batch, run: { runId: planned.runId, bucket: planned.bucket, planKey: planned.planKey } },
          run.batchDeadline ?? { remainingTimeMs: () => run.batchRemainingTimeMs ?? 900_000, reserveMs: 60_000 },
          this.dependencies(),
        );
      }
    }
    const finishInput: FinishInput = { runId: run.runId, startedAt: run.startedAt, state };
    return { plan: state.plan, ...(await this.finish(finishInput, run.finishRemainingTimeMs)), batchesRun, finishInput };
  }

  /** The finish step alone, in an invocation of its own (a Retry of the task invokes it again with the same payload). */
  async finish(input: FinishInput, remainingTimeMs?: number): Promise<LocalFinishResult> {
    this.snsMock?.resetHistory();
    this.metricNames.length = 0;
    // The payload as Step Functions passes it: JSON, not the objects the other steps returned.
    const deadline = remainingTimeMs === undefined ? undefined : { remainingTimeMs: () => remainingTimeMs };
    const summary = await finishStep(JSON.parse(JSON.stringify(input)) as FinishInput, this.dependencies(), deadline);
    const published = this.snsMock?.commandCalls(PublishCommand).map((call) => call.args[0].input) ?? [];
    return { summary, published, metricNames: [...this.metricNames] };
  }
}

/** Powertools Metrics that keep the name of every metric added, its single metrics' included; what is printed is unchanged. */
class RecordedMetrics extends Metrics {
  constructor(
    private readonly names: string[],
    options: ConstructorParameters<typeof Metrics>[0] = { namespace: 'OrgTrailAuditor', serviceName: 'org-trail-auditor' },
  ) {
    super(options);
  }

  override addMetric(...args: Parameters<Metrics['addMetric']>): this {
    this.names.push(args[0]);
    return super.addMetric(...args);
  }

  override singleMetric(): Metrics {
    return new RecordedMetrics(this.names, { namespace: 'OrgTrailAuditor', serviceName: 'org-trail-auditor', singleMetric: true });
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** What Step Functions puts in `$.error` when a Catch takes a Lambda task's failure. */
function caught(error: unknown): CaughtError {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  return { Error: name, Cause: JSON.stringify({ errorType: name, errorMessage: message }) };
}
