import type { CheckDefinition } from '../definition';
import type { CheckFamily } from '../context';
import { CFG_014, evaluateSelfLoggingLoop } from './cfg-014-self-logging-loop';
import { evaluateCloudWatchLogsChecks } from './trail-cloudwatch-logs-checks';
import { evaluateTrailKeyChecks } from './trail-key-checks';
import { evaluateTrailQuotaChecks } from './trail-quota-checks';
import { evaluateTrailSettingChecks } from './trail-setting-checks';
import { evaluateTrailTopicChecks } from './trail-topic-checks';

/**
 * The CFG checks of docs/checks.md: how each organization trail is configured.
 *
 * Only org trails (IsOrganizationTrail, owned by the management account) are evaluated; other
 * trails only count toward CFG-012's quota. Trail-scoped findings are about the trail: account =
 * the trail's owner, region = its home region, resource = its ARN. Findings about a resource the
 * trail names (KMS key, log group, role, topic) are about that resource: account and region from
 * its ARN (region null for an IAM role), resource = its ARN, one finding however many org trails
 * share it, the detail naming them.
 */
const TRAIL_SCOPE = 'Subject: the org trail (its owner account, its home region, its ARN).';

export const TRAIL_CONFIGURATION_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'CFG-001',
    family: 'CFG',
    severity: 'MEDIUM',
    title: 'Log file validation is disabled on the org trail',
    description: `Fires when an org trail has LogFileValidationEnabled false (CIS 3.2). Skipped when the flag was not read. ${TRAIL_SCOPE}`,
    remediation:
      'Without digest files nobody can prove that the log files of org trail {trailArn} were not changed or deleted after delivery. ' +
      'Turn validation on: `aws cloudtrail update-trail --name {trailArn} --region {region} --enable-log-file-validation`.',
  },
  {
    id: 'CFG-002',
    family: 'CFG',
    severity: 'MEDIUM',
    title: 'The org trail does not encrypt logs with a customer managed KMS key',
    description: `Fires when an org trail has no KmsKeyId: its log files are encrypted with SSE-S3 only (CIS 3.5). ${TRAIL_SCOPE}`,
    remediation:
      'With SSE-S3 anyone who may read the bucket may read the organization\'s audit logs; a KMS key adds a second, separately granted permission. ' +
      'Create a symmetric KMS key whose policy allows cloudtrail.amazonaws.com kms:GenerateDataKey* for this trail, then ' +
      '`aws cloudtrail update-trail --name {trailArn} --region {region} --kms-key-id KEY_ARN`.',
  },
  {
    id: 'CFG-003',
    family: 'CFG',
    severity: 'CRITICAL',
    title: 'The org trail\'s KMS key is missing, disabled or pending deletion',
    description:
      'Fires when the KMS key an org trail names does not exist (DescribeKey NotFoundException) or its KeyState is anything but Enabled ' +
      '(Disabled, PendingDeletion, Unavailable …). Subject: the key (the account and region in its ARN, its ARN), one finding per key ' +
      'naming every org trail that uses it. Skipped when the key was not read.',
    remediation:
      'CloudTrail cannot encrypt, and so cannot deliver, the log files of {trails} while key {keyArn} is unusable. ' +
      'If it is pending deletion, cancel that and enable it: `aws kms cancel-key-deletion --key-id {keyArn} --region {keyRegion}` then ' +
      '`aws kms enable-key --key-id {keyArn} --region {keyRegion}`; if it is disabled, enable it with the second command. ' +
      'If it no longer exists, point each trail at a new key: `aws cloudtrail update-trail --name TRAIL_ARN --kms-key-id NEW_KEY_ARN`.',
  },
  {
    id: 'CFG-004',
    family: 'CFG',
    severity: 'HIGH',
    title: 'The KMS key policy does not let CloudTrail encrypt the org trail\'s logs',
    description:
      'Evaluates the key policy against the request CloudTrail makes for each org trail using the key: principal service ' +
      'cloudtrail.amazonaws.com, kms:GenerateDataKey on the key, with kms:EncryptionContext:aws:cloudtrail:arn, aws:SourceArn = the ' +
      'trail ARN and aws:SourceAccount = the management account. Fires when an explicit Deny applies or no Allow does, or when the ' +
      'policy cannot be parsed; the detail names the trails and statements, and any condition operator the auditor does not ' +
      'evaluate. Subject: the key (account and region in its ARN, its ARN). Skipped when the policy was not read or the key is missing (CFG-003).',
    remediation:
      'CloudTrail is refused the data keys it needs to encrypt the log files of {trails}, so delivery fails. ' +
      'Review the policy with `aws kms get-key-policy --key-id {keyArn} --policy-name default --region {keyRegion}` and add a statement allowing ' +
      'principal service cloudtrail.amazonaws.com kms:GenerateDataKey* with StringLike kms:EncryptionContext:aws:cloudtrail:arn ' +
      '`arn:aws:cloudtrail:*:MANAGEMENT_ACCOUNT:trail/*` (and no Deny that matches), then ' +
      '`aws kms put-key-policy --key-id {keyArn} --policy-name default --policy file://key-policy.json --region {keyRegion}`.',
  },
  {
    id: 'CFG-005',
    family: 'CFG',
    severity: 'LOW',
    title: 'The org trail does not send events to CloudWatch Logs',
    description: `Fires when an org trail has no CloudWatchLogsLogGroupArn (CIS 3.4). ${TRAIL_SCOPE}`,
    remediation:
      'Without CloudWatch Logs there are no metric filters or alarms on the organization\'s API activity. Create a log group and a role ' +
      'CloudTrail can assume, then `aws cloudtrail update-trail --name {trailArn} --region {region} ' +
      '--cloud-watch-logs-log-group-arn LOG_GROUP_ARN --cloud-watch-logs-role-arn ROLE_ARN`.',
  },
  {
    id: 'CFG-006',
    family: 'CFG',
    severity: 'HIGH',
    title: 'The CloudWatch Logs role does not let CloudTrail deliver',
    description:
      'For org trails sending events to CloudWatch Logs: fires when the role they name does not exist, when its trust policy does not ' +
      'let principal service cloudtrail.amazonaws.com sts:AssumeRole (with aws:SourceArn = the trail and aws:SourceAccount = the ' +
      'management account in the request), or when its identity policies, together, do not allow logs:CreateLogStream and ' +
      'logs:PutLogEvents on the management account\'s stream `M_CloudTrail_R` and on every member\'s stream `O_A_CloudTrail_R` of ' +
      'the trail\'s log group (R = the trail\'s home region). The detail names the denied actions and, capped, the members. Subject: ' +
      'the role (the account in its ARN, region none, its ARN). Skipped when the role was not read, or when a part could not be ' +
      'read and the rest is fine.',
    remediation:
      'CloudTrail cannot write the events of {trails} to CloudWatch Logs through role {roleArn}. ' +
      'Make sure the role exists and trusts cloudtrail.amazonaws.com: `aws iam update-assume-role-policy --role-name {roleName} --policy-document file://trust.json`; ' +
      'then allow logs:CreateLogStream and logs:PutLogEvents on `arn:aws:logs:REGION:MANAGEMENT_ACCOUNT:log-group:GROUP:log-stream:MANAGEMENT_ACCOUNT_CloudTrail_REGION*` ' +
      'and `…:log-stream:ORGANIZATION_ID_*`: `aws iam put-role-policy --role-name {roleName} --policy-name CloudTrailCloudWatchLogs --policy-document file://policy.json`.',
  },
  {
    id: 'CFG-007',
    family: 'CFG',
    severity: 'HIGH',
    title: 'The org trail\'s CloudWatch Logs log group does not exist',
    description:
      'Fires when the log group an org trail names (CloudWatchLogsLogGroupArn) does not exist. Subject: the log group (the account and ' +
      'region in its ARN, the ARN as the trail gives it), one finding naming every org trail that uses it. Skipped when it was not read.',
    remediation:
      'CloudTrail cannot deliver the events of {trails} to CloudWatch Logs, so metric filters and alarms see nothing. ' +
      'Re-create the log group: `aws logs create-log-group --log-group-name {logGroupName} --region {region}` ' +
      '(and set its retention: `aws logs put-retention-policy --log-group-name {logGroupName} --retention-in-days 365 --region {region}`).',
  },
  {
    id: 'CFG-008',
    family: 'CFG',
    severity: 'HIGH',
    title: 'The org trail does not record all management events',
    description:
      'Fires when the event selectors do not record management events for both reads and writes. Basic selectors: ' +
      'IncludeManagementEvents (default true) with ReadWriteType All, or one ReadOnly and one WriteOnly. Advanced selectors: a ' +
      'selector with eventCategory = Management and no readOnly filter (or two covering true and false). A selector that filters on ' +
      'anything else does not count, except an exclusion of kms.amazonaws.com and/or rdsdata.amazonaws.com (eventSource NotEquals, or ' +
      `ExcludeManagementEventSources), which still counts as full (CIS 3.1). Skipped when the selectors were not read. ${TRAIL_SCOPE}`,
    remediation:
      'Activity missing from the trail cannot be investigated. Record every management event: ' +
      '`aws cloudtrail put-event-selectors --trail-name {trailArn} --region {region} --advanced-event-selectors ' +
      '\'[{"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]\'` ' +
      '(the command replaces every selector: add the data-event selectors you keep to the list).',
  },
  {
    id: 'CFG-009',
    family: 'CFG',
    severity: 'LOW',
    title: 'The org trail records no S3 object-level data events',
    description:
      'Fires when no selector records data events of AWS::S3::Object: a basic selector with a DataResources entry of that Type, or ' +
      `an advanced selector with resources.type Equals AWS::S3::Object (CIS 3.8/3.9). Skipped when the selectors were not read. ${TRAIL_SCOPE}`,
    remediation:
      'Reads and writes of S3 objects (GetObject, PutObject, DeleteObject) are not recorded, so data access cannot be investigated. ' +
      'Add a data-event selector (data events are charged per event): `aws cloudtrail put-event-selectors --trail-name {trailArn} --region {region} ' +
      '--advanced-event-selectors \'[{"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},' +
      '{"Name":"S3 object events","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]\'`.',
  },
  {
    id: 'CFG-010',
    family: 'CFG',
    severity: 'INFORMATIONAL',
    title: 'CloudTrail Insights is not enabled on the org trail',
    description:
      'Fires when Insights does not watch management events: GetInsightSelectors found Insights off (InsightNotEnabledException, or no insight type), ' +
      'or no insight selector has an `EventCategories` that is absent or includes `Management` (`EventCategories: ["Data"]` only watches data events; `[]` reads as absent). ' +
      `When that call was not made or failed, the trail's HasInsightSelectors flag answers; when neither is known it is skipped. ${TRAIL_SCOPE}`,
    remediation:
      'Insights detects unusual API call and error rates (a sign of compromised credentials or broken automation); it is charged per ' +
      'event analysed. `aws cloudtrail put-insight-selectors --trail-name {trailArn} --region {region} --insight-selectors ' +
      '\'[{"InsightType":"ApiCallRateInsight","EventCategories":["Management"]},{"InsightType":"ApiErrorRateInsight","EventCategories":["Management"]}]\'` ' +
      '(add `"Data"` to EventCategories to keep watching data events too).',
  },
  {
    id: 'CFG-011',
    family: 'CFG',
    severity: 'MEDIUM',
    title: 'The multi-region org trail does not include global service events',
    description:
      `Fires when a multi-region org trail has IncludeGlobalServiceEvents false. A single-region trail is evaluated and quiet (ORG-002 covers it). ${TRAIL_SCOPE}`,
    remediation:
      'IAM, STS and CloudFront events are global and are not recorded by org trail {trailArn}. ' +
      '`aws cloudtrail update-trail --name {trailArn} --region {region} --include-global-service-events`.',
  },
  {
    id: 'CFG-012',
    family: 'CFG',
    severity: 'LOW',
    title: 'The account has reached the quota of 5 trails in this region',
    description:
      'Counts the distinct trails an account\'s DescribeTrails (shadow trails included) lists in each region: trails created there, ' +
      'the shadows of the account\'s multi-region trails (a multi-region trail counts in every region) and the shadows of ' +
      'organization trails applied to the account. Fires at 5 or more. Every active account and every region the snapshot read is ' +
      'counted; regions not read or that failed are skipped. Subject: the account and region (resource = the account ID).',
    remediation:
      'Account {accountId} has {count} trails in {region}, the most CloudTrail allows: no trail (not even a replacement org trail) can be ' +
      'added there. List them with `aws cloudtrail describe-trails --region {region}` and delete the ones no longer needed from their ' +
      'home region: `aws cloudtrail delete-trail --name TRAIL_ARN --region HOME_REGION`.',
  },
  {
    id: 'CFG-013',
    family: 'CFG',
    severity: 'MEDIUM',
    title: 'The org trail\'s SNS topic is missing or does not let CloudTrail publish',
    description:
      'For org trails that name an SNS topic: fires when the topic does not exist, or when its policy does not allow principal service ' +
      'cloudtrail.amazonaws.com sns:Publish on the topic with aws:SourceArn = the trail and aws:SourceAccount = the management account ' +
      '(or cannot be parsed). Subject: the topic (the account and region in its ARN, its ARN), one finding naming every org trail ' +
      'that uses it. Skipped when the topic or its Policy attribute was not read.',
    remediation:
      'Notifications of new log files from {trails} are not delivered to topic {topicArn}, so whatever processes them misses files. ' +
      'If the topic is gone, re-create it (`aws sns create-topic --name {topicName} --region {topicRegion}`) or stop naming it ' +
      '(`aws cloudtrail update-trail --name TRAIL_ARN --sns-topic-name ""`); then allow cloudtrail.amazonaws.com SNS:Publish with ' +
      'aws:SourceArn set to the trail: `aws sns set-topic-attributes --topic-arn {topicArn} --attribute-name Policy --attribute-value file://topic-policy.json --region {topicRegion}`.',
  },
];

export const trailConfigurationChecks: CheckFamily = {
  checks: [...TRAIL_CONFIGURATION_CHECKS, CFG_014],
  evaluate(context) {
    evaluateSelfLoggingLoop(context);
    evaluateTrailSettingChecks(context);
    evaluateTrailKeyChecks(context);
    evaluateCloudWatchLogsChecks(context);
    evaluateTrailQuotaChecks(context);
    evaluateTrailTopicChecks(context);
  },
};
