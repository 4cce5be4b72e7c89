import type { FindingSubject } from '../../findings/finding';
import { PolicyParseError } from '../../policy/evaluate-policy';
import { answerOf, isFailed } from '../../snapshot/types';
import { wasEntered } from '../audit-account-access';
import type { CheckFamily, EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import type { OrgTrail } from '../model';
import { describeRegionOptStatus, globalServiceRegion } from './org-regions';
import { CLOUDTRAIL_SLR_ORGANIZATIONS_ACTIONS, cloudTrailServiceLinkedRoleArn, denialsOfCloudTrailSlr } from './org-resource-policy';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

const ORGANIZATION_SCOPE =
  'Finding: account = the management account, region = none, resource = the organization ID (not evaluated when DescribeOrganization could not be read).';

const DEFINITIONS: readonly CheckDefinition[] = [
  {
    id: 'ORG-001',
    family: 'ORG',
    severity: 'CRITICAL',
    title: 'No organization trail is logging',
    description:
      "The management account owns no organization trail, or none of its org trails is logging (`IsLogging` false in the owner's status of every one). " +
      '"No org trail" is only concluded when the management account was entered and every region read for it answered DescribeTrails; ' +
      'a trail whose status could not be read is not taken for stopped. ' +
      ORGANIZATION_SCOPE,
    remediation:
      '{situation}, so the API activity of every account in organization {organizationId} goes unrecorded. ' +
      'Where no organization trail exists, create one from the management account with ' +
      '`aws cloudtrail create-trail --name org-trail --s3-bucket-name BUCKET --is-organization-trail --is-multi-region-trail --enable-log-file-validation --region {region}`; ' +
      'then start it with `aws cloudtrail start-logging --name {trailArn} --region {region}`.',
  },
  {
    id: 'ORG-002',
    family: 'ORG',
    severity: 'HIGH',
    title: 'Organization trail records one region only',
    description:
      "An org trail has `IsMultiRegionTrail` false: only its home region is recorded, in every account. Finding: account = the trail owner, region = the trail's home region, resource = the trail ARN.",
    remediation:
      'The organization trail {trail} records only {region}: activity in every other region of every account goes unlogged. ' +
      'Make it multi-region with `aws cloudtrail update-trail --name {trailArn} --is-multi-region-trail --region {region}`.',
  },
  {
    id: 'ORG-003',
    family: 'ORG',
    severity: 'HIGH',
    title: "Member has not enabled the org trail's opt-in home region",
    description:
      "An org trail's home region is an opt-in region that the member has not enabled (`RegionOptStatus` other than ENABLED / ENABLED_BY_DEFAULT in account:ListRegions, " +
      'or `OptInStatus` not-opted-in in ec2:DescribeRegions): the member sends no activity to the trail. ' +
      'Not evaluated for a member the auditor could not enter or whose region list was not read. Finding: account = the member, region = the home region, resource = the member account ID.',
    remediation:
      'Account {accountId} has not enabled {region}, the home region of the organization trail {trail}, so none of its activity reaches the trail. ' +
      'Enable the region from the management account with `aws account enable-region --account-id {accountId} --region-name {region}` (it takes a few minutes to hours), or move the trail to a region every account has.',
  },
  {
    id: 'ORG-004',
    family: 'ORG',
    severity: 'HIGH',
    title: 'CloudTrail trusted access is not enabled in AWS Organizations',
    description:
      '`cloudtrail.amazonaws.com` is not among the organization\'s enabled service principals (ListAWSServiceAccessForOrganization): organization trails cannot reach member accounts. ' +
      ORGANIZATION_SCOPE,
    remediation:
      'AWS Organizations does not trust CloudTrail in organization {organizationId}, so organization trails cannot be created or reach member accounts. ' +
      'Enable it from the management account with `aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com`.',
  },
  {
    id: 'ORG-005',
    family: 'ORG',
    severity: 'HIGH',
    title: "The organization's resource policy denies CloudTrail's service-linked role",
    description:
      "The organization's resource-based policy has a Deny that applies to `arn:aws:iam::MANAGEMENT:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail` " +
      `(named, by its account, or \`*\`) for any of ${CLOUDTRAIL_SLR_ORGANIZATIONS_ACTIONS.join(', ')}, evaluated with IAM's rules and the role's request context ` +
      '(aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID); a Deny with a condition operator the evaluator does not know counts, and the detail says so. ' +
      'No resource policy is healthy. A policy that cannot be parsed fires too (the conservative reading, as S3-002 does for a bucket policy): nothing shows that CloudTrail is not denied, and the detail says why it could not be read. ' +
      ORGANIZATION_SCOPE,
    remediation:
      "The resource policy of organization {organizationId} denies CloudTrail's service-linked role {actions} (statements {statements}), which organization trails need to find the organization's accounts. " +
      'Remove or narrow those statements: see the policy with `aws organizations describe-resource-policy` and replace it with `aws organizations put-resource-policy --content file://policy.json`.',
  },
  {
    id: 'ORG-006',
    family: 'ORG',
    severity: 'HIGH',
    title: "CloudTrail's service-linked role is missing",
    description:
      'The service-linked role `AWSServiceRoleForCloudTrail` does not exist in the management account (iam:GetRole answered NoSuchEntity). ' +
      'Finding: account = the management account, region = none, resource = the role ARN.',
    remediation:
      'The management account {accountId} has no AWSServiceRoleForCloudTrail role, which CloudTrail uses to run organization trails. ' +
      'Create it from the management account with `aws iam create-service-linked-role --aws-service-name cloudtrail.amazonaws.com`.',
  },
  {
    id: 'ORG-007',
    family: 'ORG',
    severity: 'HIGH',
    title: 'The organization does not have all features enabled',
    description: 'The organization\'s `FeatureSet` is not `ALL` (e.g. CONSOLIDATED_BILLING): organization trails cannot work. ' + ORGANIZATION_SCOPE,
    remediation:
      'Organization {organizationId} has the feature set {featureSet}, and organization trails need all features. ' +
      'Start enabling all features from the management account with `aws organizations enable-all-features`; every member account must then accept the handshake.',
  },
  {
    id: 'ORG-008',
    family: 'ORG',
    severity: 'MEDIUM',
    title: 'No logging organization trail records us-east-1',
    description:
      "At least one org trail is logging, but none of the logging ones records the partition's global-service region (us-east-1 in aws; cn-north-1 in aws-cn; us-gov-west-1 in aws-us-gov): " +
      'each is single-region with another home region, so AWS Organizations calls and IAM, STS and CloudFront global events are not captured. ' +
      'When no org trail is logging, ORG-001 reports it and ORG-008 does not fire. ' +
      ORGANIZATION_SCOPE,
    remediation:
      'No logging organization trail of {organizationId} records {globalRegion}, where AWS Organizations, IAM, STS and CloudFront events are recorded. ' +
      'Make a logging org trail multi-region with `aws cloudtrail update-trail --name {trailArn} --is-multi-region-trail --region {region}`.',
  },
  {
    id: 'ORG-009',
    family: 'ORG',
    severity: 'HIGH',
    title: 'Member account is not covered by the organization trail',
    description:
      "The member's DescribeTrails (with shadow trails) in the org trail's home region was read without error and does not list the org trail. " +
      'Not raised where ORG-003 explains it (home region not enabled in the member), nor for an account that joined less than `newAccountGraceHours` (default 24) before capturedAt; ' +
      'not evaluated for a member the auditor could not enter. Finding: account = the member, region = the home region, resource = the trail ARN.',
    remediation:
      "Account {accountId} does not see the organization trail {trail} in {region}, so its activity is not recorded. " +
      'Check from the account with `aws cloudtrail describe-trails --include-shadow-trails --region {region}`, and from the management account that CloudTrail trusted access is on ' +
      '(`aws organizations list-aws-service-access-for-organization`) and that the account is ACTIVE in the organization (`aws organizations describe-account --account-id {accountId}`).',
  },
];

/** The ORG checks of docs/checks.md: does an organization trail exist, log, and reach every member? */
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

/** The subject of an organization-scoped finding, when the organization's ID is known. */
function organizationSubject(ctx: EvaluationContext): FindingSubject | undefined {
  const organizationId = ctx.model.organizationId;
  return organizationId ? { accountId: ctx.model.managementAccountId, region: null, resource: organizationId } : undefined;
}

/** ORG-001. */
function evaluateTrailsExistAndLog(ctx: EvaluationContext, organization: FindingSubject): void {
  const trails = ctx.model.orgTrails;
  const statuses = trails.map((trail) => answerOf(trail.status));
  // With no org trail at all, the remediation's commands create and start one named org-trail.
  const vars = { organizationId: organization.resource, trailArn: 'org-trail', region: globalServiceRegion(ctx.model.partition) };

  if (statuses.some((status) => status?.IsLogging === true)) {
    ctx.evaluated('ORG-001', organization);
  } else if (trails.length > 0) {
    // Every org trail must be known to be stopped: an unreadable status is not a stopped trail.
    if (!statuses.every((status) => status?.IsLogging === false)) return;
    const stopped = trails.map((trail) => `${trail.arn} (home ${trail.homeRegion})`).join(', ');
    ctx.fire('ORG-001', organization, `Every organization trail is stopped (IsLogging false): ${stopped}.`, {
      ...vars,
      situation: trails.length === 1 ? `The organization trail ${trails[0].name} is stopped` : `All ${trails.length} organization trails are stopped`,
      trailArn: trails[0].arn,
      region: trails[0].homeRegion,
    });
  } else {
    const read = managementTrailListing(ctx);
    if (!read) return;
    const others = read.otherTrails.length ? `; its other trails: ${read.otherTrails.join(', ')}` : '; it has no trail at all';
    ctx.fire('ORG-001', organization, `DescribeTrails in the management account ${ctx.model.managementAccountId} (regions ${read.regions.join(', ')}) lists no organization trail${others}.`, {
      ...vars,
      situation: 'The management account owns no organization trail',
    });
  }
}

/**
 * The management account's DescribeTrails answers, when they are complete enough to conclude
 * that no org trail exists: the account was entered, at least one region answered and no region
 * it has enabled failed. Undefined otherwise.
 */
function managementTrailListing(ctx: EvaluationContext): { regions: string[]; otherTrails: string[] } | undefined {
  const accountId = ctx.model.managementAccountId;
  if (!wasEntered(ctx.model, accountId)) return undefined;
  const regionData = ctx.model.regionsOf(accountId);
  if (regionData === undefined || isFailed(regionData)) return undefined; // the regions could not be read: AUD-002
  const regions: string[] = [];
  const otherTrails = new Set<string>();
  for (const region of Object.keys(regionData).sort()) {
    const data = regionData[region];
    if (data.error) {
      if (ctx.model.regionOptIn(accountId, region) === 'not-enabled') continue;
      return undefined;
    }
    const trails = answerOf(data.trails);
    if (!trails) return undefined; // not collected, or DescribeTrails failed (AUD-002)
    regions.push(region);
    for (const trail of trails) otherTrails.add(trail.TrailARN ?? trail.Name ?? '(unnamed)');
  }
  return regions.length > 0 ? { regions, otherTrails: [...otherTrails].sort() } : undefined;
}

/** ORG-002. */
function evaluateMultiRegion(ctx: EvaluationContext, trail: OrgTrail): void {
  const subject = { accountId: trail.ownerAccountId, region: trail.homeRegion, resource: trail.arn };
  if (trail.trail.IsMultiRegionTrail === false) {
    ctx.fire('ORG-002', subject, `${trail.arn} has IsMultiRegionTrail false: only ${trail.homeRegion} is recorded.`, trailVars(trail));
  } else if (trail.trail.IsMultiRegionTrail === true) {
    ctx.evaluated('ORG-002', subject);
  }
}

/** ORG-003, once per home region of the org trails (`trail` names one of them in the remediation). */
function evaluateHomeRegionOptIn(ctx: EvaluationContext, region: string, trail: OrgTrail): void {
  for (const member of ctx.model.members) {
    const accountId = member.Id as string;
    if (!wasEntered(ctx.model, accountId)) continue;
    const optIn = ctx.model.regionOptIn(accountId, region);
    const subject = { accountId, region, resource: accountId };
    if (optIn === 'enabled') {
      ctx.evaluated('ORG-003', subject);
    } else if (optIn === 'not-enabled') {
      const status = describeRegionOptStatus(ctx.model.accountData(accountId), region);
      ctx.fire('ORG-003', subject, `Member ${accountId} has not enabled ${region}, the home region of ${trail.arn}: ${status}.`, { ...trailVars(trail), accountId });
    }
  }
}

/** ORG-004. */
function evaluateTrustedAccess(ctx: EvaluationContext, organization: FindingSubject): void {
  const principals = answerOf(ctx.snapshot.enabledServicePrincipals);
  if (!principals) return;
  if (principals.some((principal) => principal.ServicePrincipal === CLOUDTRAIL)) {
    ctx.evaluated('ORG-004', organization);
    return;
  }
  const enabled = principals.map((principal) => principal.ServicePrincipal).filter(Boolean);
  ctx.fire('ORG-004', organization, `${CLOUDTRAIL} is not an enabled service principal; enabled: ${enabled.length ? enabled.join(', ') : 'none'}.`, {
    organizationId: organization.resource,
  });
}

/** ORG-005. */
function evaluateResourcePolicy(ctx: EvaluationContext, organization: FindingSubject): void {
  const policy = ctx.snapshot.resourcePolicy;
  if (policy === undefined || isFailed(policy)) return;
  if (policy === null) {
    ctx.evaluated('ORG-005', organization); // no resource policy: nothing denies anything
    return;
  }
  const content = policy.Content;
  if (content === undefined) return;
  let denial;
  try {
    denial = denialsOfCloudTrailSlr(content, {
      partition: ctx.model.partition,
      managementAccountId: ctx.model.managementAccountId,
      organizationId: organization.resource,
      organizationArn: answerOf(ctx.snapshot.organization)?.Arn,
    });
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
    // Conservative (CHECKS.md v2 leaves it to us): a policy AWS stored but we cannot read may deny anything.
    ctx.fire('ORG-005', organization, `The organization's resource policy could not be evaluated (${error.message}): whether it denies CloudTrail's service-linked role cannot be verified.`, {
      organizationId: organization.resource,
      actions: CLOUDTRAIL_SLR_ORGANIZATIONS_ACTIONS.join(', '),
      statements: 'unknown: the policy could not be parsed',
    });
    return;
  }
  if (denial.deniedActions.length === 0) {
    ctx.evaluated('ORG-005', organization);
    return;
  }
  const unknown = denial.unknownOperators.length
    ? ` Condition operators the evaluator does not know (${denial.unknownOperators.join(', ')}) were read as holding, the conservative reading for a Deny.`
    : '';
  ctx.fire(
    'ORG-005',
    organization,
    `Deny statements ${denial.statements.join(', ')} apply to ${cloudTrailServiceLinkedRoleArn(ctx.model.partition, ctx.model.managementAccountId)} for ${denial.deniedActions.join(', ')}.${unknown}`,
    { organizationId: organization.resource, actions: denial.deniedActions.join(', '), statements: denial.statements.join(', ') },
  );
}

/** ORG-006. */
function evaluateServiceLinkedRole(ctx: EvaluationContext): void {
  const accountId = ctx.model.managementAccountId;
  const role = ctx.model.accountData(accountId)?.cloudTrailServiceLinkedRole;
  const subject = { accountId, region: null, resource: cloudTrailServiceLinkedRoleArn(ctx.model.partition, accountId) };
  if (role === null) {
    ctx.fire('ORG-006', subject, `iam:GetRole AWSServiceRoleForCloudTrail in the management account ${accountId} found no such role.`, { accountId });
  } else if (answerOf(role)) {
    ctx.evaluated('ORG-006', subject);
  }
}

/** ORG-007. */
function evaluateFeatureSet(ctx: EvaluationContext, organization: FindingSubject): void {
  const featureSet = answerOf(ctx.snapshot.organization)?.FeatureSet;
  if (featureSet === undefined) return;
  if (featureSet === 'ALL') {
    ctx.evaluated('ORG-007', organization);
  } else {
    ctx.fire('ORG-007', organization, `The organization's FeatureSet is ${featureSet}, not ALL.`, { organizationId: organization.resource, featureSet });
  }
}

/** ORG-008. */
function evaluateGlobalRegionCoverage(ctx: EvaluationContext, organization: FindingSubject): void {
  const globalRegion = globalServiceRegion(ctx.model.partition);
  const logging = ctx.model.orgTrails.filter((trail) => answerOf(trail.status)?.IsLogging === true);
  if (logging.length === 0) return; // ORG-001's case, or statuses unknown
  const records = (trail: OrgTrail) => trail.trail.IsMultiRegionTrail === true || trail.homeRegion === globalRegion;
  if (logging.some(records)) {
    ctx.evaluated('ORG-008', organization);
    return;
  }
  if (!logging.every((trail) => trail.trail.IsMultiRegionTrail === false)) return; // a trail's scope is unknown
  const described = logging.map((trail) => `${trail.arn} (single-region, home ${trail.homeRegion})`).join(', ');
  ctx.fire('ORG-008', organization, `No logging org trail records ${globalRegion}: ${described}.`, {
    organizationId: organization.resource,
    globalRegion,
    trailArn: logging[0].arn,
    region: logging[0].homeRegion,
  });
}

/** ORG-009: every member past its grace period must list the org trail in the home region. */
function evaluateMemberCoverage(ctx: EvaluationContext, trail: OrgTrail): void {
  for (const member of ctx.model.members) {
    const accountId = member.Id as string;
    if (!wasEntered(ctx.model, accountId) || ctx.model.isWithinGrace(member)) continue;
    const view = ctx.model.regionData(accountId, trail.homeRegion);
    const trails = view && !view.error ? answerOf(view.trails) : undefined;
    if (!trails) continue; // not read: AUD-002 says so
    const subject = { accountId, region: trail.homeRegion, resource: trail.arn };
    const listed = trails.some((seen) => seen.TrailARN === trail.arn);
    if (listed || ctx.model.regionOptIn(accountId, trail.homeRegion) === 'not-enabled') {
      ctx.evaluated('ORG-009', subject); // covered, or explained by ORG-003
      continue;
    }
    const seen = trails.map((other) => other.TrailARN ?? other.Name).filter(Boolean);
    ctx.fire(
      'ORG-009',
      subject,
      `DescribeTrails (with shadow trails) in member ${accountId}, ${trail.homeRegion} does not list ${trail.arn}; it lists ${seen.length ? seen.join(', ') : 'no trail'}.`,
      { ...trailVars(trail), accountId },
    );
  }
}

function trailVars(trail: OrgTrail): Record<string, string> {
  return { trail: trail.name, trailArn: trail.arn, region: trail.homeRegion };
}
