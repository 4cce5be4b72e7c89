import { ConfigError, readConfig, type ConfigKey } from '../../lib/config';
import { IntegrationEnvironmentError, readIntegrationEnvironment } from '../../lambda/integrate/integration-environment';

function config(context: Record<string, unknown>) {
  return readConfig((key: ConfigKey) => context[key], Object.keys(context));
}

function errorOf(context: Record<string, unknown>): string {
  try {
    config(context);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('integration configuration keys', () => {
  test('values from cdk.json or -c are read', () => {
    expect(config({ securityHubImport: 'DISABLED', eventBridgeEvents: 'false', securityHubRefreshDays: '45' }).integrations).toEqual({
      securityHubImport: 'disabled',
      eventBridgeEvents: false,
      securityHubRefreshDays: 45,
      checkReferenceUrl: undefined,
    });
  });

  test.each([
    [{ securityHubImport: 'sometimes' }, 'securityHubImport: "sometimes" is not allowed; expected one of auto, enabled, disabled'],
    [{ eventBridgeEvents: 'yes' }, 'eventBridgeEvents: "yes" is not allowed; expected true or false'],
    [{ securityHubRefreshDays: 90 }, 'securityHubRefreshDays: 90 is not allowed; expected a whole number from 1 to 80'],
    [{ checkReferenceUrl: 'http://example.com' }, 'checkReferenceUrl: "http://example.com" is not allowed; expected an https URL'],
  ])('%j is one line naming the key', (context, expected) => {
    const message = errorOf(context);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });
});

describe('the function reading its integration variables', () => {
  const complete = {
    SECURITY_HUB_IMPORT: 'auto',
    SECURITY_HUB_PRODUCT_ARN: 'arn:aws:securityhub:eu-west-1:111111111111:product/111111111111/default',
    SECURITY_HUB_REFRESH_DAYS: '30',
    EVENTBRIDGE_EVENTS: 'true',
  };

  test('none set: the integrations are not configured', () => {
    expect(readIntegrationEnvironment({})).toBeUndefined();
  });

  test('all set: the settings', () => {
    expect(readIntegrationEnvironment(complete)).toEqual({
      securityHubImport: 'auto',
      settings: { productArn: complete.SECURITY_HUB_PRODUCT_ARN, eventsEnabled: true, refreshAfterDays: 30, refreshLimitPerRun: 10_000 },
    });
  });

  test.each([
    [{ SECURITY_HUB_IMPORT: undefined }, 'SECURITY_HUB_IMPORT: missing'],
    [{ SECURITY_HUB_PRODUCT_ARN: 'arn:aws:securityhub:eu-west-1:111111111111:product/222222222222/default' }, 'SECURITY_HUB_PRODUCT_ARN: "arn:aws:securityhub:eu-west-1:111111111111:product/222222222222/default" is not a default Security Hub product ARN'],
    [{ EVENTBRIDGE_EVENTS: 'on' }, 'EVENTBRIDGE_EVENTS: "on" is not true or false'],
  ])('%j is a deployment fault named by its variable', (change, expected) => {
    expect(() => readIntegrationEnvironment({ ...complete, ...change })).toThrow(IntegrationEnvironmentError);
    expect(() => readIntegrationEnvironment({ ...complete, ...change })).toThrow(expected);
  });
});
