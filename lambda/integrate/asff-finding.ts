/**
 * A finding in the AWS Security Finding Format (ASFF), as BatchImportFindings takes it and as
 * `audit --format asff` prints it. Imported from the management account with the default product
 * ARN (docs/security-hub.md, "Which account a finding belongs to"): `AwsAccountId` is the
 * management account, the audited account is an `AwsAccount` resource.
 *
 * The analyst's fields are never sent: no Workflow, Note, UserDefinedFields or VerificationState
 * (BatchImportFindings cannot update them once the finding exists), and severity and types go in
 * FindingProviderFields, so a severity an analyst changed with BatchUpdateFindings stays theirs.
 */
import { createHash } from 'node:crypto';
import type { AwsSecurityFinding, Partition, Resource } from '@aws-sdk/client-securityhub';
import { CHECKS_BY_ID } from '../checks/catalog';
import type { Finding } from '../findings/finding';
import type { FindingStatus, Suppression } from '../findings/finding-record';
import { textWithin } from './text-limit';

export const ASFF_SCHEMA_VERSION = '2018-10-08';
export const ASFF_PRODUCT_NAME = 'org-trail-auditor';
/** One type for every check: namespace / category / classifier. */
export const ASFF_FINDING_TYPE = 'Software and Configuration Checks/AWS Security Best Practices/CloudTrail Logging';

/** Field limits of AwsSecurityFinding (Security Hub API reference). */
export const ASFF_LIMITS = {
  id: 512,
  title: 256,
  description: 1024,
  recommendationText: 512,
  productFieldValue: 2048,
  resourceId: 512,
  /** The largest finding BatchImportFindings accepts, in bytes. */
  findingBytes: 240 * 1024,
} as const;

/** The finding and the lifecycle Security Hub shows (a CLI audit's findings are OPEN, first seen at capture). */
export interface AsffSource extends Finding {
  findingId: string;
  status: FindingStatus;
  firstSeenAt: string;
  lastSeenAt: string;
  suppression?: Suppression;
}

export interface AsffContext {
  /** `arn:PARTITION:securityhub:REGION:ACCOUNT:product/ACCOUNT/default`. */
  productArn: string;
  /** ISO time of this import: Security Hub keeps the finding 90 days after its latest UpdatedAt. */
  updatedAt: string;
  /** Account names by ID (from the organization), shown on the AwsAccount resource. */
  accountNames?: ReadonlyMap<string, string>;
  /** The check reference page (docs/checks.md as published); each finding links to its check there. */
  checkReferenceUrl?: string;
}

export class ProductArnError extends Error {}

const PRODUCT_ARN = /^arn:(aws|aws-cn|aws-us-gov):securityhub:([a-z0-9-]+):(\d{12}):product\/(\d{12})\/default$/;

/** The default product ARN of an account in a region: the only one a custom integration may import to. */
export function defaultProductArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

/** The partition, region and account of a default product ARN; a ProductArnError when it is not one. */
export function parseProductArn(productArn: string): { partition: Partition; region: string; accountId: string } {
  const match = PRODUCT_ARN.exec(productArn);
  if (!match || match[3] !== match[4]) {
    throw new ProductArnError(`${JSON.stringify(productArn)} is not a default Security Hub product ARN (arn:PARTITION:securityhub:REGION:ACCOUNT:product/ACCOUNT/default)`);
  }
  return { partition: match[1] as Partition, region: match[2] as string, accountId: match[3] as string };
}

