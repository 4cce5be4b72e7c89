import { accountOfArn, type OrgTrail } from '../checks/model';
import { answerOf, type BucketData, type Snapshot, type SnapshotAccount } from '../snapshot/types';

/**
 * The accounts whose guardrails (paths to the root, SCPs and RCPs) the GRD checks and the policy
 * questions judge: the management account, the CloudTrail delegated administrators, and the owners
 * of the org trails' buckets (as read: a bucket that could not be read names no owner) and KMS
 * keys. An account outside a complete account list is left out: GRD-004 speaks of it, and
 * Organizations would only answer ChildNotFoundException.
 */
export function guardrailAccountIds(options: {
  managementAccountId: string;
  delegatedAdministrators: Snapshot['delegatedAdministrators'];
  orgTrails: readonly OrgTrail[];
  buckets: Iterable<BucketData>;
  /** The account list when it is complete; undefined when ListAccounts stopped early. */
  listedAccounts: readonly SnapshotAccount[] | undefined;
}): string[] {
  const { managementAccountId, delegatedAdministrators, orgTrails, buckets, listedAccounts } = options;
  const ids = new Set([managementAccountId]);
  for (const administrator of answerOf(delegatedAdministrators) ?? []) if (administrator.Id) ids.add(administrator.Id);
  for (const bucket of buckets) if (!bucket.error && bucket.ownerAccountId) ids.add(bucket.ownerAccountId);
  for (const { trail } of orgTrails) {
    const keyOwner = accountOfArn(trail.KmsKeyId);
    if (keyOwner) ids.add(keyOwner);
  }
  const members = listedAccounts && new Set(listedAccounts.map((account) => account.Id));
  return [...ids].filter((id) => id === managementAccountId || !members || members.has(id)).sort();
}
