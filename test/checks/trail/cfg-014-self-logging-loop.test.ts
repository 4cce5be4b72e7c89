import { evaluate } from '../../../lambda/checks/evaluate';
import { findingKey } from '../../../lambda/findings/finding';
import type { ListedSnapshot, SnapshotEventSelectors } from '../../../lambda/snapshot/types';
import { healthyOrg } from '../../support/snapshots';

const M = '111111111111';
const TRAIL = `arn:aws:cloudtrail:us-east-1:${M}:trail/org-trail`;
const BUCKET = 'org-trail-logs-222222222222';
const SUBJECT = { accountId: M, region: 'us-east-1', resource: TRAIL };
const MANAGEMENT = { Name: 'Management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const S3_DATA = [
  { Field: 'eventCategory', Equals: ['Data'] },
  { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
];

function withSelectors(selectors: Omit<SnapshotEventSelectors, 'TrailARN'>, prefix?: string): ListedSnapshot {
  const snapshot = healthyOrg();
  const home = snapshot.accountData[M].regionData!['us-east-1'];
  home.eventSelectors![TRAIL] = { TrailARN: TRAIL, ...selectors };
  if (prefix !== undefined) for (const trail of home.trails ?? []) if (trail.TrailARN === TRAIL) trail.S3KeyPrefix = prefix;
  return snapshot;
}

function cfg014(snapshot: ListedSnapshot) {
  const result = evaluate(snapshot);
  return { fired: result.findings.filter((finding) => finding.checkId === 'CFG-014'), covered: result.coverage.has(findingKey({ checkId: 'CFG-014', ...SUBJECT })) };
}

describe('CFG-014 the trail logs writes to its own bucket', () => {
  it.each([
    { name: 'every S3 object, advanced', fields: S3_DATA, fires: true },
    { name: 'the bucket excluded by NotStartsWith', fields: [...S3_DATA, { Field: 'resources.ARN', NotStartsWith: [`arn:aws:s3:::${BUCKET}/`] }], fires: false },
    { name: 'reads only', fields: [...S3_DATA, { Field: 'readOnly', Equals: ['true'] }], fires: false },
    { name: 'writes only', fields: [...S3_DATA, { Field: 'readOnly', Equals: ['false'] }], fires: true },
    { name: 'eventName without PutObject', fields: [...S3_DATA, { Field: 'eventName', Equals: ['DeleteObject'] }], fires: false },
    { name: 'eventName with PutObject', fields: [...S3_DATA, { Field: 'eventName', Equals: ['DeleteObject', 'PutObject'] }], fires: true },
    { name: 'eventName NotEquals PutObject', fields: [...S3_DATA, { Field: 'eventName', NotEquals: ['PutObject'] }], fires: false },
    { name: 'another bucket only', fields: [...S3_DATA, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::data-bucket/'] }], fires: false },
    { name: 'its own bucket named', fields: [...S3_DATA, { Field: 'resources.ARN', StartsWith: [`arn:aws:s3:::${BUCKET}/`] }], fires: true },
    { name: 'management events only', fields: MANAGEMENT.FieldSelectors, fires: false },
  ])('advanced: $name → fires $fires', ({ fields, fires }) => {
    const { fired, covered } = cfg014(withSelectors({ AdvancedEventSelectors: [MANAGEMENT, { Name: 'S3', FieldSelectors: fields }] }));
    expect(fired.length).toBe(fires ? 1 : 0);
    expect(covered).toBe(true);
  });

  it.each([
    { values: ['arn:aws:s3'], readWrite: undefined, fires: true },
    { values: ['arn:aws:s3:::'], readWrite: 'All', fires: true },
    { values: [`arn:aws:s3:::${BUCKET}/`], readWrite: 'WriteOnly', fires: true },
    { values: [`arn:aws:s3:::${BUCKET}/`], readWrite: 'ReadOnly', fires: false },
    { values: [`arn:aws:s3:::${BUCKET}/AWSLogs/`], readWrite: 'All', fires: true },
    { values: [`arn:aws:s3:::${BUCKET}/AWSLogs/o-a1b2c3d4e5/222222222222/`], readWrite: 'All', fires: true },
    { values: [`arn:aws:s3:::${BUCKET}/reports/`], readWrite: 'All', fires: false },
    { values: ['arn:aws:s3:::data-bucket/'], readWrite: 'All', fires: false },
  ] as const)('basic: $values ($readWrite) → fires $fires', ({ values, readWrite, fires }) => {
    const selector = { ReadWriteType: readWrite, IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: [...values] }] };
    const { fired } = cfg014(withSelectors({ EventSelectors: [selector] }));
    expect(fired.length).toBe(fires ? 1 : 0);
  });

  it("compares with the trail's key prefix: logs under ct/ are not covered by a selector on reports/", () => {
    const selector = { ReadWriteType: 'All' as const, DataResources: [{ Type: 'AWS::S3::Object', Values: [`arn:aws:s3:::${BUCKET}/ct/`] }] };
    expect(cfg014(withSelectors({ EventSelectors: [selector] }, 'ct')).fired).toHaveLength(1);
    expect(cfg014(withSelectors({ EventSelectors: [selector] }, 'other')).fired).toHaveLength(0);
  });

  it('names the selector, the bucket and a filled-in command', () => {
    const { fired } = cfg014(withSelectors({ AdvancedEventSelectors: [MANAGEMENT, { Name: 'All S3 writes', FieldSelectors: S3_DATA }] }));
    expect(fired[0].detail).toContain('advanced selector "All S3 writes"');
    expect(fired[0].remediation).toContain(`"NotStartsWith":["arn:aws:s3:::${BUCKET}/"]`);
    expect(fired[0].remediation).toContain(`aws cloudtrail put-event-selectors --trail-name ${TRAIL} --region us-east-1`);
  });

  it('is skipped when the selectors were not read', () => {
    const snapshot = healthyOrg();
    delete snapshot.accountData[M].regionData!['us-east-1'].eventSelectors;
    expect(cfg014(snapshot)).toEqual({ fired: [], covered: false });
  });
});