export function toAsffFinding(source: AsffSource, context: AsffContext): AwsSecurityFinding {
  const { partition, region, accountId } = parseProductArn(context.productArn);
  const fullId = `org-trail-auditor findings show '${source.findingId}'`;
  const check = CHECKS_BY_ID.get(source.checkId);
  const url = context.checkReferenceUrl && check ? `${context.checkReferenceUrl}#${headingAnchor(`${check.id}: ${check.title}`)}` : undefined;
  const finding: AwsSecurityFinding = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: asffId(source),
    ProductArn: context.productArn,
    ProductName: ASFF_PRODUCT_NAME,
    GeneratorId: source.checkId,
    AwsAccountId: accountId,
    Region: region,
    Types: [ASFF_FINDING_TYPE],
    FirstObservedAt: source.firstSeenAt,
    LastObservedAt: source.lastSeenAt,
    CreatedAt: source.firstSeenAt,
    UpdatedAt: context.updatedAt,
    Title: textWithin(source.title, ASFF_LIMITS.title, fullId),
    Description: textWithin(source.detail, ASFF_LIMITS.description, fullId),
    Remediation: { Recommendation: { Text: textWithin(source.remediation, ASFF_LIMITS.recommendationText, fullId), ...(url ? { Url: url } : {}) } },
    ProductFields: productFields(source),
    Resources: resources(source, partition, context.accountNames),
    Compliance: { Status: source.status === 'RESOLVED' ? 'PASSED' : 'FAILED' },
    RecordState: source.status === 'RESOLVED' ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: { Severity: { Label: source.severity, Original: source.severity }, Types: [ASFF_FINDING_TYPE] },
  };
  return finding;
}

/** The finding's identity; an identity longer than ASFF allows keeps its check and account and a digest of the rest. */
function asffId(source: AsffSource): string {
  if (source.findingId.length <= ASFF_LIMITS.id) return source.findingId;
  const digest = createHash('sha256').update(source.findingId).digest('hex');
  return `${source.checkId}#${source.accountId}#${source.region ?? '-'}#sha256:${digest}`;
}

function productFields(source: AsffSource): Record<string, string> {
  const fields: Record<string, string> = {
    'org-trail-auditor/FindingId': textWithin(source.findingId, ASFF_LIMITS.productFieldValue),
    'org-trail-auditor/Status': source.status,
    'org-trail-auditor/AuditedAccountId': source.accountId,
    'org-trail-auditor/Resource': textWithin(source.resource, ASFF_LIMITS.productFieldValue),
  };
  if (source.region) fields['org-trail-auditor/AuditedRegion'] = source.region;
  if (source.suppression) {
    fields['org-trail-auditor/SuppressedUntil'] = source.suppression.until;
    fields['org-trail-auditor/SuppressionReason'] = textWithin(source.suppression.reason, ASFF_LIMITS.productFieldValue);
  }
  return fields;
}

function resources(source: AsffSource, partition: Partition, accountNames: ReadonlyMap<string, string> | undefined): Resource[] {
  const name = accountNames?.get(source.accountId);
  const account: Resource = {
    Type: 'AwsAccount',
    Id: `AWS::::Account:${source.accountId}`,
    Partition: partition,
    ...(source.region ? { Region: source.region } : {}),
    ...(name ? { Details: { Other: { AccountName: textWithin(name, ASFF_LIMITS.productFieldValue) } } } : {}),
  };
  if (source.resource === source.accountId) return [account];
  return [account, subjectResource(source, partition)];
}

/** The trail, bucket, key … the finding is about, typed when its ARN says what it is. */
function subjectResource(source: AsffSource, partition: Partition): Resource {
  const region = source.region ? { Region: source.region } : {};
  if (source.resource.startsWith('arn:')) {
    return { Type: arnResourceType(source.resource), Id: textWithin(source.resource, ASFF_LIMITS.resourceId), Partition: partition, ...region };
  }
  if (source.checkId.startsWith('S3-')) return { Type: 'AwsS3Bucket', Id: `arn:${partition}:s3:::${source.resource}`, Partition: partition, ...region };
  return { Type: 'Other', Id: textWithin(source.resource, ASFF_LIMITS.resourceId), Partition: partition, ...region };
}

const ARN_RESOURCE_TYPES: readonly (readonly [RegExp, string])[] = [
  [/^arn:[^:]+:cloudtrail:[^:]*:\d*:trail\//, 'AwsCloudTrailTrail'],
  [/^arn:[^:]+:s3:::[^/]+$/, 'AwsS3Bucket'],
  [/^arn:[^:]+:kms:[^:]*:\d*:key\//, 'AwsKmsKey'],
  [/^arn:[^:]+:sns:/, 'AwsSnsTopic'],
  [/^arn:[^:]+:iam::\d*:role\//, 'AwsIamRole'],
];

function arnResourceType(arn: string): string {
  return ARN_RESOURCE_TYPES.find(([pattern]) => pattern.test(arn))?.[1] ?? 'Other';
}

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
