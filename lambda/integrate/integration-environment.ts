/**
 * The integrations' configuration on the audit steps' functions: environment variables the stack sets
 * from lib/config.ts (securityHubImport, eventBridgeEvents, securityHubRefreshDays,
 * checkReferenceUrl), read and checked once per cold start.
 */
import { parseProductArn, ProductArnError } from './asff-finding';
import type { IntegrationSettings } from './deliver-integrations';
import { isSecurityHubImportMode, SECURITY_HUB_IMPORT_MODES, type SecurityHubImportMode } from './security-hub-availability';

export const INTEGRATION_ENVIRONMENT_VARIABLES = {
  securityHubImport: 'SECURITY_HUB_IMPORT',
  securityHubProductArn: 'SECURITY_HUB_PRODUCT_ARN',
  securityHubRefreshDays: 'SECURITY_HUB_REFRESH_DAYS',
  eventBridgeEvents: 'EVENTBRIDGE_EVENTS',
  checkReferenceUrl: 'CHECK_REFERENCE_URL',
} as const;

/** Re-imports per run at most (about 100 calls: within a run's time and Security Hub's rate). */
export const REFRESH_LIMIT_PER_RUN = 10_000;

export interface IntegrationEnvironment {
  securityHubImport: SecurityHubImportMode;
  settings: IntegrationSettings;
}

/** A missing or malformed integration variable: the stack and the function disagree. */
export class IntegrationEnvironmentError extends Error {}

/** The integrations' settings, or undefined when the stack set none of their variables (integrations off). */
export function readIntegrationEnvironment(env: NodeJS.ProcessEnv): IntegrationEnvironment | undefined {
  const names = INTEGRATION_ENVIRONMENT_VARIABLES;
  if (Object.values(names).every((name) => env[name] === undefined)) return undefined;
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new IntegrationEnvironmentError(`${name}: missing; the stack sets it on each step function of the audit`);
    return value;
  };

  const mode = required(names.securityHubImport);
  if (!isSecurityHubImportMode(mode)) throw new IntegrationEnvironmentError(`${names.securityHubImport}: "${mode}" is not one of ${SECURITY_HUB_IMPORT_MODES.join(', ')}`);
  const productArn = required(names.securityHubProductArn);
  try {
    parseProductArn(productArn);
  } catch (error) {
    throw error instanceof ProductArnError ? new IntegrationEnvironmentError(`${names.securityHubProductArn}: ${error.message}`) : error;
  }
  const events = required(names.eventBridgeEvents);
  if (events !== 'true' && events !== 'false') throw new IntegrationEnvironmentError(`${names.eventBridgeEvents}: "${events}" is not true or false`);
  const refreshRaw = required(names.securityHubRefreshDays);
  const refreshAfterDays = Number(refreshRaw);
  if (!Number.isInteger(refreshAfterDays) || refreshAfterDays < 1 || refreshAfterDays > 80) {
    throw new IntegrationEnvironmentError(`${names.securityHubRefreshDays}: "${refreshRaw}" is not a whole number from 1 to 80`);
  }
  const checkReferenceUrl = env[names.checkReferenceUrl]?.trim() || undefined;
  if (checkReferenceUrl && !/^https:\/\/\S+$/.test(checkReferenceUrl)) throw new IntegrationEnvironmentError(`${names.checkReferenceUrl}: "${checkReferenceUrl}" is not an https URL`);

  return {
    securityHubImport: mode,
    settings: { productArn, eventsEnabled: events === 'true', refreshAfterDays, refreshLimitPerRun: REFRESH_LIMIT_PER_RUN, ...(checkReferenceUrl ? { checkReferenceUrl } : {}) },
  };
}
