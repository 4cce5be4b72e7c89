/**
 * The ORG checks of docs/checks.md: does an organization trail exist, log, and reach every member?
 * One check per file, named by its ID, its metadata beside its logic; this family runs them.
 */
import type { CheckFamily } from '../context';
import type { OrgTrail } from '../model';
import { ORG_001, evaluateTrailsExistAndLog } from './org-001-trail-exists-and-logs';
import { ORG_002, evaluateMultiRegion } from './org-002-multi-region';
import { ORG_003, evaluateHomeRegionOptIn } from './org-003-home-region-opt-in';
import { ORG_004, evaluateTrustedAccess } from './org-004-trusted-access';
import { ORG_005, evaluateResourcePolicy } from './org-005-resource-policy';
import { ORG_006, evaluateServiceLinkedRole } from './org-006-service-linked-role';
import { ORG_007, evaluateFeatureSet } from './org-007-feature-set';
import { ORG_008, evaluateGlobalRegionCoverage } from './org-008-global-region';
import { ORG_009, evaluateMemberCoverage } from './org-009-member-coverage';
import { organizationSubject } from './org-subjects';

const DEFINITIONS = [ORG_001, ORG_002, ORG_003, ORG_004, ORG_005, ORG_006, ORG_007, ORG_008, ORG_009] as const;
export const organizationChecks: CheckFamily = {
  checks: DEFINITIONS,
  evaluate(ctx) {
    const organization = organizationSubject(ctx);
    if (organization) {
      evaluateTrailsExistAndLog(ctx, organization);
      evaluateTrustedAccess(ctx, organization);
      evaluateResourcePolicy(ctx, organization);
      evaluateFeatureSet(ctx, organization);
      evaluateGlobalRegionCoverage(ctx, organization);
    }
    evaluateServiceLinkedRole(ctx);
    for (const trail of ctx.model.orgTrails) {
      evaluateMultiRegion(ctx, trail);
      evaluateMemberCoverage(ctx, trail);
    }
    const trailByHomeRegion = new Map<string, OrgTrail>();
    for (const trail of ctx.model.orgTrails) if (!trailByHomeRegion.has(trail.homeRegion)) trailByHomeRegion.set(trail.homeRegion, trail);
    for (const [region, trail] of trailByHomeRegion) evaluateHomeRegionOptIn(ctx, region, trail);
  },
};
