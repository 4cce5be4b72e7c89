/**
 * What the member StackSet adds to its template so that the account owning the log bucket (and the
 * trail key) forwards its tampering events to the management account's default bus, where the
 * tampering rule starts a targeted run: an EventBridge rule with the same pattern, and the role it
 * needs (a target bus trusting the organization rather than the account requires a RoleArn).
 * Created only in the account named by `ForwardTamperingEventsFrom` (the log archive account);
 * every other member gets nothing of it. Plain JSON, like the template it joins.
 */
import { tamperingEventPattern } from './tampering-event-pattern';

export const TAMPER_FORWARDING_PARAMETERS = {
  managementEventBusArn: 'ManagementEventBusArn',
  forwardFrom: 'ForwardTamperingEventsFrom',
} as const;

const CONDITION = 'ForwardsTamperingEvents';

interface TemplateWithParameters {
  Parameters: Record<string, unknown>;
  Resources: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
}

/** The template with the forwarding rule, its role, their parameters and the condition that limits them to one account. */
export function withTamperEventForwarding<T extends TemplateWithParameters>(template: T): T & { Conditions: Record<string, unknown> } {
  const ref = (name: string) => ({ Ref: name });
  const bus = ref(TAMPER_FORWARDING_PARAMETERS.managementEventBusArn);
  return {
    ...template,
    Parameters: {
      ...template.Parameters,
      [TAMPER_FORWARDING_PARAMETERS.managementEventBusArn]: {
        Type: 'String',
        Description: "The management account's default event bus, where the auditor's tampering rule listens",
        AllowedPattern: 'arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/default',
      },
      [TAMPER_FORWARDING_PARAMETERS.forwardFrom]: {
        Type: 'String',
        Description: 'The account that owns the log bucket and forwards its tampering events (empty: none)',
        AllowedPattern: '(\\d{12})?',
        Default: '',
      },
    },
    Conditions: { ...template.Conditions, [CONDITION]: { 'Fn::Equals': [ref('AWS::AccountId'), ref(TAMPER_FORWARDING_PARAMETERS.forwardFrom)] } },
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
