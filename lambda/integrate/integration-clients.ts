/** The integrations' AWS clients in Lambda, each call bounded in time, and the settings from the environment. */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { IntegrationDependencies } from './deliver-integrations';
import { readIntegrationEnvironment } from './integration-environment';
import { SecurityHubAvailability } from './security-hub-availability';
import { securityHubRateLimiter } from './security-hub-import';

/** Per attempt: a slow or stuck endpoint fails the call (kept pending), never the run. */
const REQUEST_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 15_000 } as const;
const MAX_ATTEMPTS = 4;

/** The integrations of the deployed function, or undefined when the stack configured none. */
export function productionIntegrations(env: NodeJS.ProcessEnv, warn: (message: string) => void): IntegrationDependencies | undefined {
  const environment = readIntegrationEnvironment(env);
  if (!environment) return undefined;
  const region = env.AWS_REGION;
  const securityHub = new SecurityHubClient({ region, maxAttempts: MAX_ATTEMPTS, requestHandler: REQUEST_TIMEOUTS });
  return {
    settings: environment.settings,
    securityHub,
    eventBridge: new EventBridgeClient({ region, maxAttempts: MAX_ATTEMPTS, requestHandler: REQUEST_TIMEOUTS }),
    availability: new SecurityHubAvailability(environment.securityHubImport, securityHub, warn),
    limiter: securityHubRateLimiter(),
  };
}
