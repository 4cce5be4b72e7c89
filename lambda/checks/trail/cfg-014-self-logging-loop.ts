/**
 * CFG-014: the org trail records S3 write data events for the objects of its own log bucket, so
 * every delivery is itself an event, logged and delivered again: a feedback loop that grows the bill.
 */
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import { answerOf, type Jsonified } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import type { OrgTrail } from '../model';
import { bucketArn, logObjectPrefix } from './cloudtrail-requests';
import { S3_OBJECT_RESOURCE_TYPE } from './trail-event-selectors';
import { trailSubject } from './trail-resources';

export const CFG_014: CheckDefinition = {
  id: 'CFG-014',
  family: 'CFG',
  severity: 'LOW',
  title: 'The org trail logs writes to its own log bucket',
  description:
    "Fires when the trail records S3 write data events for the objects of its own log bucket: every log delivery is itself logged and delivered again. " +
    'Basic selectors: a `ReadWriteType` of All (the default) or WriteOnly with an `AWS::S3::Object` data resource whose value covers the log objects ' +
    '(`arn:aws:s3`, `arn:aws:s3:::`, `arn:aws:s3:::BUCKET/`, or a prefix of a log object\'s ARN `arn:aws:s3:::BUCKET/PAWSLogs/…`). ' +
    'Advanced selectors: `eventCategory` = Data, `resources.type` = AWS::S3::Object, no `readOnly` = true, no `eventName` filter that leaves out PutObject, ' +
    'and every `resources.ARN` condition satisfied by a log object\'s ARN (a `NotStartsWith arn:aws:s3:::BUCKET/` excludes them). ' +
    'Skipped when the selectors were not read. Subject: the org trail (its owner account, its home region, its ARN).',
  remediation:
    'Org trail {trailArn} records the writes CloudTrail makes into its own bucket {bucket}, so each delivered log file is logged and delivered again, a loop that multiplies data-event charges. ' +
    'Exclude the bucket from the S3 data-event selector, e.g. add `{"Field":"resources.ARN","NotStartsWith":["arn:{partition}:s3:::{bucket}/"]}` to it: ' +
    '`aws cloudtrail get-event-selectors --trail-name {trailArn} --region {region}`, then `aws cloudtrail put-event-selectors --trail-name {trailArn} --region {region} --advanced-event-selectors file://selectors.json`.',
};

type BasicSelector = Jsonified<EventSelector>;
type AdvancedSelector = Jsonified<AdvancedEventSelector>;
type FieldSelector = Jsonified<AdvancedFieldSelector>;

/** The text operators of an advanced field selector, as predicates on one value. */
const FIELD_OPERATORS = {
  Equals: (value: string, operand: string) => value === operand,
  StartsWith: (value: string, operand: string) => value.startsWith(operand),
  EndsWith: (value: string, operand: string) => value.endsWith(operand),
  NotEquals: (value: string, operand: string) => value !== operand,
  NotStartsWith: (value: string, operand: string) => !value.startsWith(operand),
  NotEndsWith: (value: string, operand: string) => !value.endsWith(operand),
} as const satisfies Record<string, (value: string, operand: string) => boolean>;

/** Whether `value` passes a field selector: a positive operator needs one operand to match, a negated one needs every operand to. */
function fieldAccepts(field: FieldSelector, value: string): boolean {
  return (Object.keys(FIELD_OPERATORS) as (keyof typeof FIELD_OPERATORS)[]).every((operator) => {
    const operands = field[operator] ?? [];
    if (operands.length === 0) return true;
    const test = (operand: string) => FIELD_OPERATORS[operator](value, operand);
    return operator.startsWith('Not') ? operands.every(test) : operands.some(test);
  });
}

/** The log objects of a trail: the tree ARN `arn:P:s3:::BUCKET/PAWSLogs/`, and one object in it. */
interface LogObjects {
  bucket: string;
  partition: string;
  tree: string;
  sample: string;
}

/** A basic data-resource value covers the log objects when it is a prefix of some log object's ARN. */
function basicValueCovers(value: string, logs: LogObjects): boolean {
  if (value === `arn:${logs.partition}:s3`) return true;
  return logs.tree.startsWith(value) || value.startsWith(logs.tree);
}

function basicSelectorLoops(selector: BasicSelector, logs: LogObjects): boolean {
  const readWrite = selector.ReadWriteType ?? 'All';
  if (readWrite !== 'All' && readWrite !== 'WriteOnly') return false;
  return (selector.DataResources ?? []).some(
    (resource) => resource.Type === S3_OBJECT_RESOURCE_TYPE && (resource.Values ?? []).some((value) => basicValueCovers(value, logs)),
  );
}

function advancedSelectorLoops(selector: AdvancedSelector, logs: LogObjects): boolean {
  const fields = selector.FieldSelectors ?? [];
  const named = (name: string) => fields.filter((field) => field.Field === name);
  if (!named('eventCategory').some((field) => (field.Equals ?? []).includes('Data'))) return false;
  if (!named('resources.type').some((field) => (field.Equals ?? []).includes(S3_OBJECT_RESOURCE_TYPE))) return false;
  // readOnly = true keeps reads only; any other readOnly filter still lets writes through.
  if (named('readOnly').some((field) => !fieldAccepts(field, 'false'))) return false;
  if (named('eventName').some((field) => !fieldAccepts(field, 'PutObject'))) return false;
  return named('resources.ARN').every((field) => fieldAccepts(field, logs.sample));
}

function describeLoop(trail: OrgTrail, logs: LogObjects): string | undefined {
  const selectors = answerOf(trail.eventSelectors);
  if (!selectors) return undefined;
  const basic = (selectors.EventSelectors ?? []).findIndex((selector) => basicSelectorLoops(selector, logs));
  if (basic >= 0) return `EventSelectors[${basic}]`;
  const advanced = (selectors.AdvancedEventSelectors ?? []).findIndex((selector) => advancedSelectorLoops(selector, logs));
  if (advanced >= 0) {
    const name = selectors.AdvancedEventSelectors?.[advanced].Name;
    return name ? `advanced selector "${name}"` : `AdvancedEventSelectors[${advanced}]`;
  }
  return '';
}

export function evaluateSelfLoggingLoop(context: EvaluationContext): void {
  const { model } = context;
  for (const trail of model.orgTrails) {
    const bucket = trail.trail.S3BucketName;
    if (!bucket || answerOf(trail.eventSelectors) === undefined) continue;
    const tree = `${bucketArn(model.partition, bucket)}/${logObjectPrefix(trail.trail)}`;
    const sample = `${tree}${model.organizationId ?? 'o-exampleorgid'}/${trail.ownerAccountId}/CloudTrail/${trail.homeRegion}/log.json.gz`;
    const logs = { bucket, partition: model.partition, tree, sample };
    const selector = describeLoop(trail, logs);
    if (selector === undefined) continue;
    const subject = trailSubject(trail);
    if (selector === '') {
      context.evaluated('CFG-014', subject);
      continue;
    }
    context.fire(
      'CFG-014',
      subject,
      `Org trail ${trail.name}'s ${selector} records S3 write data events for objects under ${tree}, where the trail delivers its own log files.`,
      { trailArn: trail.arn, region: trail.homeRegion, bucket, partition: model.partition },
    );
  }
}
