import { answerOf, isFailed, type SnapshotTrailStatus } from '../../snapshot/types';
import { wasEntered } from '../audit-account-access';
import type { CheckFamily, EvaluationContext } from '../context';
import type { CheckDefinition, RemediationVars } from '../definition';
import { accountRegionFolder, evidenceWindowOpening, logTreePrefix } from '../../cloudtrail-log-keys';
import { trailStatusIn, type OrgTrail } from '../model';
import { ownEntry } from '../../snapshot/own-entry';

const GET_TRAIL_STATUS = 'aws cloudtrail get-trail-status --name {trailArn} --region {region}';

const DEFINITIONS: readonly CheckDefinition[] = [
  {
    id: 'DLV-001',
    family: 'DLV',
    severity: 'CRITICAL',
    title: 'Organization trail is not logging',
    description:
      "The owner's (management account's) GetTrailStatus of an org trail, read in the trail's home region, has `IsLogging` false. " +
      'Finding: account = the trail owner, region = the home region, resource = the trail ARN. Not evaluated when the status could not be read.',
    remediation:
      'The organization trail {trail} is stopped: no account of the organization is recording API activity, and what happens now cannot be recovered later. ' +
      'Start it from the management account with `aws cloudtrail start-logging --name {trailArn} --region {region}`, then look for the StopLogging event to learn who stopped it.',
  },
  {
    id: 'DLV-002',
    family: 'DLV',
    severity: 'CRITICAL',
    title: 'Log files are not reaching the S3 bucket',
    description:
      "`LatestDeliveryError` of an org trail's status is non-empty, in the owner's view (home region) or in a member's view of the trail in its home region. " +
      "Finding: account = the account whose view showed the error (the owner, or the member), region = the trail's home region, resource = the trail ARN. " +
      "A member view that omits the field is healthy (members' views never carry delivery fields).",
    remediation:
      'CloudTrail cannot write the log files of {trail} to the bucket {bucket} ({error}), so events are being lost. ' +
      'The bucket policy must allow `cloudtrail.amazonaws.com` `s3:PutObject` on `arn:aws:s3:::{bucket}/{logPrefix}*` for this trail (aws:SourceArn {trailArn}), and a KMS-encrypted trail needs its key policy to allow it too; ' +
      `check the bucket exists and its policy with \`aws s3api get-bucket-policy --bucket {bucket}\`, then confirm with \`${GET_TRAIL_STATUS}\`.`,
  },
  {
    id: 'DLV-003',
    family: 'DLV',
    severity: 'HIGH',
    title: 'Events are not reaching CloudWatch Logs',
    description:
      '`LatestCloudWatchLogsDeliveryError` of an org trail\'s status is non-empty, in the owner\'s view or in a member\'s view. Account, region and resource as for DLV-002.',
    remediation:
      'CloudTrail cannot deliver the events of {trail} to the CloudWatch Logs group {logGroup} ({error}): metric filters and alarms on that group see nothing. ' +
      'The role {cloudWatchLogsRole} must trust `cloudtrail.amazonaws.com` and allow `logs:CreateLogStream` and `logs:PutLogEvents` on the group\'s streams (the management account\'s and the members\' `<orgId>_*` streams); ' +
      `inspect it with \`aws iam get-role --role-name {cloudWatchLogsRoleName}\`, then confirm with \`${GET_TRAIL_STATUS}\`.`,
  },
  {
    id: 'DLV-004',
    family: 'DLV',
    severity: 'MEDIUM',
    title: 'Delivery notifications are not reaching the SNS topic',
    description:
      '`LatestNotificationError` of an org trail\'s status is non-empty (e.g. `AuthorizationError` from the topic policy), in the owner\'s view or in a member\'s view. Account, region and resource as for DLV-002.',
    remediation:
      'CloudTrail cannot publish the log-delivery notifications of {trail} to the topic {topic} ({error}), so whatever processes new log files is not told about them. ' +
      'The topic policy must allow `cloudtrail.amazonaws.com` `sns:Publish` with aws:SourceArn {trailArn}; see the current one with `aws sns get-topic-attributes --topic-arn {topic}`, ' +
      `then confirm with \`${GET_TRAIL_STATUS}\`.`,
  },
  {
    id: 'DLV-005',
    family: 'DLV',
    severity: 'HIGH',
    title: 'Integrity digest files are not being delivered',
    description:
      '`LatestDigestDeliveryError` of an org trail\'s status is non-empty, in the owner\'s view or in a member\'s view. Account, region and resource as for DLV-002.',
    remediation:
      'CloudTrail cannot write the digest files of {trail} to the bucket {bucket} ({error}): log file validation can no longer prove the logs were not altered or deleted. ' +
      'The bucket policy (and the KMS key policy, if the trail uses one) must allow CloudTrail to write under `{logPrefix}`; ' +
      `check with \`aws s3api get-bucket-policy --bucket {bucket}\`, then confirm with \`${GET_TRAIL_STATUS}\`.`,
  },
  {
    id: 'DLV-006',
    family: 'DLV',
    severity: 'HIGH',
    title: 'Log file delivery is stale',
    description:
      "In the owner's view, the org trail is logging but `LatestDeliveryTime` is absent or older than `deliveryStaleMinutes` (default 120) before the snapshot's capturedAt " +
      '(exactly at the limit is not stale). Finding: account = the trail owner, region = the home region, resource = the trail ARN. A trail that is not logging is DLV-001 instead.',
    remediation:
      'The organization trail {trail} says it is logging, but its last log file reached the bucket {bucket} {lastDelivery}: events since then may be missing. ' +
      `Look for a delivery error with \`${GET_TRAIL_STATUS}\` and check the bucket policy with \`aws s3api get-bucket-policy --bucket {bucket}\` (and the KMS key policy if the trail uses one).`,
  },
  {
    id: 'DLV-007',
    family: 'DLV',
    severity: 'MEDIUM',
    title: 'CloudWatch Logs delivery is stale',
    description:
      "In the owner's view, the org trail is logging and names a CloudWatch Logs group (`CloudWatchLogsLogGroupArn`), but `LatestCloudWatchLogsDeliveryTime` is absent or older than " +
      '`deliveryStaleMinutes` (default 120) before capturedAt. Account, region and resource as for DLV-006.',
    remediation:
      'The organization trail {trail} last delivered events to the CloudWatch Logs group {logGroup} {lastDelivery}: alarms on that group are blind since then. ' +
      `Look for a CloudWatch Logs delivery error with \`${GET_TRAIL_STATUS}\` and check the role {cloudWatchLogsRole} with \`aws iam get-role --role-name {cloudWatchLogsRoleName}\`.`,
  },
  {
    id: 'DLV-008',
    family: 'DLV',
    severity: 'HIGH',
    title: 'No recent delivery evidence for a member region',
    description:
      "For each member and region the snapshot holds delivery evidence for (the org trail's bucket, `deliveryEvidence[account][region]`, the delivery time of the newest file the collector found): " +
      'fires when the bucket holds no file for it (null) or that delivery time is before the window. A file\'s delivery time is the one CloudTrail writes into its key ' +
      '(`…_YYYYMMDDTHHmmZ_…` for a log file, to the minute; `…_YYYYMMDDTHHmmssZ.json.gz` for a digest, to the second), and the window starts at capturedAt − `evidenceMaxAgeMinutes` (default 180) ' +
      'truncated to the whole minute, so a log file named in the window\'s first minute is inside it. Backfill digests (`…_backfill.json.gz`) are not evidence. ' +
      'Files are looked for under `AWSLogs/<orgId>/<account>/CloudTrail-Digest/<region>/` when the trail validates log files, else under `.../CloudTrail/<region>/`. ' +
      'Members only (the management account\'s delivery is DLV-006\'s). It fires even for a member whose audit role could not be assumed, since the bucket is read elsewhere, ' +
      'but fresh evidence counts as evaluated (and so resolves an open DLV-008) only for a member the run entered; ' +
      'not raised for an account that joined less than `newAccountGraceHours` ago; an evidence listing that failed is not evaluated. ' +
      'Finding: account = the member, region = the evidence region, resource = the bucket name.',
    remediation:
      'No CloudTrail file from account {accountId} in {region} reached `s3://{bucket}/{evidencePrefix}` within the last {maxAgeMinutes} minutes, so that account and region are probably not being recorded. ' +
      `From the account, check that it sees the organization trail and its status with \`aws cloudtrail get-trail-status --name {trailArn} --region {region}\`, ` +
      'and see what did arrive with `aws s3 ls s3://{bucket}/{evidencePrefix} --recursive`.',
  },
];

