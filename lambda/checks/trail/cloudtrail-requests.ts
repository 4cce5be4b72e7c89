/**
 * The requests CloudTrail itself makes to deliver an organization trail's logs, as policy
 * questions (docs/checks.md "Policy questions"): S3-002, CFG-004, CFG-006 and CFG-013 ask whether
 * a policy would allow them.
 *
 * Names follow the catalog: `T` the org trail's ARN, `M` the management account, `O` the
 * organization ID, `R` the trail's home region, `P` the trail's S3 key prefix followed by `/`.
 */
import { accountRegionFolder, keyPrefixFolder, logTreePrefix } from '../../cloudtrail-log-keys';
import type { ContextValue, PolicyRequest, RequestPrincipal } from '../../policy/types';
import type { SnapshotTrail } from '../../snapshot/types';

export const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';

const CLOUDTRAIL_PRINCIPAL: RequestPrincipal = { service: CLOUDTRAIL_SERVICE };

/** The trail and organization a request is made for. */
export interface TrailDelivery {
  partition: string;
  /** T */
  trailArn: string;
  /** M: the account that owns the org trail. */
  managementAccountId: string;
  /** R */
  homeRegion: string;
  /** O, when DescribeOrganization was read. */
  organizationId?: string;
  /** `aws:SourceOrgPaths`: M's path `O/ROOT/…/`, when the snapshot holds it (see AuditModel.organizationPath). */
  sourceOrgPath?: string;
  /** The KMS key ARN as the trail names it, for the SSE-KMS headers of S3-002's write. */
  kmsKeyId?: string;
}

/** `P`: the trail's S3KeyPrefix followed by `/`, or empty when it has none. */
export function trailKeyPrefix(trail: SnapshotTrail): string {
  return keyPrefixFolder(trail.S3KeyPrefix);
}

/** `PAWSLogs/`: where every log and digest file of the trail is written in its bucket. */
export function logObjectPrefix(trail: SnapshotTrail): string {
  return logTreePrefix(trail.S3KeyPrefix);
}

/**
 * The global keys AWS sets on every request a service principal makes for a resource
 * (CHECKS.md "Policy questions"): a policy written to AWS's data-perimeter patterns ("deny unless
 * aws:PrincipalIsAWSService", "deny unless aws:SourceOrgID is ours") must read as allowing it.
 * `aws:SourceOrgID` / `aws:SourceOrgPaths` are absent when the snapshot does not know them.
 */
export function servicePrincipalContext(delivery: TrailDelivery): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    'aws:SecureTransport': true,
    'aws:PrincipalIsAWSService': true,
    'aws:PrincipalServiceName': CLOUDTRAIL_SERVICE,
    'aws:SourceAccount': delivery.managementAccountId,
    'aws:SourceArn': delivery.trailArn,
  };
  if (delivery.organizationId) context['aws:SourceOrgID'] = delivery.organizationId;
  if (delivery.sourceOrgPath) context['aws:SourceOrgPaths'] = [delivery.sourceOrgPath];
  return context;
}

export function bucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/** S3-002: CloudTrail reads the bucket ACL before it writes. */
export function bucketAclRequest(delivery: TrailDelivery, bucket: string): PolicyRequest {
  return {
    principal: CLOUDTRAIL_PRINCIPAL,
    action: 's3:GetBucketAcl',
    resource: bucketArn(delivery.partition, bucket),
    context: servicePrincipalContext(delivery),
  };
}

/** The key of a log file of `accountId`: `PAWSLogs/O/A/CloudTrail/R/x`. */
export function logObjectKey(trail: SnapshotTrail, organizationId: string, accountId: string, region: string): string {
  return `${accountRegionFolder(trail.S3KeyPrefix, organizationId, accountId, region, 'logs')}x`;
}

/** S3-002: CloudTrail writes a log file of `accountId` into the bucket. */
export function bucketWriteRequest(
  delivery: TrailDelivery,
  trail: SnapshotTrail,
  bucket: string,
  organizationId: string,
  accountId: string,
): PolicyRequest {
  return {
    principal: CLOUDTRAIL_PRINCIPAL,
    action: 's3:PutObject',
    resource: `${bucketArn(delivery.partition, bucket)}/${logObjectKey(trail, organizationId, accountId, delivery.homeRegion)}`,
    context: {
      ...servicePrincipalContext(delivery),
      's3:x-amz-acl': 'bucket-owner-full-control',
      // A trail with a KMS key writes with SSE-KMS: "deny uploads without SSE-KMS" must not block it.
      ...(delivery.kmsKeyId
        ? { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': delivery.kmsKeyId }
        : {}),
    },
  };
}

/** CFG-004: CloudTrail asks the trail's KMS key for a data key to encrypt a log file. */
export function keyEncryptRequest(delivery: TrailDelivery, keyArn: string): PolicyRequest {
  return {
    principal: CLOUDTRAIL_PRINCIPAL,
    action: 'kms:GenerateDataKey',
    resource: keyArn,
    context: { ...servicePrincipalContext(delivery), 'kms:EncryptionContext:aws:cloudtrail:arn': delivery.trailArn },
  };
}

/** CFG-006: CloudTrail assumes the CloudWatch Logs role (with the global keys of a service principal's request). */
export function logsRoleAssumeRequest(delivery: TrailDelivery, roleArn: string): PolicyRequest {
  return { principal: CLOUDTRAIL_PRINCIPAL, action: 'sts:AssumeRole', resource: roleArn, context: servicePrincipalContext(delivery) };
}

/** The management account's log stream: `M_CloudTrail_R`. */
export function managementLogStreamName(delivery: TrailDelivery): string {
  return `${delivery.managementAccountId}_CloudTrail_${delivery.homeRegion}`;
}

/** A member's log stream: `O_A_CloudTrail_R`. */
export function memberLogStreamName(delivery: TrailDelivery, organizationId: string, accountId: string): string {
  return `${organizationId}_${accountId}_CloudTrail_${delivery.homeRegion}`;
}

/** `arn:…:log-group:GROUP:log-stream:STREAM`, from the log group ARN as the trail gives it (with or without `:*`). */
export function logStreamArn(logGroupArn: string, stream: string): string {
  return `${logGroupArn.replace(/:\*$/, '')}:log-stream:${stream}`;
}

export const LOG_STREAM_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

/**
 * CFG-006: what the role's identity policies must allow for one stream: create it and put events
 * into it. Identity policies name no principal; the role's session makes these calls.
 */
export function logStreamRequests(logGroupArn: string, stream: string): PolicyRequest[] {
  const resource = logStreamArn(logGroupArn, stream);
  return LOG_STREAM_ACTIONS.map((action) => ({ action, resource, context: {} }));
}

/** CFG-013: CloudTrail publishes a delivery notification to the trail's topic. */
export function topicPublishRequest(delivery: TrailDelivery, topicArn: string): PolicyRequest {
  return { principal: CLOUDTRAIL_PRINCIPAL, action: 'sns:Publish', resource: topicArn, context: servicePrincipalContext(delivery) };
}
