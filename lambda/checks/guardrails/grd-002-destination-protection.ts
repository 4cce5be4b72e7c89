/** GRD-002: SCPs keep the owner of the log bucket and of the trail's KMS key from deleting or re-policying them. */
import { answerOf } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { bucketArn } from '../trail/cloudtrail-requests';
import { describeUnprotected, scpProtection } from './scp-protection';
import { inOrganization, trailDestinations, type TrailDestination } from './trail-destinations';

export const GRD_002_BUCKET_ACTIONS = ['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutLifecycleConfiguration'] as const;
export const GRD_002_KEY_ACTIONS = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'] as const;

export const GRD_002: CheckDefinition = {
  id: 'GRD-002',
  family: 'GRD',
  severity: 'MEDIUM',
  title: "The log bucket's or key's owner may delete or re-policy it",
  description:
    `Fires when the account that owns the org trail's log bucket (its \`ownerAccountId\`) is not protected by an SCP denying ${GRD_002_BUCKET_ACTIONS.join(', ')} on the bucket, ` +
    `or the account that owns the trail's KMS key (the account in its ARN) is not protected from ${GRD_002_KEY_ACTIONS.join(', ')} on the key; judged like GRD-001 ` +
    "(aws:RequestedRegion the bucket's or key's region). Where the owner is the management account it fires with the detail that SCPs do not apply there. " +
    'An owner outside the organization is GRD-004\'s. Skipped when the policies were not collected; not evaluated where a read failed (AUD-005). ' +
    'Finding: account = the owner, region = none for the bucket and the key\'s region for the key, resource = the bucket name or the key ARN.',
  remediation:
    'Administrators of account {accountId} can run {actions} on {resource}, where the organization\'s audit log is kept: a single compromised role there can delete or blind it. ' +
    '{fix}',
};

const SCP_FIX =
  'Attach an SCP that denies those actions on it to the account or its OU (exempting only the roles that must manage it): ' +
  '`aws organizations create-policy --type SERVICE_CONTROL_POLICY --name protect-audit-log --description "Protect the audit log" --content file://protect-audit-log.json`, ' +
  'then `aws organizations attach-policy --policy-id POLICY_ID --target-id ACCOUNT_OR_OU`.';
const MOVE_FIX =
  'SCPs never bind the management account, so nothing can protect it there: move the log bucket and key to a dedicated log archive account and point the trail at them ' +
  '(`aws cloudtrail update-trail --name TRAIL_ARN --s3-bucket-name NEW_BUCKET --kms-key-id NEW_KEY_ARN`).';

function actionsAndArn(context: EvaluationContext, destination: TrailDestination): { actions: readonly string[]; resource: string } {
  return destination.kind === 'bucket'
    ? { actions: GRD_002_BUCKET_ACTIONS, resource: bucketArn(context.model.partition, destination.id) }
    : { actions: GRD_002_KEY_ACTIONS, resource: destination.id };
}

export function evaluateDestinationProtection(context: EvaluationContext): void {
  // Without the organization's policies (or with ListRoots failed: AUD-005) nothing is concluded, the management account's case included.
  if (answerOf(context.snapshot.roots) === undefined) return;
  for (const destination of trailDestinations(context)) {
    const { actions, resource } = actionsAndArn(context, destination);
    const owner = destination.ownerAccountId;
    const vars = { accountId: owner, resource: destination.id, actions: actions.join(', ') };
    if (owner === context.model.managementAccountId) {
      context.fire('GRD-002', destination.subject, `The ${destination.kind} ${destination.id} is owned by the management account ${owner}, which service control policies never bind: nothing denies ${actions.join(', ')} there.`, { ...vars, fix: MOVE_FIX });
      continue;
    }
    if (!inOrganization(context, owner)) continue; // GRD-004
    const protection = scpProtection(context, owner, actions, resource, destination.region);
    if (protection.kind === 'unknown') continue;
    if (protection.unprotected.length === 0) {
      context.evaluated('GRD-002', destination.subject);
      continue;
    }
    context.fire('GRD-002', destination.subject, `For the ${destination.kind} ${destination.id} in account ${owner}, ${describeUnprotected(protection)}.`, {
      ...vars,
      actions: protection.unprotected.join(', '),
      fix: SCP_FIX,
    });
  }
}
