import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SNAPSHOT_PREFIX } from '../lambda/handler/snapshot-evidence';
import { RUN_FILES_PREFIX } from '../lambda/steps/run-files';

/** The steps' files of a run (plan, batches, parts) are only needed while it runs (at most an hour); a week leaves time to look at a failed one. */
export const RUN_FILES_RETENTION_DAYS = 7;
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';

export interface EvidenceBucketProps {
  /** Snapshots (current and noncurrent versions) are deleted this many days after they are written. */
  retentionDays: number;
}

/** Where each run's snapshot goes, gzipped: the evidence behind its findings. */
export class EvidenceBucket extends Construct {
  /** The key prefix of the snapshots; the function may write only under it. */
  static readonly SNAPSHOT_PREFIX = SNAPSHOT_PREFIX;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-snapshots',
          prefix: EvidenceBucket.SNAPSHOT_PREFIX,
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(props.retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'expire-run-files',
          prefix: RUN_FILES_PREFIX,
          expiration: Duration.days(RUN_FILES_RETENTION_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    acknowledgeAwsSolutionsFinding(
      this.bucket,
      'AwsSolutions-S1',
      'Only the audit steps write here (snapshots/ and their own run files under runs/), the run files are read only by the run that wrote them, versioned and retained; the organization trail records the API activity on the bucket, so a second access-log bucket would add cost without new evidence.',
    );
  }
}