/** The status fields that report a failed delivery, and the check that each one raises. */
const DELIVERY_ERROR_FIELDS = [
  ['DLV-002', 'LatestDeliveryError'],
  ['DLV-003', 'LatestCloudWatchLogsDeliveryError'],
  ['DLV-004', 'LatestNotificationError'],
  ['DLV-005', 'LatestDigestDeliveryError'],
] as const satisfies readonly (readonly [string, keyof SnapshotTrailStatus])[];

/** The DLV checks of docs/checks.md: is each org trail delivering, and is each member's delivery proven? */
export const deliveryChecks: CheckFamily = {
  checks: DEFINITIONS,
  evaluate(ctx) {
    for (const trail of ctx.model.orgTrails) {
      evaluateOwnerView(ctx, trail);
      evaluateMemberViews(ctx, trail);
      evaluateDeliveryEvidence(ctx, trail);
    }
  },
};

/** DLV-001..007 on the authoritative status: the owner's, read in the home region. */
function evaluateOwnerView(ctx: EvaluationContext, trail: OrgTrail): void {
  const status = answerOf(trail.status);
  if (!status) return;
  const subject = { accountId: trail.ownerAccountId, region: trail.homeRegion, resource: trail.arn };
  const vars = trailVars(trail);

  if (status.IsLogging === false) {
    ctx.fire('DLV-001', subject, `IsLogging is false in the owner's view (account ${trail.ownerAccountId}, ${trail.homeRegion})${stoppedSince(status)}.`, vars);
  } else if (status.IsLogging === true) {
    ctx.evaluated('DLV-001', subject);
  }

  evaluateDeliveryErrors(ctx, trail, status, trail.ownerAccountId, `the owner's view (account ${trail.ownerAccountId})`);

  if (status.IsLogging === undefined) return;
  evaluateFreshness(ctx, 'DLV-006', subject, status.IsLogging, status.LatestDeliveryTime, 'log file', vars);
  if (trail.trail.CloudWatchLogsLogGroupArn) {
    evaluateFreshness(ctx, 'DLV-007', subject, status.IsLogging, status.LatestCloudWatchLogsDeliveryTime, 'CloudWatch Logs delivery', vars);
  } else {
    ctx.evaluated('DLV-007', subject);
  }
}

