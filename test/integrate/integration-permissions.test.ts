import { synthesize, resourcesOfType } from '../lib/synthesize';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown };

function auditRoleStatements(context: Record<string, unknown>): Statement[] {
  const template = synthesize(context);
  const policies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'));
  return policies.flatMap((policy) => ((policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement ?? []));
}

function bySid(statements: Statement[], sid: string): Statement | undefined {
  return statements.find((statement) => statement.Sid === sid);
}

const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
const PARTITION = { Ref: 'AWS::Partition' };
const REGION = { Ref: 'AWS::Region' };
const ACCOUNT = { Ref: 'AWS::AccountId' };

describe('integration permissions', () => {
  const defaults = auditRoleStatements({});

  test('BatchImportFindings on the stack account default product ARN only', () => {
    expect(bySid(defaults, 'ImportFindingsToSecurityHub')).toMatchObject({
      Action: 'securityhub:BatchImportFindings',
      Resource: join('arn:', PARTITION, ':securityhub:', REGION, ':', ACCOUNT, ':product/', ACCOUNT, '/default'),
    });
  });

  test('DescribeHub (auto) on the stack account hub only; PutEvents on the default bus only', () => {
    expect(bySid(defaults, 'AskWhetherSecurityHubIsEnabled')).toMatchObject({ Action: 'securityhub:DescribeHub', Resource: join('arn:', PARTITION, ':securityhub:', REGION, ':', ACCOUNT, ':hub/default') });
    expect(bySid(defaults, 'PutEventsOnDefaultBus')).toMatchObject({ Action: 'events:PutEvents', Resource: join('arn:', PARTITION, ':events:', REGION, ':', ACCOUNT, ':event-bus/default') });
  });

  test('turned off, the function holds none of them', () => {
    const off = auditRoleStatements({ securityHubImport: 'disabled', eventBridgeEvents: false });

    expect(off.filter((s) => [s.Action].flat().some((action) => action.startsWith('securityhub:') || action.startsWith('events:')))).toEqual([]);
  });

  test('enabled: the import without the probe', () => {
    const enabled = auditRoleStatements({ securityHubImport: 'enabled' });

    expect(bySid(enabled, 'ImportFindingsToSecurityHub')).toBeDefined();
    expect(bySid(enabled, 'AskWhetherSecurityHubIsEnabled')).toBeUndefined();
  });

  test('the function is told the mode, the product ARN and the event switch', () => {
    const template = synthesize({ securityHubImport: 'enabled', securityHubRefreshDays: 20, checkReferenceUrl: 'https://example.com/checks.md' });
    const fn = Object.values(resourcesOfType(template, 'AWS::Lambda::Function'))[0];
    const variables = (fn?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(variables).toMatchObject({
      SECURITY_HUB_IMPORT: 'enabled',
      SECURITY_HUB_REFRESH_DAYS: '20',
      EVENTBRIDGE_EVENTS: 'true',
      CHECK_REFERENCE_URL: 'https://example.com/checks.md',
      SECURITY_HUB_PRODUCT_ARN: join('arn:', PARTITION, ':securityhub:', REGION, ':', ACCOUNT, ':product/', ACCOUNT, '/default'),
    });
  });
});
