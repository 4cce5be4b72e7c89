import { isFailed, type ListedSnapshot, type Snapshot } from './types';

/** A snapshot handed to code that needs every list read, holding a list recorded as `{error}`. */
export class UnlistedSnapshotError extends Error {
  override name = 'UnlistedSnapshotError';
}

/**
 * The snapshot as a ListedSnapshot, after checking that no list was recorded as `{error}`
 * (`accounts`, an account's `regionData`, a region's `trails` or trail status map). Throws
 * UnlistedSnapshotError naming the first one that was.
 */
export function asListedSnapshot(snapshot: Snapshot): ListedSnapshot {
  if (isFailed(snapshot.accounts)) throw new UnlistedSnapshotError('the snapshot records accounts as {error}');
  for (const [accountId, data] of Object.entries(snapshot.accountData ?? {})) {
    const regions = data.regionData;
    if (isFailed(regions)) throw new UnlistedSnapshotError(`the snapshot records accountData.${accountId}.regionData as {error}`);
    for (const [region, regionData] of Object.entries(regions ?? {})) {
      for (const list of ['trails', 'trailStatus'] as const) {
        if (isFailed(regionData[list])) throw new UnlistedSnapshotError(`the snapshot records accountData.${accountId}.regionData.${region}.${list} as {error}`);
      }
    }
  }
  return snapshot as ListedSnapshot;
}
