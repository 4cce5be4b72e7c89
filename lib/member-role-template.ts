/**
 * The CloudFormation template the StackSet deploys in every member account: the audit role,
 * read-only, trusted only by the audit function's role and only from inside the organization.
 * Plain JSON (no CDK): it travels inline in the StackSet's TemplateBody.
 */
import { MEMBER_ROLE_ACTIONS } from './read-permissions';

/** The template's parameters, filled by the StackSet. */
export const MEMBER_ROLE_PARAMETERS = {
  roleName: 'MemberRoleName',
  auditorRoleArn: 'AuditorRoleArn',
  organizationId: 'OrganizationId',
} as const;

export interface MemberRoleTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters: Record<string, { Type: 'String'; Description: string; AllowedPattern: string }>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, { Value: unknown }>;
}

export function memberRoleTemplate(): MemberRoleTemplate {
  const ref = (name: string) => ({ Ref: name });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'org-trail-auditor: read-only role through which the audit function reads this account\'s CloudTrail configuration.',
    Parameters: {
      [MEMBER_ROLE_PARAMETERS.roleName]: { Type: 'String', Description: 'Name of the audit role', AllowedPattern: '[\\w+=,.@-]{1,64}' },
      [MEMBER_ROLE_PARAMETERS.auditorRoleArn]: { Type: 'String', Description: 'ARN of the audit function\'s role in the management account', AllowedPattern: 'arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+' },
      [MEMBER_ROLE_PARAMETERS.organizationId]: { Type: 'String', Description: 'The organization ID (o-...)', AllowedPattern: 'o-[a-z0-9]{10,32}' },
    },
    Resources: {
      MemberAuditRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: ref(MEMBER_ROLE_PARAMETERS.roleName),
          Description: 'Assumed by the org-trail-auditor audit function to read CloudTrail, S3, KMS, SNS, CloudWatch Logs and IAM configuration. Read-only.',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'AuditFunctionOnly',
                Effect: 'Allow',
                Principal: { AWS: ref(MEMBER_ROLE_PARAMETERS.auditorRoleArn) },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'aws:PrincipalOrgID': ref(MEMBER_ROLE_PARAMETERS.organizationId) } },
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'read-cloudtrail-configuration',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Sid: 'ReadOnly', Effect: 'Allow', Action: [...MEMBER_ROLE_ACTIONS], Resource: '*' }],
              },
            },
          ],
          Tags: [{ Key: 'managed-by', Value: 'org-trail-auditor' }],
        },
      },
    },
    Outputs: { MemberAuditRoleArn: { Value: { 'Fn::GetAtt': ['MemberAuditRole', 'Arn'] } } },
  };
}
