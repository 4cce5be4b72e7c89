/** The run's snapshot, put back together: the plan's, plus every batch's members and delivery evidence. */
import type { MemberBatchResult } from '../collect/member-batch';
import { sortedByKey } from '../collect/management-account-collector';
import type { BucketData, DeliveryEvidence, Snapshot } from '../snapshot/types';

/**
 * Adds the batches' parts to the plan's snapshot. The result is the snapshot a single process would
 * have collected (same keys, same order): accounts a batch did not collect are absent, as they are
 * when a single run stops before them.
 */
export function mergeMemberBatches(planSnapshot: Snapshot, parts: readonly MemberBatchResult[]): Snapshot {
  const accountData = { ...planSnapshot.accountData };
  const evidence = new Map<string, DeliveryEvidence>();
  for (const part of parts) {
    Object.assign(accountData, part.accountData);
    for (const [bucket, byAccount] of Object.entries(part.deliveryEvidence)) {
      const merged = evidence.get(bucket) ?? {};
      Object.assign(merged, byAccount);
      evidence.set(bucket, merged);
    }
  }
  const buckets: Record<string, BucketData> = {};
  for (const [name, data] of Object.entries(planSnapshot.buckets ?? {})) {
    const deliveryEvidence = evidence.get(name);
    buckets[name] = deliveryEvidence ? { ...data, deliveryEvidence: sortedByKey(deliveryEvidence) } : data;
  }
  return { ...planSnapshot, accountData: sortedByKey(accountData), buckets: sortedByKey(buckets) };
}
