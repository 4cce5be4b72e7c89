/** GRD-004: a resource the org trail names lives in an account outside the organization. */
import { ownEntry } from '../../snapshot/own-entry';
import type { FindingSubject } from '../../findings/finding';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { accountOfArn, regionOfArn } from '../model';
import { inOrganization } from './trail-destinations';

export const GRD_004: CheckDefinition = {
  id: 'GRD-004',
  family: 'GRD',
  severity: 'MEDIUM',
  title: 'The org trail depends on an account outside the organization',
  description:
    "Fires when a resource an org trail names lives in an account that is not in the organization's account list: the KMS key, SNS topic, CloudWatch Logs log group or role (the account in its ARN), " +
    'or the bucket (its `ownerAccountId`, when the snapshot knows it). Judged only when the account list is complete (AUD-004). ' +
    'Finding: account = the outside account, region = the region in the ARN (none for a bucket or role), resource = the bucket name or the ARN.',
  remediation:
    'The organization trail {trails} sends its {kind} to {resource} in account {accountId}, which is not a member of the organization: the organization\'s audit log depends on an account it does not govern. ' +
    'Move the {kind} into an account of the organization (a log archive account) and point the trail at it: `aws cloudtrail update-trail --name {trailArn} {option}`.',
};

interface NamedDestination {
  kind: string;
  option: string;
  resource: string;
  account: string | undefined;
  region: string | null;
}

export function evaluateDestinationsInOrganization(context: EvaluationContext): void {
  if (context.model.accountListGap !== undefined) return;
  const seen = new Set<string>();
  for (const trail of context.model.orgTrails) {
    const described = trail.trail;
    const bucket = described.S3BucketName;
    const candidates: NamedDestination[] = [
      ...(bucket ? [{ kind: 'log bucket', option: '--s3-bucket-name BUCKET', resource: bucket, account: ownEntry(context.snapshot.buckets, bucket)?.ownerAccountId, region: null }] : []),
      ...arnDestination('KMS key', '--kms-key-id KEY_ARN', described.KmsKeyId),
      ...arnDestination('SNS topic', '--sns-topic-name TOPIC_ARN', described.SnsTopicARN),
      ...arnDestination('CloudWatch Logs log group', '--cloud-watch-logs-log-group-arn LOG_GROUP_ARN --cloud-watch-logs-role-arn ROLE_ARN', described.CloudWatchLogsLogGroupArn),
      ...arnDestination('CloudWatch Logs role', '--cloud-watch-logs-log-group-arn LOG_GROUP_ARN --cloud-watch-logs-role-arn ROLE_ARN', described.CloudWatchLogsRoleArn, true),
    ];
    for (const candidate of candidates) {
      if (!candidate.account || seen.has(`${candidate.kind}#${candidate.resource}`)) continue;
      seen.add(`${candidate.kind}#${candidate.resource}`);
      const subject: FindingSubject = { accountId: candidate.account, region: candidate.region, resource: candidate.resource };
      if (inOrganization(context, candidate.account)) {
        context.evaluated('GRD-004', subject);
        continue;
      }
      context.fire('GRD-004', subject, `The ${candidate.kind} ${candidate.resource} named by org trail ${trail.arn} is in account ${candidate.account}, which the organization's account list does not hold.`, {
        trails: trail.arn,
        trailArn: trail.arn,
        kind: candidate.kind,
        resource: candidate.resource,
        accountId: candidate.account,
        option: candidate.option,
      });
    }
  }
}

function arnDestination(kind: string, option: string, arn: string | undefined, global = false): NamedDestination[] {
  if (!arn) return [];
  return [{ kind, option, resource: arn, account: accountOfArn(arn), region: global ? null : (regionOfArn(arn) ?? null) }];
}
