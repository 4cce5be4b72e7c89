/**
 * A test organization with the v2 guardrail fields (snapshot.md "Additions in v2"): a root with
 * SCPs and RCPs enabled, OUs above the log archive and the CloudTrail delegated administrator, a
 * protective SCP attached to two OUs, and the bucket's request payment.
 *
 *   r-ab12 ── ou-ab12-security ── 222222222222 (log archive, owns the bucket)
 *         └── ou-ab12-workloads ── ou-ab12-prod ── 333333333333 (delegated administrator)
 *         └── 111111111111 (management)
 */
import type { PolicyType } from '@aws-sdk/client-organizations';
import type { Snapshot, SnapshotTargetPolicy } from '../../lambda/snapshot/types';
import { healthyOrg } from './snapshots';

export const ROOT = 'r-ab12';
export const DELEGATED_ADMIN = '333333333333';
export const LOG_ARCHIVE = '222222222222';

const policy = (Id: string, Name: string, Type: PolicyType, statement: object, AwsManaged = false): SnapshotTargetPolicy => ({
  Id,
  Arn: `arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/${String(Type).toLowerCase()}/${Id}`,
  Name,
  Type,
  AwsManaged,
  Content: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
});

export const FULL_AWS_ACCESS = policy('p-FullAWSAccess', 'FullAWSAccess', 'SERVICE_CONTROL_POLICY', { Effect: 'Allow', Action: '*', Resource: '*' }, true);
export const RCP_FULL_AWS_ACCESS = policy('p-RCPFullAWSAccess', 'RCPFullAWSAccess', 'RESOURCE_CONTROL_POLICY', { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, true);
export const PROTECT_LOGS = policy('p-protectlogs1', 'protect-log-bucket', 'SERVICE_CONTROL_POLICY', {
  Effect: 'Deny',
  Action: ['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutLifecycleConfiguration'],
  Resource: 'arn:aws:s3:::org-trail-logs-222222222222',
});
export const PROTECT_TRAIL = policy('p-protecttrail', 'protect-org-trail', 'SERVICE_CONTROL_POLICY', {
  Effect: 'Deny',
  Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:PutInsightSelectors'],
  Resource: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
});

/** The healthy organization with its guardrails recorded. */
export function guardrailOrg(): Snapshot {
  const snapshot = healthyOrg();
  snapshot.delegatedAdministrators = [
    { Id: DELEGATED_ADMIN, Arn: 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/333333333333', Name: 'security-tooling', Status: 'ACTIVE', State: 'ACTIVE', DelegationEnabledDate: '2025-03-01T00:00:00.000Z' },
  ];
  snapshot.roots = [
    {
      Id: ROOT,
      Arn: 'arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-ab12',
      Name: 'Root',
      PolicyTypes: [
        { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
        { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
      ],
    },
  ];
  snapshot.accountPaths = {
    '111111111111': [ROOT],
    [LOG_ARCHIVE]: ['ou-ab12-security', ROOT],
    [DELEGATED_ADMIN]: ['ou-ab12-prod', 'ou-ab12-workloads', ROOT],
  };
  snapshot.targetPolicies = {
    '111111111111': { SERVICE_CONTROL_POLICY: [FULL_AWS_ACCESS], RESOURCE_CONTROL_POLICY: [] },
    [LOG_ARCHIVE]: { SERVICE_CONTROL_POLICY: [FULL_AWS_ACCESS], RESOURCE_CONTROL_POLICY: [] },
    [DELEGATED_ADMIN]: { SERVICE_CONTROL_POLICY: [FULL_AWS_ACCESS], RESOURCE_CONTROL_POLICY: [] },
    'ou-ab12-prod': { SERVICE_CONTROL_POLICY: [FULL_AWS_ACCESS, PROTECT_TRAIL], RESOURCE_CONTROL_POLICY: [] },
    'ou-ab12-security': { SERVICE_CONTROL_POLICY: [FULL_AWS_ACCESS, PROTECT_LOGS], RESOURCE_CONTROL_POLICY: [] },
    'ou-ab12-workloads': { SERVICE_CONTROL_POLICY: [FULL_AWS_ACCESS, PROTECT_TRAIL], RESOURCE_CONTROL_POLICY: [] },
    [ROOT]: { SERVICE_CONTROL_POLICY: [FULL_AWS_ACCESS], RESOURCE_CONTROL_POLICY: [RCP_FULL_AWS_ACCESS] },
  };
  snapshot.buckets![`org-trail-logs-${LOG_ARCHIVE}`]!.requestPayment = 'BucketOwner';
  return snapshot;
}
