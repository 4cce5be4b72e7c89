/**
 * The integrations as one step of a run, after reconcile: the state machine's finish step calls it
 * (lambda/steps/finish-integrations.ts). It never fails the run: what it could not deliver stays in
 * the outbox for the next run, and the error is reported.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../findings/audit-store';
import type { RunRecord } from '../findings/run-record';
import { RunsStore } from '../findings/runs-store';
import { accountNamesOf } from '../report/account-names';
import type { Snapshot } from '../snapshot/types';
import { deliverRunIntegrations, type IntegrationDependencies } from './deliver-integrations';
import { IntegrationOutboxStore } from './integration-outbox-store';
import type { RunIntegrationCounts } from './run-integration-counts';

export interface IntegrationsStepInput {
  run: RunRecord;
  dynamodb: DynamoDBClient;
  findingsTableName: string;
  runsTableName: string;
  now: Date;
  /** The run's snapshot, for the account names Security Hub shows; absent when the run read none. */
  snapshot?: Pick<Snapshot, 'accounts'>;
  warn: (message: string) => void;
  error: (message: string, error: unknown) => void;
}

/** Delivers and counts; undefined when the integrations are not configured or the step failed (reported). */
export async function runIntegrationsStep(input: IntegrationsStepInput, integrations: IntegrationDependencies | undefined): Promise<RunIntegrationCounts | undefined> {
  if (!integrations) return undefined;
  const documents = createDocumentClient(input.dynamodb);
  try {
    return await deliverRunIntegrations(input.run, integrations, {
      outbox: new IntegrationOutboxStore(documents, input.findingsTableName, input.runsTableName),
      runs: new RunsStore(documents, input.runsTableName),
      now: input.now,
      accountNames: input.snapshot ? new Map(Object.entries(accountNamesOf(input.snapshot))) : new Map<string, string>(),
      warn: input.warn,
    });
  } catch (error) {
    input.error('integrations not delivered; the outbox keeps them for the next run', error);
    return undefined;
  }
}
