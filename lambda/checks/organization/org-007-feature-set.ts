/** ORG-007: The organization does not have all features enabled. */
import type { FindingSubject } from '../../findings/finding';
import { answerOf } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import { ORGANIZATION_SCOPE } from './org-subjects';

export const ORG_007: CheckDefinition = {
  id: 'ORG-007',
  family: 'ORG',
  severity: 'HIGH',
  title: 'The organization does not have all features enabled',
  description: 'The organization\'s `FeatureSet` is not `ALL` (e.g. CONSOLIDATED_BILLING): organization trails cannot work. ' + ORGANIZATION_SCOPE,
  remediation:
    'Organization {organizationId} has the feature set {featureSet}, and organization trails need all features. ' +
    'Start enabling all features from the management account with `aws organizations enable-all-features`; every member account must then accept the handshake.',
};

export function evaluateFeatureSet(ctx: EvaluationContext, organization: FindingSubject): void {
  const featureSet = answerOf(ctx.snapshot.organization)?.FeatureSet;
  if (featureSet === undefined) return;
  if (featureSet === 'ALL') {
    ctx.evaluated('ORG-007', organization);
  } else {
    ctx.fire('ORG-007', organization, `The organization's FeatureSet is ${featureSet}, not ALL.`, { organizationId: organization.resource, featureSet });
  }
}
