import type { CheckDefinition } from './definition';
import type { CheckFamily } from './context';
import { auditCoverageChecks } from './audit/audit-coverage-checks';
import { bucketChecks } from './bucket/bucket-checks';
import { deliveryChecks } from './delivery/delivery-checks';
import { guardrailChecks } from './guardrails/guardrail-checks';
import { organizationChecks } from './organization/organization-checks';
import { trailConfigurationChecks } from './trail/trail-configuration-checks';

/** Every check family, in the order they are evaluated and documented. */
export const CHECK_FAMILIES: readonly CheckFamily[] = [
  organizationChecks,
  deliveryChecks,
  trailConfigurationChecks,
  bucketChecks,
  guardrailChecks,
  auditCoverageChecks,
];

/** The catalog: every check, each registered once, in catalog order. */
export const CHECKS: readonly CheckDefinition[] = CHECK_FAMILIES.flatMap((family) => family.checks);

export const CHECKS_BY_ID: ReadonlyMap<string, CheckDefinition> = (() => {
  const byId = new Map<string, CheckDefinition>();
  for (const check of CHECKS) {
    if (byId.has(check.id)) throw new Error(`check ${check.id} is registered twice`);
    byId.set(check.id, check);
  }
  return byId;
})();
