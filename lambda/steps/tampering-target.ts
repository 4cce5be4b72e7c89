/**
 * What a targeted (tampering) run audits: the org trails the event names, directly (a trail) or
 * through one of their resources (the log bucket, the KMS key), and the findings about exactly
 * those subjects. Everything else is neither opened nor resolved by a targeted run.
 */
import type { EvaluationResult } from '../checks/context';
import type { OrgTrail } from '../checks/model';
import { parseFindingKey } from '../findings/finding';
import type { AuditTrigger } from '../run/trigger';

type TamperingTrigger = Extract<AuditTrigger, { kind: 'TAMPERING' }>;

/** Events whose subject may be gone or is the whole organization: every org trail is audited. */
const ORGANIZATION_WIDE_EVENTS: ReadonlySet<string> = new Set(['DeleteTrail', 'DisableAWSServiceAccess', 'DeregisterDelegatedAdministrator']);

/** The org trails a tampering event concerns (none: the event is about something else). */
export function trailsConcernedBy(trigger: TamperingTrigger, orgTrails: readonly OrgTrail[]): OrgTrail[] {
  if (ORGANIZATION_WIDE_EVENTS.has(trigger.eventName)) return [...orgTrails];
  return orgTrails.filter((orgTrail) => {
    const trail = orgTrail.trail;
    if (trigger.trail && (trigger.trail === orgTrail.arn || trigger.trail === orgTrail.name)) return true;
    if (trigger.bucket && trigger.bucket === trail.S3BucketName) return true;
    if (trigger.key && trail.KmsKeyId && keyMatches(trigger.key, trail.KmsKeyId)) return true;
    return false;
  });
}

/** A key named in an event (key ID or ARN) against the trail's KmsKeyId (an ARN). */
function keyMatches(named: string, trailKeyArn: string): boolean {
  return named === trailKeyArn || trailKeyArn.endsWith(`:key/${named}`) || named.endsWith(`:key/${trailKeyArn.split(':key/')[1] ?? '\0'}`);
}

/** The finding subjects (resources) a targeted run reads: the trails, their resources, and for organization-wide events the organization. */
export function targetedResources(orgTrails: readonly OrgTrail[], organizationId: string | undefined, organizationWide: boolean, partition: string): string[] {
  const resources = new Set<string>();
  for (const { arn, trail } of orgTrails) {
    resources.add(arn);
    for (const named of [trail.KmsKeyId, trail.SnsTopicARN, trail.CloudWatchLogsLogGroupArn, trail.CloudWatchLogsRoleArn]) if (named) resources.add(named);
    if (trail.S3BucketName) {
      resources.add(trail.S3BucketName);
      resources.add(`arn:${partition}:s3:::${trail.S3BucketName}`);
    }
  }
  if (organizationWide && organizationId) resources.add(organizationId);
  return [...resources].sort();
}

export function isOrganizationWide(trigger: TamperingTrigger): boolean {
  return ORGANIZATION_WIDE_EVENTS.has(trigger.eventName);
}

/**
 * The evaluation restricted to the targeted subjects: a finding (and its coverage) is kept when its
 * resource is one of them or lies inside one (a bucket's object prefix). Account-list coverage is
 * off: a targeted run ends nothing because an account is missing from a list it did not read.
 */
export function scopeEvaluation(evaluation: EvaluationResult, resources: readonly string[]): EvaluationResult {
  const inScope = (resource: string) => resources.some((target) => resource === target || resource.startsWith(`${target}/`));
  return {
    findings: evaluation.findings.filter((finding) => inScope(finding.resource)),
    coverage: new Set([...evaluation.coverage].filter((key) => inScope(parseFindingKey(key).resource))),
    accountScope: { auditedAccountIds: evaluation.accountScope.auditedAccountIds, listComplete: false },
  };
}

