/**
 * What a trail's event selectors record (CFG-008, CFG-009), read from GetEventSelectors.
 *
 * A trail has either basic selectors (`EventSelectors`) or advanced ones (`AdvancedEventSelectors`).
 * Management events are "fully recorded" when reads and writes are both recorded by selectors that
 * filter nothing else out, except the two high-volume sources CloudTrail itself offers to exclude:
 * `kms.amazonaws.com` and `rdsdata.amazonaws.com`. Reads and writes may come from two selectors
 * (one `ReadOnly`, one `WriteOnly`): together they are full.
 */
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import type { Jsonified, SnapshotEventSelectors } from '../../snapshot/types';

/** The event sources whose exclusion still counts as recording all management events. */
export const EXCLUDABLE_MANAGEMENT_SOURCES: ReadonlySet<string> = new Set(['kms.amazonaws.com', 'rdsdata.amazonaws.com']);

export const S3_OBJECT_RESOURCE_TYPE = 'AWS::S3::Object';

export interface ManagementEventCoverage {
  reads: boolean;
  writes: boolean;
  /** Why a selector that names management events does not count in full (for the finding's detail). */
  limitations: string[];
}

type BasicSelector = Jsonified<EventSelector>;
type AdvancedSelector = Jsonified<AdvancedEventSelector>;
type FieldSelector = Jsonified<AdvancedFieldSelector>;

const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;

/** Which management events the selectors record, reads and writes, with what limits them. */
export function managementEventCoverage(selectors: SnapshotEventSelectors): ManagementEventCoverage {
  const coverage: ManagementEventCoverage = { reads: false, writes: false, limitations: [] };
  (selectors.EventSelectors ?? []).forEach((selector, index) => addBasic(coverage, selector, `EventSelectors[${index}]`));
  (selectors.AdvancedEventSelectors ?? []).forEach((selector, index) =>
    addAdvanced(coverage, selector, selector.Name ? `"${selector.Name}"` : `AdvancedEventSelectors[${index}]`),
  );
  return coverage;
}

/** Whether any selector records data events for S3 objects (`AWS::S3::Object`). */
export function recordsS3ObjectDataEvents(selectors: SnapshotEventSelectors): boolean {
  const basic = (selectors.EventSelectors ?? []).some((selector) =>
    (selector.DataResources ?? []).some((resource) => resource.Type === S3_OBJECT_RESOURCE_TYPE),
  );
  const advanced = (selectors.AdvancedEventSelectors ?? []).some((selector) =>
    (selector.FieldSelectors ?? []).some((field) => field.Field === 'resources.type' && (field.Equals ?? []).includes(S3_OBJECT_RESOURCE_TYPE)),
  );
  return basic || advanced;
}

function addBasic(coverage: ManagementEventCoverage, selector: BasicSelector, name: string): void {
  // IncludeManagementEvents and ReadWriteType default to true and All (CloudTrail API reference).
  if (selector.IncludeManagementEvents === false) return;
  const excluded = (selector.ExcludeManagementEventSources ?? []).filter((source) => !EXCLUDABLE_MANAGEMENT_SOURCES.has(source));
  if (excluded.length > 0) {
    coverage.limitations.push(`${name} excludes management events from ${excluded.join(', ')}`);
    return;
  }
  const readWrite = selector.ReadWriteType ?? 'All';
  if (readWrite === 'All' || readWrite === 'ReadOnly') coverage.reads = true;
  if (readWrite === 'All' || readWrite === 'WriteOnly') coverage.writes = true;
  if (readWrite !== 'All') coverage.limitations.push(`${name} records ${readWrite} management events only`);
}

function addAdvanced(coverage: ManagementEventCoverage, selector: AdvancedSelector, name: string): void {
  const fields = selector.FieldSelectors ?? [];
  const category = fields.find((field) => field.Field === 'eventCategory');
  if (!category || !(category.Equals ?? []).includes('Management')) return;

  for (const field of fields) {
    if (field.Field === 'eventCategory' || field.Field === 'readOnly') continue;
    if (field.Field === 'eventSource' && excludesOnlyExcludableSources(field)) continue;
    coverage.limitations.push(`${name} filters management events on ${describeField(field)}`);
    return;
  }

  const readOnly = fields.find((field) => field.Field === 'readOnly');
  const recorded = readOnly ? readOnlyValuesRecorded(readOnly) : { reads: true, writes: true };
  if (readOnly) coverage.limitations.push(`${name} filters management events on ${describeField(readOnly)}`);
  coverage.reads ||= recorded.reads;
  coverage.writes ||= recorded.writes;
}

function excludesOnlyExcludableSources(field: FieldSelector): boolean {
  const used = OPERATORS.filter((operator) => (field[operator] ?? []).length > 0);
  return used.length === 1 && used[0] === 'NotEquals' && (field.NotEquals ?? []).every((source) => EXCLUDABLE_MANAGEMENT_SOURCES.has(source));
}

/** Which of reads (`readOnly = true`) and writes (`readOnly = false`) a readOnly field keeps. */
function readOnlyValuesRecorded(field: FieldSelector): { reads: boolean; writes: boolean } {
  const keeps = (value: 'true' | 'false'): boolean => {
    const has = (operator: (typeof OPERATORS)[number]) => (field[operator] ?? []).some((v) => v.toLowerCase() === value);
    if ((field.Equals ?? []).length > 0 && !has('Equals')) return false;
    if (has('NotEquals')) return false;
    // StartsWith / EndsWith on a boolean field: read conservatively as not recording it.
    return !OPERATORS.some((operator) => operator !== 'Equals' && operator !== 'NotEquals' && (field[operator] ?? []).length > 0);
  };
  return { reads: keeps('true'), writes: keeps('false') };
}

function describeField(field: FieldSelector): string {
  const parts = OPERATORS.filter((operator) => (field[operator] ?? []).length > 0).map(
    (operator) => `${operator} ${(field[operator] ?? []).join(', ')}`,
  );
  return `${field.Field} (${parts.join('; ')})`;
}
