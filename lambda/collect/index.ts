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
export { evidenceWindowOpening } from '../cloudtrail-log-keys';
export { NO_PRIOR_EVIDENCE, ProvenDeliveries, priorEvidenceOfSnapshot, proofStands, type DeliveryProof, type PriorEvidence } from './prior-evidence';
export { DeliveryProofStore, type DeliveryProofKey, type ProofsRecorded } from './delivery-proof-store';
export { DELIVERY_PROOFS_TABLE, PROOF_RETENTION_DAYS } from './delivery-proof-table';
export { GUARDRAIL_POLICY_TYPES, readOrganizationPolicies, type OrganizationPolicyFields } from './organization-policies-reader';
export { guardrailAccountIds } from './guardrail-accounts';
export { collectMemberAccount, evidenceRegions, newDeliveryProofs, type EvidenceRecord, type MemberContext, type MemberCollection } from './member-account-collector';
