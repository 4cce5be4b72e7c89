import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../lambda/checks/evaluate';
import { buildAuditModel } from '../../lambda/checks/model';
import { buildCoverageMap, coverageCell, type CellFacts } from '../../lambda/report/coverage-map';
import type { Snapshot } from '../../lambda/snapshot/types';

const demoOrg = (): Snapshot => JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'demo-org.json'), 'utf8')) as Snapshot;

const HEALTHY_CELL: CellFacts = {
  region: 'us-east-1',
  notStarted: false,
  notEntered: false,
  unreadable: false,
  homeRegionNotEnabled: false,
  optIn: 'enabled',
  noRecentDelivery: false,
  evidence: { time: '2026-11-22T09:41:07.000Z' },
  withinGrace: false,
};

describe('coverageCell', () => {
  it.each<[string, string, Partial<CellFacts>]>([
    ['fresh evidence', 'delivered', {}],
    ['DLV-008 fired', 'stale', { noRecentDelivery: true, evidence: { none: true } }],
    ['ORG-003 fired, even with DLV-008', 'not-enabled', { homeRegionNotEnabled: true, noRecentDelivery: true }],
    ['the account has not enabled the region', 'not-enabled', { optIn: 'not-enabled', evidence: undefined }],
    ['the run never reached the account', 'not-audited', { notStarted: true }],
    ['AUD-001 and no evidence', 'not-audited', { notEntered: true, evidence: undefined }],
    ['AUD-002 for the region and no evidence', 'not-audited', { unreadable: true, evidence: undefined }],
    ['the bucket listing failed', 'not-audited', { evidence: { error: 'AccessDenied' } }],
    ['no evidence read at all', 'not-audited', { evidence: undefined }],
    ['a new account with no file yet', 'grace', { evidence: { none: true }, withinGrace: true }],
  ])('%s → %s', (_, state, facts) => {
    expect(coverageCell({ ...HEALTHY_CELL, ...facts }).state).toBe(state);
  });

  it('AUD-001 does not hide delivery the bucket proves: the bucket is read with its owner\'s credentials', () => {
    expect(coverageCell({ ...HEALTHY_CELL, notEntered: true }).state).toBe('delivered');
    expect(coverageCell({ ...HEALTHY_CELL, notEntered: true, noRecentDelivery: true }).state).toBe('stale');
  });

  it('says why, naming the check that decided', () => {
    expect(coverageCell({ ...HEALTHY_CELL, noRecentDelivery: true }).reason).toContain('DLV-008');
    expect(coverageCell({ ...HEALTHY_CELL, homeRegionNotEnabled: true, region: 'eu-south-2' }).reason).toMatch(/eu-south-2.*ORG-003/);
  });
});

describe('buildCoverageMap', () => {
  it('maps the demo organization: every active account × the regions its trails record', () => {
    // Prepare
    const snapshot = demoOrg();
    const { findings } = evaluate(snapshot);
    // Act
    const map = buildCoverageMap(snapshot, buildAuditModel(snapshot, 24), findings);
    // Assess
    expect(map.regions).toEqual(['eu-south-2', 'us-east-1']);
    const states = Object.fromEntries(map.rows.map((row) => [row.accountId, row.cells.map((cell) => cell.state)]));
    expect(states).toEqual({
      '111111111111': ['delivered', 'delivered'],
      '222222222222': ['delivered', 'stale'],
      '333333333333': ['delivered', 'stale'],
      '444444444444': ['not-audited', 'not-audited'],
      '555555555555': ['not-enabled', 'stale'],
      '666666666666': ['delivered', 'stale'],
      '777777777777': ['grace', 'grace'],
    });
    expect(map.counts).toEqual({ delivered: 5, stale: 4, 'not-enabled': 1, grace: 2, 'not-audited': 2 });
  });

  it('marks every cell of an account the run never started as not audited', () => {
    const snapshot = demoOrg();
    delete snapshot.accountData['333333333333'];
    const map = buildCoverageMap(snapshot, buildAuditModel(snapshot, 24), evaluate(snapshot).findings);
    const row = map.rows.find((r) => r.accountId === '333333333333');
    expect(row?.cells.map((c) => c.state)).toEqual(['not-audited', 'not-audited']);
    expect(row?.cells[0].reason).toMatch(/did not reach/);
  });
});
