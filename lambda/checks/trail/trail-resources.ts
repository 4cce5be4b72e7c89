/**
 * The resources org trails name (bucket, KMS key, SNS topic, log group, CloudWatch Logs role),
 * each once: several org trails may share one, and a check about the resource raises one finding
 * for it, naming every trail it affects.
 */
import type { FindingSubject } from '../../findings/finding';
import type { TrailDelivery } from './cloudtrail-requests';
import { accountOfArn, regionOfArn, type AuditModel, type OrgTrail } from '../model';

/** A resource named by one or more org trails. */
export interface NamedResource {
  /** The ARN (or bucket name) as the trails give it. */
  id: string;
  /** The org trails that name it, sorted by ARN. */
  trails: OrgTrail[];
}

/** Groups org trails by the resource `nameOf` reads from each; trails naming none are left out. */
export function resourcesNamedBy(trails: readonly OrgTrail[], nameOf: (trail: OrgTrail) => string | undefined): NamedResource[] {
  const byId = new Map<string, OrgTrail[]>();
  for (const trail of trails) {
    const id = nameOf(trail);
    if (!id) continue;
    const group = byId.get(id);
    if (group) group.push(trail);
    else byId.set(id, [trail]);
  }
  return [...byId]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, named]) => ({ id, trails: [...named].sort((a, b) => (a.arn < b.arn ? -1 : 1)) }));
}

/**
 * The subject of a finding about an ARN-named resource: the account and region in its ARN (region
 * null for IAM, which has none), falling back to the first trail's owner when the ARN has no account.
 */
export function resourceSubject(resource: NamedResource): FindingSubject {
  return {
    accountId: accountOfArn(resource.id) ?? resource.trails[0].ownerAccountId,
    region: regionOfArn(resource.id) ?? null,
    resource: resource.id,
  };
}

/** The subject of a trail-scoped finding: the trail's owner, its home region and its ARN. */
export function trailSubject(trail: OrgTrail): FindingSubject {
  return { accountId: accountOfArn(trail.arn) ?? trail.ownerAccountId, region: trail.homeRegion, resource: trail.arn };
}

/** The trails' ARNs as a comma-separated list, for remediation text. */
export function trailArnList(trails: readonly OrgTrail[]): string {
  return trails.map((trail) => trail.arn).join(', ');
}

/** Looks a log group up by the ARN the trail gives, with or without the trailing `:*`. */
export function lookupLogGroup<T>(table: Readonly<Record<string, T>> | undefined, arn: string): T | undefined {
  if (!table) return undefined;
  const bare = arn.replace(/:\*$/, '');
  for (const candidate of [arn, bare, `${bare}:*`]) {
    if (Object.prototype.hasOwnProperty.call(table, candidate)) return table[candidate];
  }
  return undefined;
}

/** What CloudTrail's requests for this trail carry (see cloudtrail-requests.ts). */
export function trailDelivery(trail: OrgTrail, model: AuditModel): TrailDelivery {
  return {
    partition: model.partition,
    trailArn: trail.arn,
    managementAccountId: trail.ownerAccountId,
    homeRegion: trail.homeRegion,
    organizationId: model.organizationId,
    sourceOrgPath: model.organizationPath(trail.ownerAccountId),
    kmsKeyId: trail.trail.KmsKeyId,
  };
}
