/** GRD-001: SCPs keep a CloudTrail delegated administrator from stopping or changing the org trail. */
import { answerOf } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { describeUnprotected, scpProtection } from './scp-protection';

export const GRD_001_ACTIONS = ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:PutInsightSelectors'] as const;

export const GRD_001: CheckDefinition = {
  id: 'GRD-001',
  family: 'GRD',
  severity: 'MEDIUM',
  title: 'A CloudTrail delegated administrator may stop or change the org trail',
  description:
    `For each CloudTrail delegated administrator account (which can manage org trails, and which SCPs do bind) and each org trail: fires when some of ${GRD_001_ACTIONS.join(', ')} ` +
    'on the trail\'s ARN is not denied by an SCP attached to the root, an OU on the account\'s path or the account itself, for `arn:aws:iam::ACCOUNT:role/org-trail-auditor-probe` ' +
    '(a Deny that exempts named break-glass roles still protects) with aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalIsAWSService false, ' +
    "aws:PrincipalType AssumedRole and aws:RequestedRegion the trail's home region. A Deny counts only when it surely applies (an unknown operator makes it not count). " +
    'Fires, saying so, when SERVICE_CONTROL_POLICY is not enabled on the root. Skipped when the organization\'s policies were not collected; not evaluated where a read failed (AUD-005). ' +
    'Finding: account = the delegated administrator, region = none, resource = the trail ARN.',
  remediation:
    'Account {accountId} is a CloudTrail delegated administrator and nothing stops its administrators from running {actions} on the organization trail {trailArn}: one compromised role there can switch off the audit log of every account. ' +
    'Attach an SCP that denies those actions on the trail to the account or its OU (exempting only the roles that must manage the trail), e.g. ' +
    '`aws organizations create-policy --type SERVICE_CONTROL_POLICY --name protect-org-trail --description "Protect the org trail" --content file://protect-org-trail.json` ' +
    'then `aws organizations attach-policy --policy-id POLICY_ID --target-id {accountId}`.',
};

export function evaluateDelegatedAdminTrailProtection(context: EvaluationContext): void {
  const admins = answerOf(context.snapshot.delegatedAdministrators) ?? [];
  for (const admin of admins) {
    const accountId = admin.Id;
    if (!accountId || accountId === context.model.managementAccountId) continue;
    for (const trail of context.model.orgTrails) {
      const protection = scpProtection(context, accountId, GRD_001_ACTIONS, trail.arn, trail.homeRegion);
      if (protection.kind === 'unknown') continue;
      const subject = { accountId, region: null, resource: trail.arn };
      if (protection.unprotected.length === 0) {
        context.evaluated('GRD-001', subject);
        continue;
      }
      context.fire('GRD-001', subject, `For delegated administrator ${accountId} and org trail ${trail.arn}, ${describeUnprotected(protection)}.`, {
        accountId,
        trailArn: trail.arn,
        actions: protection.unprotected.join(', '),
      });
    }
  }
}
