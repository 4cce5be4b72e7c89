/**
 * What the scale and tamper benchmarks run the steps against: the simulated AWS over HTTP (in a
 * child process), dynalite for the tables and s3rver for the run files — and the step
 * dependencies pointed at them, with the production client settings.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createAwsClientFactory } from '../lambda/collect';
import { DeliveryProofStore } from '../lambda/collect/delivery-proof-store';
import { createDocumentClient } from '../lambda/findings/audit-store';
import { dynamoDbFullRunLock } from '../lambda/steps/full-run-lock';
import { s3RunFiles } from '../lambda/steps/run-files';
import type { StepDependencies } from '../lambda/steps/step-dependencies';
import { DELIVERY_PROOFS_TABLE } from '../lambda/collect/delivery-proof-table';
import { FINDINGS_TABLE, RUNS_TABLE } from '../lambda/findings/table-design';
import type { Snapshot } from '../lambda/snapshot/types';
import { DEFAULT_CONCURRENCY } from '../lambda/collect';
import { DEFAULT_BATCH_SIZE } from '../lib/config';
import { startSimulatedAwsInChildProcess } from '../test/support/aws-http/child-process-server';
import { createTables, dynaliteClient, startDynalite } from '../test/support/dynalite';
import { startLocalS3 } from '../test/support/local-s3';
import { syntheticMemberId } from './synthetic-org';

export const EVIDENCE_BUCKET = 'evidence-bucket';
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:111111111111:org-trail-auditor-alerts';

/** Everything a step process needs to reach the simulated services (passed to worker processes as JSON). */
export interface BenchEndpoints {
  aws: { endpoint: string; homeCredentials: { accessKeyId: string; secretAccessKey: string }; memberRoleName: string };
  s3Endpoint: string;
  dynamodbEndpoint: string;
  tables: { findings: string; runs: string; proofs: string };
  batchSize: number;
  /** Member accounts collected at once inside one batch (the production default, 64). */
  concurrency: number;
  memoryMb: number;
}

/** The simulated services a benchmark runs against, and how to stop them. */
export interface BenchEnvironment {
  endpoints: BenchEndpoints;
  stop(): Promise<void>;
}

/**
 * Starts the simulated AWS (child process) serving `organization` at `latencyMs` per call, s3rver
 * with the evidence bucket and dynalite with the auditor's tables (named with `tablePrefix`), at
 * the production batch size and concurrency, for a step process of `memoryMb`.
 */
export async function startBenchEnvironment(organization: Snapshot, options: { latencyMs: number; tablePrefix: string; memoryMb: number }): Promise<BenchEnvironment> {
  const aws = await startSimulatedAwsInChildProcess(organization, { latencyMs: options.latencyMs, recordCalls: false });
  const localS3 = await startLocalS3([EVIDENCE_BUCKET]);
  const dynalite = await startDynalite();
  const tableClient = dynaliteClient(dynalite.endpoint);
  const stop = async () => {
    tableClient.destroy();
    await dynalite.close();
    await localS3.close();
    await aws.stop();
  };
  try {
    const tables = await createTables(tableClient, [FINDINGS_TABLE, RUNS_TABLE, DELIVERY_PROOFS_TABLE], options.tablePrefix);
    const endpoints: BenchEndpoints = {
      aws: { endpoint: aws.endpoint, homeCredentials: aws.homeCredentials, memberRoleName: aws.memberRoleName },
      s3Endpoint: localS3.endpoint,
      dynamodbEndpoint: dynalite.endpoint,
      tables: { findings: tables[FINDINGS_TABLE.logicalName] as string, runs: tables[RUNS_TABLE.logicalName] as string, proofs: tables[DELIVERY_PROOFS_TABLE.logicalName] as string },
      batchSize: DEFAULT_BATCH_SIZE,
      concurrency: DEFAULT_CONCURRENCY,
      memoryMb: options.memoryMb,
    };
    return { endpoints, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The steps' dependencies against the simulated services; `sns` is a client whose publishes the caller records. */
export function benchDependencies(endpoints: BenchEndpoints, sns: SNSClient, now: () => Date): StepDependencies {
  const s3 = new S3Client({ region: 'us-east-1', endpoint: endpoints.s3Endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const dynamodb = new DynamoDBClient({ region: 'us-east-1', endpoint: endpoints.dynamodbEndpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    environment: {
      findingsTableName: endpoints.tables.findings,
      runsTableName: endpoints.tables.runs,
      evidenceBucketName: EVIDENCE_BUCKET,
      alertTopicArn: TOPIC_ARN,
      memberRoleName: endpoints.aws.memberRoleName,
      logArchiveAccountId: syntheticMemberId(1),
      minAlertSeverity: 'MEDIUM',
      groupThreshold: 5,
      findingsRetentionDays: 400,
      regionsToSkip: [],
      concurrency: endpoints.concurrency,
      settings: { deliveryStaleMinutes: 120, evidenceMaxAgeMinutes: 180, minRetentionDays: 365, newAccountGraceHours: 24 },
    },
    steps: { batchSize: endpoints.batchSize, runLeaseMinutes: 60 },
    createClients: () =>
      createAwsClientFactory({
        region: 'us-east-1',
        endpoint: endpoints.aws.endpoint,
        credentials: endpoints.aws.homeCredentials,
        memberRoleName: endpoints.aws.memberRoleName,
        maxSockets: Math.max(64, endpoints.concurrency * 2),
      }),
    dynamodb,
    s3,
    sns,
    logger: new Logger({ serviceName: 'org-trail-auditor', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'OrgTrailAuditor', serviceName: 'org-trail-auditor' }),
    runFiles: s3RunFiles(s3, EVIDENCE_BUCKET),
    lock: dynamoDbFullRunLock(dynamodb, endpoints.tables.runs),
    deliveryProofs: new DeliveryProofStore(createDocumentClient(dynamodb), endpoints.tables.proofs),
    memoryMb: endpoints.memoryMb,
    now,
  };
}
