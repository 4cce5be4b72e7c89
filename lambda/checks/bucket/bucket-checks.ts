import { checkBucketPolicy } from './bucket-policy-checks';
import { checkBucketExists, evaluateBucketSettingChecks } from './bucket-setting-checks';
import { trailBuckets } from './bucket-subjects';
import { checkRequesterPays, S3_008 } from './s3-008-requester-pays';
import type { CheckDefinition } from '../definition';
import type { CheckFamily } from '../context';

/**
 * The S3 checks of docs/checks.md: the log bucket of each organization trail, evaluated once per
 * bucket however many org trails share it. Subject of every finding: the account that read the
 * bucket's configuration (`ownerAccountId`, else the trail's owner), region none (bucket names are
 * global), resource = the bucket name. A bucket that could not be read (other than NoSuchBucket) is
 * AUD-003's: its S3 checks are skipped and record no coverage.
 */
const BUCKET_SCOPE = 'Subject: the bucket (the account that read it, else the trail owner; no region; the bucket name).';

export const BUCKET_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'S3-001',
    family: 'S3',
    severity: 'CRITICAL',
    title: 'The org trail\'s S3 bucket does not exist',
    description: `Fires when reading the bucket an org trail names failed with NoSuchBucket. Other read errors are AUD-003's. ${BUCKET_SCOPE}`,
    remediation:
      'No log file of {trails} is being delivered, and anyone may create a bucket of that name and receive the organization\'s logs. ' +
      'Re-create it at once in the log archive account (`aws s3api create-bucket --bucket {bucket}`, plus `--create-bucket-configuration ' +
      'LocationConstraint=REGION` outside us-east-1) with the CloudTrail bucket policy, or point each trail at an existing bucket: ' +
      '`aws cloudtrail update-trail --name TRAIL_ARN --s3-bucket-name BUCKET`.',
  },
  {
    id: 'S3-002',
    family: 'S3',
    severity: 'CRITICAL',
    title: 'The bucket policy does not let CloudTrail deliver the org trail\'s logs',
    description:
      'Evaluates the bucket policy against the requests CloudTrail makes for each org trail delivering to the bucket: principal service ' +
      'cloudtrail.amazonaws.com, s3:GetBucketAcl on the bucket, and s3:PutObject on `PAWSLogs/O/A/CloudTrail/R/x` for every audited ' +
      'account A (management account included), with s3:x-amz-acl = bucket-owner-full-control, aws:SourceArn = the trail, ' +
      'aws:SourceAccount = the management account and aws:SecureTransport = true (the ACL read carries the last three). Fires when ' +
      'any is denied (explicitly or for want of an Allow), when the bucket has no policy, or when the policy cannot be parsed; the ' +
      `detail names the denied action, the accounts (capped) and the statements. ${BUCKET_SCOPE}`,
    remediation:
      'CloudTrail cannot write (some of) the organization\'s log files to {bucket}: they are lost. Review the policy with ' +
      '`aws s3api get-bucket-policy --bucket {bucket}`; allow principal service cloudtrail.amazonaws.com s3:GetBucketAcl on ' +
      '`arn:aws:s3:::{bucket}` and s3:PutObject on {writeResources} with StringEquals s3:x-amz-acl = bucket-owner-full-control and ' +
      'aws:SourceArn = the trail ARN, remove any Deny that matches, then `aws s3api put-bucket-policy --bucket {bucket} --policy file://bucket-policy.json`.',
  },
  {
    id: 'S3-003',
    family: 'S3',
    severity: 'MEDIUM',
    title: 'A lifecycle rule deletes log files sooner than the minimum retention',
    description:
      'Fires when the effective retention of the log objects is below minRetentionDays (default 365). A rule applies when it is Enabled, its prefix overlaps the log prefix ' +
      '`P` + `AWSLogs/` (Filter.Prefix, Filter.And.Prefix or the legacy Prefix; none means the whole bucket; a narrower prefix such as `AWSLogs/o-…/` counts) and it has no tag filter ' +
      '(CloudTrail does not tag log files); object-size filters still apply. On a bucket whose versioning is not Enabled (never enabled or Suspended), the data goes at the smallest ' +
      'Expiration.Days, or on an Expiration.Date at or before capturedAt + minRetentionDays. On a bucket with versioning Enabled a current-version expiry only adds a delete marker: ' +
      'the data goes at the smallest current expiry plus the smallest NoncurrentVersionExpiration.NoncurrentDays of the rules that apply, and never without a noncurrent expiry ' +
      '(a NewerNoncurrentVersions of 1 or more keeps a log file\'s only noncurrent version). A default Object Lock retention of at least minRetentionDays (either mode; Years count 365 days) ' +
      'keeps the data and silences the check. Versioning that could not be read is judged as not Enabled. The detail gives the effective retention and the rules. ' +
      `A bucket without lifecycle configuration is evaluated and quiet. ${BUCKET_SCOPE}`,
    remediation:
      'Audit logs of the organization are deleted before the retention period ({minRetentionDays} days) ends. Read the rules with ' +
      '`aws s3api get-bucket-lifecycle-configuration --bucket {bucket}`, make the current expiry plus the noncurrent expiry at least {minRetentionDays} days ' +
      '(or set a default Object Lock retention that long) and write them back: `aws s3api put-bucket-lifecycle-configuration --bucket {bucket} --lifecycle-configuration file://lifecycle.json`.',
  },
  {
    id: 'S3-004',
    family: 'S3',
    severity: 'MEDIUM',
    title: 'Versioning is not enabled on the log bucket',
    description: `Fires when GetBucketVersioning's Status is not Enabled (Suspended, or never enabled). ${BUCKET_SCOPE}`,
    remediation:
      'A log file that is overwritten or deleted in {bucket} cannot be recovered. ' +
      '`aws s3api put-bucket-versioning --bucket {bucket} --versioning-configuration Status=Enabled`.',
  },
  {
    id: 'S3-005',
    family: 'S3',
    severity: 'LOW',
    title: 'Server access logging is not enabled on the log bucket',
    description: `Fires when GetBucketLogging returns no LoggingEnabled (CIS 3.6). ${BUCKET_SCOPE}`,
    remediation:
      'Reads and deletions of the audit logs in {bucket} leave no trace. Send its access logs to another bucket: ' +
      '`aws s3api put-bucket-logging --bucket {bucket} --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"ACCESS_LOG_BUCKET","TargetPrefix":"{bucket}/"}}\'`.',
  },
  {
    id: 'S3-006',
    family: 'S3',
    severity: 'CRITICAL',
    title: 'The log bucket is public or not protected by Block Public Access',
    description:
      'CRITICAL when GetBucketPolicyStatus reports IsPublic true; otherwise HIGH when the bucket\'s Block Public Access is not fully on ' +
      '(any of BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets false or absent, or no configuration) (CIS 3.3). ' +
      'Only the bucket-level setting is read: an account-level Block Public Access that covers the bucket is not seen, and the HIGH ' +
      `finding may then be covered already. ${BUCKET_SCOPE}`,
    remediation:
      'The organization\'s audit logs in {bucket} may be, or may become, readable by anyone. Check `aws s3api get-bucket-policy-status --bucket {bucket}`, ' +
      'remove public statements and grants, then `aws s3api put-public-access-block --bucket {bucket} --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.',
  },
  {
    id: 'S3-007',
    family: 'S3',
    severity: 'LOW',
    title: 'Nothing protects the log files from deletion',
    description: `Fires when the bucket has neither Object Lock enabled nor versioning MFADelete Enabled. ${BUCKET_SCOPE}`,
    remediation:
      'Anyone allowed to delete objects in {bucket} can erase the audit trail. Enable Object Lock with a default retention: ' +
      '`aws s3api put-object-lock-configuration --bucket {bucket} --object-lock-configuration ' +
      '\'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":{retentionDays}}}}\'` (versioning must be on), ' +
      'or MFA delete as the root user: `aws s3api put-bucket-versioning --bucket {bucket} --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "SERIAL CODE"`.',
  },
];

export const bucketChecks: CheckFamily = {
  checks: [...BUCKET_CHECKS, S3_008],
  evaluate(context) {
    for (const bucket of trailBuckets(context)) {
      if (!checkBucketExists(context, bucket)) continue;
      checkBucketPolicy(context, bucket, bucket.data);
      evaluateBucketSettingChecks(context, bucket, bucket.data);
      checkRequesterPays(context, bucket, bucket.data);
    }
  },
};
