/**
 * What the state machine's steps need from the outside world. Each step takes only its part
 * (PlanDependencies, CollectBatchDependencies, FinishDependencies), so each Lambda function loads
 * only the SDK clients its step uses.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { AwsClientFactory } from '../collect/aws-client-factory';
import type { DeliveryProofKey } from '../collect/delivery-proof-store';
import type { DeliveryProof, PriorEvidence } from '../collect/prior-evidence';
import type { RunRecord } from '../findings/run-record';
import type { RunIntegrationCounts } from '../integrate/run-integration-counts';
import type { RunEnvironment } from '../run/environment';
import type { Snapshot } from '../snapshot/types';
import type { FullRunLock } from './full-run-lock';
import type { RunFiles } from './run-files';
import type { StepSettings } from './step-environment';

export interface StepDependencies {
  environment: RunEnvironment;
  steps: StepSettings;
  /** A fresh client factory per invocation: it counts the step's API calls and caches its role sessions. */
  createClients: () => AwsClientFactory;
  dynamodb: DynamoDBClient;
  s3: S3Client;
  sns: SNSClient;
  logger: Logger;
  metrics: Metrics;
  /** The run's files in the evidence bucket. */
  runFiles: RunFiles;
  lock: FullRunLock;
  /** Deliveries proven by earlier runs (a DeliveryProofStore); absent: every member-region is listed. */
  deliveryProofs?: DeliveryProofs;
  /** This function's memory (MB), for the run's cost. */
  memoryMb: number;
  /**
   * What runs after reconcile wrote the run record: the Security Hub and EventBridge delivery
   * (finish-integrations.ts). What it delivered is in the run's summary; its failure is logged and
   * does not fail the run. Absent: nothing.
   */
  afterReconcile?: AfterReconcile;
  /** The wall clock; defaults to the system clock. */
  now?: () => Date;
}

/** What follows reconcile, given the recorded run and its snapshot (none when planning failed). */
export type AfterReconcile = (run: RunRecord, snapshot: Snapshot | undefined) => Promise<RunIntegrationCounts | undefined>;

export type PlanDependencies = Pick<StepDependencies, 'environment' | 'steps' | 'createClients' | 'logger' | 'runFiles' | 'lock' | 'memoryMb' | 'now'>;
export type CollectBatchDependencies = Pick<StepDependencies, 'environment' | 'createClients' | 'logger' | 'runFiles' | 'memoryMb' | 'deliveryProofs'>;

/** What the batch step uses of lambda/collect/delivery-proof-store.ts. */
export interface DeliveryProofs {
  read(keys: readonly DeliveryProofKey[]): Promise<PriorEvidence>;
  record(proofs: readonly DeliveryProof[]): Promise<unknown>;
}
export type FinishDependencies = Pick<StepDependencies, 'environment' | 'dynamodb' | 's3' | 'sns' | 'logger' | 'metrics' | 'runFiles' | 'lock' | 'memoryMb' | 'now' | 'afterReconcile'>;

/** The Lambda deadline as a step sees it. */
export interface StepDeadline {
  /** Milliseconds left before the invocation's deadline (context.getRemainingTimeInMillis). */
  remainingTimeMs: () => number;
  /** With less than this left, no new account is started; what runs finishes and the step writes its output. */
  reserveMs: number;
}
