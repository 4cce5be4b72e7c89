/** The stack's output keys: the CLI and the runbooks read the deployed names from them. */
import { TABLE_NAME_OUTPUTS } from '../lambda/findings/table-design';

export const STACK_OUTPUTS = {
  findingsTableName: TABLE_NAME_OUTPUTS.findings,
  runsTableName: TABLE_NAME_OUTPUTS.runs,
  alertTopicArn: 'AlertTopicArn',
  healthTopicArn: 'HealthTopicArn',
  evidenceBucketName: 'EvidenceBucketName',
  auditFunctionName: 'AuditFunctionName',
  stateMachineArn: 'AuditStateMachineArn',
  memberRoleName: 'MemberRoleName',
} as const;
