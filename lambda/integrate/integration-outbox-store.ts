/**
 * The outbox's reads and writes on the findings and runs tables: the findings that owe something
 * (a sparse index), the open findings whose Security Hub copy is ageing, clearing what was
 * delivered (conditional on the item's version, re-read on a conflict, so a change written during
 * delivery is never cleared), and the run's delivery counts on its run record.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { FindingRecord } from '../findings/finding-record';
import { FINDINGS_INDEX } from '../findings/table-design';
import { INTEGRATION_PENDING, isOutboxEmpty, type IntegrationOutbox } from './integration-outbox';
import type { RunIntegrationCounts } from './run-integration-counts';

/** What one delivery settled for one finding. */
export interface Settlement {
  findingId: string;
  /** Events put (or given up on because EventBridge events are off). */
  eventIds: ReadonlySet<string>;
  /** The Security Hub mark delivered (or dropped because the import is off). */
  securityHubMarkId?: string;
  /** When Security Hub accepted the finding, if it did. */
  importedAt?: string;
}

const MAX_SETTLE_ATTEMPTS = 5;

export class IntegrationOutboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly findingsTableName: string,
    readonly runsTableName: string,
  ) {}

  /** Every finding that owes Security Hub or EventBridge something. */
  listPending(): Promise<FindingRecord[]> {
    return this.queryAll({
      IndexName: FINDINGS_INDEX.integrationPending,
      KeyConditionExpression: 'integrationPending = :pending',
      ExpressionAttributeValues: { ':pending': INTEGRATION_PENDING },
    });
  }

  /**
   * Up to `limit` OPEN or SUPPRESSED findings that Security Hub last accepted before `before` (or
   * never): re-imported so that Security Hub does not age them out while they are still true.
   */
  async listImportedBefore(before: string, limit: number): Promise<FindingRecord[]> {
    const found: FindingRecord[] = [];
    for (const status of ['OPEN', 'SUPPRESSED'] as const) {
      if (found.length >= limit) break;
      found.push(
        ...(await this.queryAll(
          {
            IndexName: FINDINGS_INDEX.byStatus,
            KeyConditionExpression: '#status = :status',
            FilterExpression: 'attribute_not_exists(securityHubImportedAt) OR securityHubImportedAt < :before',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': status, ':before': before },
          },
          limit - found.length,
        )),
      );
    }
    return found;
  }

  /**
   * Removes from a finding's outbox what was delivered, and records the import time. Only what
   * this delivery sent is removed: an event or a Security Hub mark added since stays. `delivered`
   * is the item as the delivery read it (saves a read when it has not changed since).
   */
  async settle(settlement: Settlement, delivered?: FindingRecord): Promise<void> {
    // The item as delivery read it is tried first; a conflict means it changed: read it again.
    let current = delivered;
    for (let attempt = 1; attempt <= MAX_SETTLE_ATTEMPTS; attempt++) {
      if (attempt > 1 || !current) {
        current = (await this.client.send(new GetCommand({ TableName: this.findingsTableName, Key: { findingId: settlement.findingId }, ConsistentRead: true }))).Item as
          | FindingRecord
          | undefined;
      }
      if (!current) return;
      const outbox = remaining(current.integrationOutbox, settlement);
      const sets = ['version = version + :one'];
      const removes: string[] = [];
      const values: Record<string, unknown> = { ':one': 1, ':version': current.version };
      if (isOutboxEmpty(outbox)) removes.push('integrationOutbox', 'integrationPending');
      else {
        sets.push('integrationOutbox = :outbox');
        values[':outbox'] = outbox;
      }
      if (settlement.importedAt) {
        sets.push('securityHubImportedAt = :importedAt');
        values[':importedAt'] = settlement.importedAt;
      }
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.findingsTableName,
            Key: { findingId: settlement.findingId },
            UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: values,
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Error(`finding ${settlement.findingId}: the item kept changing under ${MAX_SETTLE_ATTEMPTS} attempts to clear its delivered integrations`);
  }

  /** Writes the run's delivery counts on its run record (which reconcile has written). */
  async recordRunCounts(runId: string, counts: RunIntegrationCounts): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.runsTableName,
        Key: { runId },
        UpdateExpression: 'SET integrations = :counts',
        ConditionExpression: 'attribute_exists(runId)',
        ExpressionAttributeValues: { ':counts': counts },
      }),
    );
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>, limit = Number.POSITIVE_INFINITY): Promise<FindingRecord[]> {
    const items: FindingRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.findingsTableName, ExclusiveStartKey }));
      items.push(...((page.Items ?? []) as FindingRecord[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && items.length < limit);
    return items.slice(0, limit);
  }
}

function remaining(outbox: IntegrationOutbox | undefined, settlement: Settlement): IntegrationOutbox | undefined {
  if (!outbox) return undefined;
  const events = outbox.events.filter((event) => !settlement.eventIds.has(event.eventId));
  const securityHubDelivered = outbox.securityHub && outbox.securityHub.markId === settlement.securityHubMarkId;
  return {
    events,
    ...(outbox.eventsDropped ? { eventsDropped: outbox.eventsDropped } : {}),
    ...(outbox.securityHub && !securityHubDelivered ? { securityHub: outbox.securityHub } : {}),
  };
}
