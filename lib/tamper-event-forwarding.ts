/**
 * What the member StackSet adds to its template so that the accounts owning the log bucket and the
 * trail's other resources (the key) forward their tampering events to the management account's
 * default bus, where the tampering rule starts a targeted run: an EventBridge rule with the same
 * pattern, and the role it needs (a target bus trusting the organization rather than the account
 * requires a RoleArn). Created under the member role template's own resource-owner condition
 * (the log archive account and `trailResourceAccountIds`), so the accounts that grant a trail
 * resource's reads are exactly those that forward its events; every other member gets nothing of
 * it, and with no resource owner configured (everything in the management account, whose own rule
 * sees the events) nothing is added. Plain JSON, like the template it joins.
 */
import { MEMBER_ROLE_TEMPLATE_NAMES } from './member-role-template';
import { tamperingEventPattern } from './tampering-event-pattern';

export const TAMPER_FORWARDING_PARAMETERS = {
  managementEventBusArn: 'ManagementEventBusArn',
} as const;

const CONDITION = MEMBER_ROLE_TEMPLATE_NAMES.resourceOwnerCondition;

interface TemplateWithParameters {
  Parameters: Record<string, unknown>;
  Resources: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
}

/**
 * The template with the bus parameter (always declared: the StackSet always passes it) and, where
 * the template has resource owners, the forwarding rule and its role under their condition.
 */
export function withTamperEventForwarding<T extends TemplateWithParameters>(template: T): T {
  const ref = (name: string) => ({ Ref: name });
  const bus = ref(TAMPER_FORWARDING_PARAMETERS.managementEventBusArn);
  const withParameter: T = {
    ...template,
    Parameters: {
      ...template.Parameters,
      [TAMPER_FORWARDING_PARAMETERS.managementEventBusArn]: {
        Type: 'String',
        Description: "The management account's default event bus, where the auditor's tampering rule listens",
        AllowedPattern: 'arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/default',
      },
    },
  };
  if (template.Conditions?.[CONDITION] === undefined) return withParameter;
  return {
    ...withParameter,
    Resources: {
      ...template.Resources,
      TamperingEventForwardingRole: {
        Type: 'AWS::IAM::Role',
        Condition: CONDITION,
        Properties: {
          Description: "Lets EventBridge forward this account's CloudTrail tampering events to the org-trail-auditor's bus",
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'events.amazonaws.com' },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'forward-tampering-events',
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: bus }] },
            },
          ],
          Tags: [{ Key: 'managed-by', Value: 'org-trail-auditor' }],
        },
      },
      TamperingEventForwardingRule: {
        Type: 'AWS::Events::Rule',
        Condition: CONDITION,
        Properties: {
          Description: "org-trail-auditor: forwards tampering calls on the log bucket and the trail key to the management account's bus",
          EventBusName: 'default',
          EventPattern: tamperingEventPattern(),
          State: 'ENABLED',
          Targets: [{ Id: 'org-trail-auditor', Arn: bus, RoleArn: { 'Fn::GetAtt': ['TamperingEventForwardingRole', 'Arn'] } }],
        },
      },
    },
  };
}