/** DLV-002..005 on each member's own view of the trail (in the trail's home region). */
function evaluateMemberViews(ctx: EvaluationContext, trail: OrgTrail): void {
  for (const member of ctx.model.members) {
    const accountId = member.Id as string;
    if (!wasEntered(ctx.model, accountId)) continue;
    const status = answerOf(trailStatusIn(ctx.model.regionData(accountId, trail.homeRegion), trail.arn));
    if (!status) continue;
    evaluateDeliveryErrors(ctx, trail, status, accountId, `the view of member ${accountId}`);
  }
}

function evaluateDeliveryErrors(ctx: EvaluationContext, trail: OrgTrail, status: SnapshotTrailStatus, accountId: string, view: string): void {
  const subject = { accountId, region: trail.homeRegion, resource: trail.arn };
  for (const [checkId, field] of DELIVERY_ERROR_FIELDS) {
    const error = status[field];
    if (typeof error === 'string' && error.trim() !== '') {
      ctx.fire(checkId, subject, `${field} is "${error}" in ${view} of ${trail.arn} (${trail.homeRegion}).`, { ...trailVars(trail), error });
    } else {
      // An absent field is never a fault: members' views always omit it, the owner's omits it when there is no error.
      ctx.evaluated(checkId, subject);
    }
  }
}

