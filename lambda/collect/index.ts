/**
 * The collector: the only code that reads AWS. `collectOrganization` turns a live organization into
 * a snapshot (lambda/snapshot/types.ts) and reports what the run cost.
 */
export { collectOrganization } from './collect-organization';
export { DEFAULT_CONCURRENCY, type CollectOptions, type CollectProgress, type CollectResult, type CollectStats } from './collect-options';
export {
  createAwsClientFactory,
  DEFAULT_MEMBER_ROLE_NAME,
  DEFAULT_REGION,
  type AwsClientFactory,
  type AwsClientFactoryOptions,
  type CallerIdentity,
} from './aws-client-factory';
export { AccountClients } from './account-clients';
export { CollectorCredentialsError } from './collector-errors';
export { formatCostReport } from './cost-report';
