/**
 * The destinations the GRD checks guard: each org trail's bucket (owned by the account that read
 * it, `ownerAccountId`) and KMS key (owned by the account in its ARN), each once.
 */
import type { FindingSubject } from '../../findings/finding';
import { ownEntry } from '../../snapshot/own-entry';
import type { EvaluationContext } from '../context';
import { accountOfArn, regionOfArn, type OrgTrail } from '../model';
import { resourcesNamedBy } from '../trail/trail-resources';

export interface TrailDestination {
  kind: 'bucket' | 'key';
  /** The bucket name or the key ARN as the trail names it. */
  id: string;
  /** The owning account. */
  ownerAccountId: string;
  /** The region its requests are made in (aws:RequestedRegion). */
  region: string;
  trails: OrgTrail[];
  /** account = the owner, region null for the bucket and the key's region, resource = the bucket name or key ARN. */
  subject: FindingSubject;
}

/** Buckets whose owner the snapshot knows, and keys, named by the org trails. */
export function trailDestinations(context: EvaluationContext): TrailDestination[] {
  const destinations: TrailDestination[] = [];
  for (const { id, trails } of resourcesNamedBy(context.model.orgTrails, (trail) => trail.trail.S3BucketName)) {
    const data = ownEntry(context.snapshot.buckets, id);
    const owner = data?.ownerAccountId;
    if (!owner) continue;
    const region = (typeof data?.region === 'string' && data.region) || trails[0].homeRegion;
    destinations.push({ kind: 'bucket', id, ownerAccountId: owner, region, trails, subject: { accountId: owner, region: null, resource: id } });
  }
  for (const { id, trails } of resourcesNamedBy(context.model.orgTrails, (trail) => trail.trail.KmsKeyId)) {
    const owner = accountOfArn(id);
    if (!owner) continue;
    const region = regionOfArn(id) ?? trails[0].homeRegion;
    destinations.push({ kind: 'key', id, ownerAccountId: owner, region, trails, subject: { accountId: owner, region, resource: id } });
  }
  return destinations;
}

/** Whether the organization's (complete) account list holds the account. */
export function inOrganization(context: EvaluationContext, accountId: string): boolean {
  return context.model.auditedAccounts.some((account) => account.Id === accountId) || listedAtAll(context, accountId);
}

function listedAtAll(context: EvaluationContext, accountId: string): boolean {
  const accounts = context.snapshot.accounts;
  return Array.isArray(accounts) && accounts.some((account) => account.Id === accountId);
}
