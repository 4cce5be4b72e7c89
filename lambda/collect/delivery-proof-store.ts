/**
 * Proofs of delivery kept between runs in DynamoDB (the table of delivery-proof-table.ts): read in
 * batches before a batch of accounts is collected, written after it for the member-regions whose
 * listing proved a newer delivery. Every write is conditional on being newer than what the item
 * holds, so overlapping runs (a full and a targeted one) keep the newest proof.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runBoundedPool } from '../concurrency/bounded-pool';
import { batchGetAll, DEFAULT_BATCH_RETRY, type BatchRetryOptions } from '../findings/batch-get';
import { PROOF_RETENTION_DAYS, proofIdOf, REGION_ATTRIBUTE_PREFIX } from './delivery-proof-table';
import { ProvenDeliveries, type DeliveryProof } from './prior-evidence';

/** The accounts whose proofs a run reads, for one log bucket each. */
export interface DeliveryProofKey {
  bucket: string;
  accountId: string;
}

export interface ProofsRecorded {
  /** Items updated with every region the run proved. */
  itemsWritten: number;
  /** Regions left as they were because the item already held a proof at least as new. */
  regionsKeptNewer: number;
}

/** Conditional writes in flight at once. */
const WRITE_CONCURRENCY = 16;

export class DeliveryProofStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly batchRetry: BatchRetryOptions = DEFAULT_BATCH_RETRY,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The proofs held for these accounts (BatchGetItem, 100 keys a request, unprocessed keys retried). */
  async read(keys: readonly DeliveryProofKey[]): Promise<ProvenDeliveries> {
    const ids = [...new Set(keys.map((key) => proofIdOf(key.bucket, key.accountId)))];
    const items = await batchGetAll(this.client, this.tableName, ids.map((proofId) => ({ proofId })), this.batchRetry);
    const proofs = new ProvenDeliveries();
    for (const item of items) {
      const { bucket, accountId } = item;
      if (typeof bucket !== 'string' || typeof accountId !== 'string') continue;
      for (const [name, value] of Object.entries(item)) {
        if (name.startsWith(REGION_ATTRIBUTE_PREFIX) && typeof value === 'string') {
          proofs.add({ bucket, accountId, region: name.slice(REGION_ATTRIBUTE_PREFIX.length), deliveredAt: value });
        }
      }
    }
    return proofs;
  }

  /**
   * Keeps the proofs a run's listings made (CollectResult.deliveryProofs): one conditional
   * UpdateItem per account, each region written only if newer than the item's; when another run
   * wrote a newer proof for one of the regions, each region is retried on its own.
   */
  async record(proofs: readonly DeliveryProof[]): Promise<ProofsRecorded> {
    const byItem = new Map<string, { bucket: string; accountId: string; regions: Map<string, string> }>();
    for (const proof of proofs) {
      const time = Date.parse(proof.deliveredAt);
      if (Number.isNaN(time)) continue;
      const id = proofIdOf(proof.bucket, proof.accountId);
      let item = byItem.get(id);
      if (!item) byItem.set(id, (item = { bucket: proof.bucket, accountId: proof.accountId, regions: new Map() }));
      const iso = new Date(time).toISOString();
      const held = item.regions.get(proof.region);
      if (held === undefined || held < iso) item.regions.set(proof.region, iso);
    }
    const result: ProofsRecorded = { itemsWritten: 0, regionsKeptNewer: 0 };
    await runBoundedPool({
      items: byItem.values(),
      concurrency: WRITE_CONCURRENCY,
      work: async ({ bucket, accountId, regions }) => {
        if (await this.writeNewer(bucket, accountId, [...regions])) {
          result.itemsWritten++;
          return;
        }
        let keptAll = true;
        for (const region of regions) {
          if (await this.writeNewer(bucket, accountId, [region])) keptAll = false;
          else result.regionsKeptNewer++;
        }
        if (!keptAll) result.itemsWritten++;
      },
    });
    return result;
  }

  /** One UpdateItem that sets every region given, if each is newer than the item's; false when one is not. */
  private async writeNewer(bucket: string, accountId: string, regions: readonly [string, string][]): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, string | number> = {
      ':bucket': bucket,
      ':accountId': accountId,
      ':expiresAt': Math.floor(this.clock().getTime() / 1000) + PROOF_RETENTION_DAYS * 86_400,
    };
    const sets = ['#bucket = :bucket', '#accountId = :accountId', '#expiresAt = :expiresAt'];
    const conditions: string[] = [];
    Object.assign(names, { '#bucket': 'bucket', '#accountId': 'accountId', '#expiresAt': 'expiresAt' });
    regions.forEach(([region, deliveredAt], index) => {
      names[`#r${index}`] = `${REGION_ATTRIBUTE_PREFIX}${region}`;
      values[`:r${index}`] = deliveredAt;
      sets.push(`#r${index} = :r${index}`);
      conditions.push(`(attribute_not_exists(#r${index}) OR #r${index} < :r${index})`);
    });
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { proofId: proofIdOf(bucket, accountId) },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
