/**
 * The log buckets org trails deliver to, each once (several org trails may share one), with what
 * the snapshot holds about it and the subject of its S3 findings.
 *
 * A bucket finding is about: the account whose credentials read the bucket (`ownerAccountId`),
 * else the owner of the first org trail naming it; region null (bucket names are global, so the
 * finding's identity does not change with what GetBucketLocation answered); resource = the name.
 */
import { ownEntry } from '../../snapshot/own-entry';
import type { FindingSubject } from '../../findings/finding';
import type { BucketData } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { OrgTrail } from '../model';
import { resourcesNamedBy } from '../trail/trail-resources';

export interface TrailBucket {
  name: string;
  /** The org trails delivering to it, sorted by ARN. */
  trails: OrgTrail[];
  /** undefined when the bucket was not collected. */
  data: BucketData | undefined;
  subject: FindingSubject;
}

export function trailBuckets(context: EvaluationContext): TrailBucket[] {
  return resourcesNamedBy(context.model.orgTrails, (trail) => trail.trail.S3BucketName).map(({ id, trails }) => {
    const data = ownEntry(context.snapshot.buckets, id);
    return {
      name: id,
      trails,
      data,
      subject: { accountId: data?.ownerAccountId ?? trails[0].ownerAccountId, region: null, resource: id },
    };
  });
}
