/**
 * The integrations' permissions, least privilege: import findings to this account's own default
 * Security Hub product only, ask DescribeHub of this account's hub only (for `auto`), and put
 * events on this account's default bus only. Applied to the finish step's role, which runs the
 * delivery, with integrationEnvironment() on its function.
 */
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { INTEGRATION_ENVIRONMENT_VARIABLES } from '../lambda/integrate/integration-environment';
import type { IntegrationConfig } from './config';

/** The default product ARN of the stack's account and region (the only product a custom integration imports to). */
export const STACK_SECURITY_HUB_PRODUCT_ARN = `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}:${Aws.ACCOUNT_ID}:product/${Aws.ACCOUNT_ID}/default`;
const STACK_SECURITY_HUB_HUB_ARN = `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}:${Aws.ACCOUNT_ID}:hub/default`;
const STACK_DEFAULT_EVENT_BUS_ARN = `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/default`;

export const INTEGRATION_STATEMENT_IDS = {
  importFindings: 'ImportFindingsToSecurityHub',
  describeHub: 'AskWhetherSecurityHubIsEnabled',
  putEvents: 'PutEventsOnDefaultBus',
} as const;

/** Grants what the configured integrations need, and nothing when they are off. */
export function grantIntegrationPermissions(grantee: IGrantable, config: IntegrationConfig): void {
  const add = (statement: PolicyStatement) => grantee.grantPrincipal.addToPrincipalPolicy(statement);
  if (config.securityHubImport !== 'disabled') {
    add(new PolicyStatement({ sid: INTEGRATION_STATEMENT_IDS.importFindings, actions: ['securityhub:BatchImportFindings'], resources: [STACK_SECURITY_HUB_PRODUCT_ARN] }));
  }
  if (config.securityHubImport === 'auto') {
    add(new PolicyStatement({ sid: INTEGRATION_STATEMENT_IDS.describeHub, actions: ['securityhub:DescribeHub'], resources: [STACK_SECURITY_HUB_HUB_ARN] }));
  }
  if (config.eventBridgeEvents) {
    add(new PolicyStatement({ sid: INTEGRATION_STATEMENT_IDS.putEvents, actions: ['events:PutEvents'], resources: [STACK_DEFAULT_EVENT_BUS_ARN] }));
  }
}

/** The variables the delivery step's function reads (lambda/integrate/integration-environment.ts). */
export function integrationEnvironment(config: IntegrationConfig): Record<string, string> {
  const names = INTEGRATION_ENVIRONMENT_VARIABLES;
  return {
    [names.securityHubImport]: config.securityHubImport,
    [names.securityHubProductArn]: STACK_SECURITY_HUB_PRODUCT_ARN,
    [names.securityHubRefreshDays]: String(config.securityHubRefreshDays),
    [names.eventBridgeEvents]: String(config.eventBridgeEvents),
    ...(config.checkReferenceUrl ? { [names.checkReferenceUrl]: config.checkReferenceUrl } : {}),
  };
}