function evaluateFreshness(
  ctx: EvaluationContext,
  checkId: 'DLV-006' | 'DLV-007',
  subject: { accountId: string; region: string; resource: string },
  isLogging: boolean,
  latest: string | undefined,
  what: string,
  vars: RemediationVars,
): void {
  const limit = ctx.settings.deliveryStaleMinutes;
  const age = ctx.minutesBefore(latest);
  if (!isLogging || (age !== undefined && age <= limit)) {
    ctx.evaluated(checkId, subject);
    return;
  }
  const lastDelivery = age === undefined ? (latest ? `at an unreadable time ("${latest}")` : 'never (no delivery time is reported)') : `at ${latest}, ${wholeMinutes(age)} minutes before the audit`;
  const observed = age === undefined ? `no readable latest ${what} time (${latest === undefined ? 'absent' : `"${latest}"`})` : `latest ${what} at ${latest}, ${wholeMinutes(age)} minutes before capturedAt`;
  ctx.fire(checkId, subject, `The trail is logging but reports ${observed}; the limit is ${limit} minutes.`, { ...vars, lastDelivery });
}

/** DLV-008: every member-region the bucket's evidence covers must have a recent file. */
function evaluateDeliveryEvidence(ctx: EvaluationContext, trail: OrgTrail): void {
  const bucket = trail.trail.S3BucketName;
  const evidence = bucket ? ownEntry(ctx.snapshot.buckets, bucket)?.deliveryEvidence : undefined;
  if (!bucket || !evidence) return;
  const limit = ctx.settings.evidenceMaxAgeMinutes;
  const organizationId = ctx.model.organizationId ?? '<orgId>';
  const baseVars = { ...trailVars(trail), maxAgeMinutes: String(limit) };
  const fire = (accountId: string, region: string, observed: (location: string) => string) => {
    // The digest folder when the trail validates log files (a digest arrives every hour even without
    // activity), else the log folder.
    const files = trail.trail.LogFileValidationEnabled === true ? 'digests' : 'logs';
    const evidencePrefix = accountRegionFolder(trail.trail.S3KeyPrefix, organizationId, accountId, region, files);
    const location = `s3://${bucket}/${evidencePrefix}`;
    ctx.fire('DLV-008', { accountId, region, resource: bucket }, observed(location), { ...baseVars, accountId, region, evidencePrefix });
  };

  for (const member of ctx.model.members) {
    const accountId = member.Id as string;
    const byRegion = ownEntry(evidence, accountId);
    if (!byRegion || ctx.model.isWithinGrace(member)) continue;
    for (const region of Object.keys(byRegion).sort()) {
      const latest = ownEntry(byRegion, region);
      if (latest === undefined || isFailed(latest)) continue; // the listing failed: nothing to conclude
      if (latest === null) {
        fire(accountId, region, (location) => `${location} holds no file delivered within the last ${limit} minutes.`);
        continue;
      }
      const delivered = Date.parse(latest);
      if (Number.isNaN(delivered)) continue; // an unreadable timestamp proves nothing either way
      const age = (ctx.now - delivered) / 60_000;
      if (delivered < evidenceWindowOpening(new Date(ctx.now), limit).getTime()) {
        fire(accountId, region, (location) => `The newest file under ${location} was delivered at ${latest}, ${wholeMinutes(age)} minutes before capturedAt; the limit is ${limit} minutes.`);
      } else if (wasEntered(ctx.model, accountId)) {
        // Fresh evidence resolves an open DLV-008 only for an account this run entered: the
        // findings of an account the auditor could not enter (or did not reach) stay open.
        ctx.evaluated('DLV-008', { accountId, region, resource: bucket });
      }
    }
  }
}

/** The names every DLV remediation may use, from the trail as its owner describes it. */
function trailVars(trail: OrgTrail): Record<string, string> {
  const described = trail.trail;
  const roleArn = described.CloudWatchLogsRoleArn;
  return {
    trail: trail.name,
    trailArn: trail.arn,
    region: trail.homeRegion,
    bucket: described.S3BucketName ?? '(no bucket named)',
    logPrefix: logTreePrefix(described.S3KeyPrefix),
    logGroup: described.CloudWatchLogsLogGroupArn ?? '(no log group named)',
    cloudWatchLogsRole: roleArn ?? '(no role named)',
    cloudWatchLogsRoleName: roleArn?.split('/').pop() ?? 'ROLE_NAME',
    topic: described.SnsTopicARN ?? '(no topic named)',
  };
}

function stoppedSince(status: SnapshotTrailStatus): string {
  const stopped = status.StopLoggingTime ?? (status.TimeLoggingStopped || undefined);
  return stopped ? `; logging stopped at ${stopped}` : '';
}

function wholeMinutes(minutes: number): number {
  return Math.floor(minutes);
}
