/**
 * The delivery-proofs table: the newest delivery each member-region's listing proved, kept between
 * runs so that a proof still inside the evidence window replaces the next run's listing (see
 * DeliveryProofStore). Its own table rather than items in the runs table: its items live as long as
 * the member (not one run's retention), it is read by key in batches of accounts and written once
 * per account per evidence window, and nothing in it must ever appear in `runs list`.
 *
 *   key `proofId` = `BUCKET#ACCOUNT`        → one item per log bucket and member account
 *   attributes `bucket`, `accountId`, and one `region:REGION` per region (ISO-8601 delivery time)
 *   TTL `expiresAt`: PROOF_RETENTION_DAYS after the last write (accounts that left fade away).
 */
import type { TableDesign } from '../findings/table-design';

export const DELIVERY_PROOFS_TABLE: TableDesign = {
  logicalName: 'DeliveryProofsTable',
  partitionKey: { name: 'proofId', type: 'S' },
  globalSecondaryIndexes: [],
  timeToLiveAttribute: 'expiresAt',
};

/** Days an item outlives its last write (a proof is useful for evidenceMaxAgeMinutes, at most 7 days). */
export const PROOF_RETENTION_DAYS = 14;

/** The prefix of an item's per-region attributes. */
export const REGION_ATTRIBUTE_PREFIX = 'region:';

export function proofIdOf(bucket: string, accountId: string): string {
  return `${bucket}#${accountId}`;
}
