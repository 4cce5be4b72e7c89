import { asListedSnapshot, UnlistedSnapshotError } from '../../lambda/snapshot/listed-snapshot';
import type { Snapshot } from '../../lambda/snapshot/types';
import { healthyOrg } from '../support/snapshots';

const FAILED = { error: { code: 'ThrottlingException' } };

describe('asListedSnapshot', () => {
  it('returns a snapshot whose lists were all read', () => {
    const snapshot = healthyOrg();
    expect(asListedSnapshot(snapshot)).toBe(snapshot);
  });

  it.each<[string, (snapshot: Snapshot) => void, string]>([
    ['accounts', (s) => (s.accounts = FAILED), 'accounts'],
    ['regionData', (s) => (s.accountData['333333333333'].regionData = FAILED), 'accountData.333333333333.regionData'],
    ['trails', (s) => ((s.accountData['333333333333'].regionData as Record<string, { trails?: unknown }>)['us-east-1'].trails = FAILED), 'accountData.333333333333.regionData.us-east-1.trails'],
    ['trailStatus', (s) => ((s.accountData['111111111111'].regionData as Record<string, { trailStatus?: unknown }>)['us-east-1'].trailStatus = FAILED), 'accountData.111111111111.regionData.us-east-1.trailStatus'],
  ])('names the list recorded as {error}: %s', (_name, mutate, where) => {
    const snapshot: Snapshot = healthyOrg();
    mutate(snapshot);
    expect(() => asListedSnapshot(snapshot)).toThrow(new UnlistedSnapshotError(`the snapshot records ${where} as {error}`));
  });
});
