import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { SNAPSHOT_PREFIX } from '../lambda/run/snapshot-evidence';
import { RUN_FILES_PREFIX } from '../lambda/steps/run-files';

/** The steps' files of a run (plan, batches, parts) are only needed while it runs (at most an hour); a week leaves time to look at a failed one. */
export const RUN_FILES_RETENTION_DAYS = 7;

export interface EvidenceBucketProps {
  /** Snapshots (current and noncurrent versions) are deleted this many days after they are written. */
  retentionDays: number;
}

/**
 * Where each run's snapshot goes, gzipped: the evidence behind its findings. Every request on it
 * (who read or overwrote which snapshot, and when) is in its S3 server access logs, kept as long
 * as the snapshots in a second bucket: the organization trail records only bucket-level calls
 * here, not object reads and writes (those would need S3 data events).
 */
export class EvidenceBucket extends Construct {
  /** The key prefix of the snapshots; the function may write only under it. */
  static readonly SNAPSHOT_PREFIX = SNAPSHOT_PREFIX;
  /** The key prefix of the evidence bucket's access logs in the access-log bucket. */
  static readonly ACCESS_LOG_PREFIX = 'evidence-bucket/';
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    // Log delivery is granted through the bucket policy, never an ACL (cdk.json sets this too; set
    // here so the construct does not depend on the app's feature flags).
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      // Server access log delivery writes SSE-S3 objects only.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // With BucketOwnerEnforced, CDK grants log delivery through the bucket policy (logging.s3.amazonaws.com, this account and the evidence bucket only).
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(props.retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    // cdk-nag's S1 does not ask a bucket that receives access logs to log itself.

    this.bucket = new Bucket(this, 'Bucket', {
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: EvidenceBucket.ACCESS_LOG_PREFIX,
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
  }
}
