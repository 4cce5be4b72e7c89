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
