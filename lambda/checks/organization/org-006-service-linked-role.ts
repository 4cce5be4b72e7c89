/** ORG-006: CloudTrail's service-linked role is missing. */
import { answerOf } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { cloudTrailServiceLinkedRoleArn } from './org-resource-policy';

export const ORG_006: CheckDefinition = {
  id: 'ORG-006',
  family: 'ORG',
  severity: 'HIGH',
  title: "CloudTrail's service-linked role is missing",
  description:
    'The service-linked role `AWSServiceRoleForCloudTrail` does not exist in the management account (iam:GetRole answered NoSuchEntity). ' +
    'Finding: account = the management account, region = none, resource = the role ARN.',
  remediation:
    'The management account {accountId} has no AWSServiceRoleForCloudTrail role, which CloudTrail uses to run organization trails. ' +
    'Create it from the management account with `aws iam create-service-linked-role --aws-service-name cloudtrail.amazonaws.com`.',
};

export function evaluateServiceLinkedRole(ctx: EvaluationContext): void {
  const accountId = ctx.model.managementAccountId;
  const role = ctx.model.accountData(accountId)?.cloudTrailServiceLinkedRole;
  const subject = { accountId, region: null, resource: cloudTrailServiceLinkedRoleArn(ctx.model.partition, accountId) };
  if (role === null) {
    ctx.fire('ORG-006', subject, `iam:GetRole AWSServiceRoleForCloudTrail in the management account ${accountId} found no such role.`, { accountId });
  } else if (answerOf(role)) {
    ctx.evaluated('ORG-006', subject);
  }
}
