/**
 * What the finish step runs after reconcile: the Security Hub and EventBridge delivery of the
 * recorded run (docs/security-hub.md, docs/integrations.md), at the step's clock. One wiring for
 * the deployed finish function (step-runtime.ts) and for the tests that run the state machine
 * locally with the integrations faked at the SDK level.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { RunEnvironment } from '../run/environment';
import type { IntegrationDependencies } from '../integrate/deliver-integrations';
import { runIntegrationsStep } from '../integrate/integrations-step';
import type { AfterReconcile } from './step-dependencies';

export interface FinishIntegrationsDependencies {
  dynamodb: DynamoDBClient;
  environment: Pick<RunEnvironment, 'findingsTableName' | 'runsTableName'>;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** Absent: the stack configured no integration, and nothing is delivered. */
  integrations: IntegrationDependencies | undefined;
  /** The wall clock; defaults to the system clock. */
  now?: () => Date;
}

export function integrationsAfterReconcile(deps: FinishIntegrationsDependencies): AfterReconcile {
  const now = deps.now ?? (() => new Date());
  return (run, snapshot) =>
    runIntegrationsStep(
      {
        run,
        dynamodb: deps.dynamodb,
        findingsTableName: deps.environment.findingsTableName,
        runsTableName: deps.environment.runsTableName,
        now: now(),
        snapshot,
        warn: (message) => deps.logger.warn(message),
        error: (message, error) => deps.logger.error(message, { error: error as Error }),
      },
      deps.integrations,
    );
}
