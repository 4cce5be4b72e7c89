/** Both tables of the auditor behind one object, built from one DynamoDB client. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AlertOutbox } from './alert-outbox';
import { FindingsStore } from './findings-store';
import { RunsStore } from './runs-store';

export interface AuditTableNames {
  findingsTable: string;
  runsTable: string;
}

export interface AuditStore {
  findings: FindingsStore;
  runs: RunsStore;
  /** Published alerts not yet cleared from their findings (in the findings table). */
  outbox: AlertOutbox;
}

/** The DocumentClient every store uses: optional fields left out of an item are simply absent. */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createAuditStore(client: DynamoDBClient, names: AuditTableNames): AuditStore {
  const documents = createDocumentClient(client);
  return {
    findings: new FindingsStore(documents, names.findingsTable),
    runs: new RunsStore(documents, names.runsTable),
    outbox: new AlertOutbox(documents, names.findingsTable),
  };
}
