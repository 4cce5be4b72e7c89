/**
 * The member StackSet's template forwards the tampering events of the accounts that own the trail's
 * resources (the log archive, and any trailResourceAccountIds) to the management account's bus:
 * the same pattern, in those accounts only, with a role that may put events on that bus and
 * nothing else.
 */
import { onlyResource, synthesize } from './synthesize';
import { tamperingEventPattern } from '../../lib/tampering-event-pattern';
import { matchesEventPattern } from '../support/event-pattern-matcher';

type Resource = { Type: string; Condition?: string; Properties: Record<string, unknown> };
const stackSet = onlyResource(synthesize({ organizationId: 'o-a1b2c3d4e5', organizationRootId: 'r-ab12', logArchiveAccountId: '222222222222' }), 'AWS::CloudFormation::StackSet');
const template = JSON.parse(stackSet.Properties?.TemplateBody as string) as { Conditions: Record<string, unknown>; Resources: Record<string, Resource> };

test('the rule and its role exist only in the accounts that own trail resources (here the log archive)', () => {
  const rule = template.Resources.TamperingEventForwardingRule as Resource;
  const role = template.Resources.TamperingEventForwardingRole as Resource;
  expect(rule.Condition).toBe('OwnsTrailResources');
  expect(role.Condition).toBe('OwnsTrailResources');
  expect(template.Conditions.OwnsTrailResources).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '222222222222'] });
  // The audit role is still created everywhere.
  expect(template.Resources.MemberAuditRole?.Condition).toBeUndefined();
});

test('with every trail resource in the management account, no member forwards anything (its own rule sees the events)', () => {
  const alone = onlyResource(synthesize({ organizationId: 'o-a1b2c3d4e5', organizationRootId: 'r-ab12' }), 'AWS::CloudFormation::StackSet');
  const body = JSON.parse(alone.Properties?.TemplateBody as string) as { Parameters: Record<string, unknown>; Resources: Record<string, Resource> };
  expect(Object.keys(body.Resources)).toEqual(['MemberAuditRole']);
  // The bus parameter is declared all the same: the StackSet always passes it.
  expect(Object.keys(body.Parameters)).toContain('ManagementEventBusArn');
  expect(alone.Properties?.Parameters).toEqual(expect.arrayContaining([expect.objectContaining({ ParameterKey: 'ManagementEventBusArn' })]));
});

test("forwards the tampering pattern to the management account's default bus, with its role", () => {
  const rule = template.Resources.TamperingEventForwardingRule as Resource;
  expect(rule.Properties.EventPattern).toEqual(JSON.parse(JSON.stringify(tamperingEventPattern())));
  expect(rule.Properties.Targets).toEqual([{ Id: 'org-trail-auditor', Arn: { Ref: 'ManagementEventBusArn' }, RoleArn: { 'Fn::GetAtt': ['TamperingEventForwardingRole', 'Arn'] } }]);
  const s3Call = { 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.s3', detail: { eventSource: 's3.amazonaws.com', eventName: 'PutBucketLifecycle', requestParameters: { bucketName: 'org-trail-logs' } } };
  expect(matchesEventPattern(rule.Properties.EventPattern as Record<string, never>, s3Call)).toBe(true);
});

test('the role is assumed by EventBridge of this account and may only put events on that bus', () => {
  const role = (template.Resources.TamperingEventForwardingRole as Resource).Properties;
  expect(role.AssumeRolePolicyDocument).toMatchObject({ Statement: [{ Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }] });
  expect(role.Policies).toEqual([
    { PolicyName: 'forward-tampering-events', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: { Ref: 'ManagementEventBusArn' } }] } },
  ]);
});
