/** The audit run's dependencies in Lambda: AWS clients from the runtime, configuration from the environment. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { standaloneClientConfig } from '../aws/client-settings';
import { createAwsClientFactory } from '../collect/aws-client-factory';
import { productionIntegrations } from '../integrate/integration-clients';
import type { AuditRunDependencies } from './audit-run';
import { readHandlerEnvironment } from './environment';
import { METRIC_NAMESPACE, SERVICE_NAME } from './metric-names';

export function productionDependencies(env: NodeJS.ProcessEnv): AuditRunDependencies {
  const environment = readHandlerEnvironment(env);
  const region = env.AWS_REGION;
  const logger = new Logger({ serviceName: SERVICE_NAME });
  return {
    environment,
    createClients: () => createAwsClientFactory({ region, memberRoleName: environment.memberRoleName }),
    // The run's own clients get the same timeouts, retries and deadline handling as the collector's.
    dynamodb: new DynamoDBClient(standaloneClientConfig(region)),
    s3: new S3Client(standaloneClientConfig(region)),
    sns: new SNSClient(standaloneClientConfig(region)),
    logger,
    metrics: new Metrics({ namespace: METRIC_NAMESPACE, serviceName: SERVICE_NAME }),
    integrations: productionIntegrations(env, (message) => logger.warn(message)),
  };
}
