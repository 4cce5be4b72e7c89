import type { OrgTrail } from '../checks/model';

/** What member collection needs to know of an organization trail. */
export interface OrgTrailTarget {
  arn: string;
  name: string;
  homeRegion: string;
  multiRegion: boolean;
  bucketName: string | undefined;
  /** The trail's S3KeyPrefix, without a trailing slash; undefined when none. */
  keyPrefix: string | undefined;
  /** Log file validation on: digests arrive hourly and are the delivery evidence. */
  validatesLogFiles: boolean;
}

export function orgTrailTargetOf(orgTrail: OrgTrail): OrgTrailTarget {
  const trail = orgTrail.trail;
  return {
    arn: orgTrail.arn,
    name: orgTrail.name,
    homeRegion: orgTrail.homeRegion,
    multiRegion: trail.IsMultiRegionTrail === true,
    bucketName: trail.S3BucketName,
    keyPrefix: trail.S3KeyPrefix ? trail.S3KeyPrefix.replace(/\/+$/, '') : undefined,
    validatesLogFiles: trail.LogFileValidationEnabled === true,
  };
}
