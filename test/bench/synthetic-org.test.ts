import { evaluate } from '../../lambda/checks/evaluate';
import { parseSnapshot } from '../../lambda/snapshot/load-snapshot';
import { DEFAULT_COMMERCIAL_REGIONS, syntheticMemberId, syntheticOrganization } from '../../bench/synthetic-org';

describe('syntheticOrganization', () => {
  it('builds a snapshot that validates against the schema', () => {
    const snapshot = syntheticOrganization({ members: 20, faults: { unreachableMembers: 1, uncoveredMembers: 1, unreadableMembers: 1, staleEvidence: 3 } });
    expect(() => parseSnapshot(JSON.stringify(snapshot), 'synthetic')).not.toThrow();
  });

  it('has the members, 17 default regions each, and evidence for every account-region', () => {
    const snapshot = syntheticOrganization({ members: 20 });
    expect(DEFAULT_COMMERCIAL_REGIONS).toHaveLength(17);
    expect(snapshot.accounts).toHaveLength(21);
    const evidence = Object.values(snapshot.buckets!)[0].deliveryEvidence!;
    expect(Object.keys(evidence)).toHaveLength(21);
    expect(Object.keys(evidence[syntheticMemberId(20)]).sort()).toEqual([...DEFAULT_COMMERCIAL_REGIONS].sort());
  });

  it('is healthy without faults, and raises exactly the seeded faults', () => {
    expect(evaluate(syntheticOrganization({ members: 20 })).findings).toEqual([]);
    const faulty = syntheticOrganization({ members: 20, faults: { unreachableMembers: 2, uncoveredMembers: 1, unreadableMembers: 1, staleEvidence: 3 } });
    const counts: Record<string, number> = {};
    for (const finding of evaluate(faulty).findings) counts[finding.checkId] = (counts[finding.checkId] ?? 0) + 1;
    expect(counts).toEqual({ 'AUD-001': 2, 'ORG-009': 1, 'AUD-002': 1, 'DLV-008': 3 });
  });

  it('is deterministic, and refuses impossible fault counts', () => {
    expect(syntheticOrganization({ members: 5 })).toEqual(syntheticOrganization({ members: 5 }));
    expect(() => syntheticOrganization({ members: 3, faults: { unreachableMembers: 3 } })).toThrow('only 2 members can be faulty');
    expect(() => syntheticOrganization({ members: 0 })).toThrow('members: expected a whole number of at least 1');
  });
});
