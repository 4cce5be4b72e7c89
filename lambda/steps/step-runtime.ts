/**
 * Each step function's dependencies in Lambda, built once per cold start. SDK clients are imported
 * when the step needs them (dynamic imports): the finish step never loads the collector's dozen
 * clients, the collecting steps never load SNS.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { standaloneClientConfig } from '../aws/client-settings';
import { readRunEnvironment } from '../run/environment';
import { SERVICE_NAME, METRIC_NAMESPACE } from '../run/metric-names';
import { dynamoDbFullRunLock } from './full-run-lock';
import { s3RunFiles } from './run-files';
import { lambdaMemoryMb, readStepSettings } from './step-environment';
import type { CollectBatchDependencies, FinishDependencies, PlanDependencies } from './step-dependencies';

async function common(env: NodeJS.ProcessEnv) {
  const environment = readRunEnvironment(env);
  const region = env.AWS_REGION;
  const { S3Client } = await import('@aws-sdk/client-s3');
  const s3 = new S3Client(standaloneClientConfig(region));
  return {
    environment,
    region,
    s3,
    logger: new Logger({ serviceName: SERVICE_NAME }),
    runFiles: s3RunFiles(s3, environment.evidenceBucketName),
    memoryMb: lambdaMemoryMb(env),
  };
}

async function clientFactory(region: string | undefined, memberRoleName: string) {
  const { createAwsClientFactory } = await import('../collect/aws-client-factory');
  return () => createAwsClientFactory({ region, memberRoleName });
}

export async function loadPlanDependencies(env: NodeJS.ProcessEnv): Promise<PlanDependencies> {
  const base = await common(env);
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  return {
    ...base,
    steps: readStepSettings(env),
    createClients: await clientFactory(base.region, base.environment.memberRoleName),
    lock: dynamoDbFullRunLock(new DynamoDBClient(standaloneClientConfig(base.region)), base.environment.runsTableName),
  };
}

export async function loadCollectBatchDependencies(env: NodeJS.ProcessEnv): Promise<CollectBatchDependencies> {
  const base = await common(env);
  const proofsTable = readStepSettings(env).deliveryProofsTableName;
  let deliveryProofs: CollectBatchDependencies['deliveryProofs'];
  if (proofsTable) {
    const [{ DynamoDBClient }, { createDocumentClient }, { DeliveryProofStore }] = await Promise.all([
      import('@aws-sdk/client-dynamodb'),
      import('../findings/audit-store'),
      import('../collect/delivery-proof-store'),
    ]);
    deliveryProofs = new DeliveryProofStore(createDocumentClient(new DynamoDBClient(standaloneClientConfig(base.region))), proofsTable);
  }
  return { ...base, createClients: await clientFactory(base.region, base.environment.memberRoleName), ...(deliveryProofs ? { deliveryProofs } : {}) };
}

export async function loadFinishDependencies(env: NodeJS.ProcessEnv): Promise<FinishDependencies> {
  const base = await common(env);
  const [{ DynamoDBClient }, { SNSClient }, { Metrics }, { productionIntegrations }, { integrationsAfterReconcile }] = await Promise.all([
    import('@aws-sdk/client-dynamodb'),
    import('@aws-sdk/client-sns'),
    import('@aws-lambda-powertools/metrics'),
    import('../integrate/integration-clients'),
    import('./finish-integrations'),
  ]);
  const dynamodb = new DynamoDBClient(standaloneClientConfig(base.region));
  const integrations = productionIntegrations(env, (message) => base.logger.warn(message));
  return {
    ...base,
    afterReconcile: integrationsAfterReconcile({ dynamodb, environment: base.environment, logger: base.logger, integrations }),
    dynamodb,
    sns: new SNSClient(standaloneClientConfig(base.region)),
    metrics: new Metrics({ namespace: METRIC_NAMESPACE, serviceName: SERVICE_NAME }),
    lock: dynamoDbFullRunLock(dynamodb, base.environment.runsTableName),
  };
}
