import { isFailed, type ApiError, type RegionData } from '../../snapshot/types';
import { ownEntry } from '../../snapshot/own-entry';
import { trailStatusIn } from '../model';
import type { FindingSubject } from '../../findings/finding';
import { accountAccess } from '../audit-account-access';
import { readingsOfNamedResources, type NamedResourceKind } from './audit-unreadable-resources';
import type { CheckFamily, EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';

const DEFINITIONS: readonly CheckDefinition[] = [
  {
    id: 'AUD-001',
    family: 'AUD',
    severity: 'MEDIUM',
    title: 'The auditor could not enter an account',
    description:
      'The collector recorded an error for the account as a whole (`accountData[account].error`: its audit role could not be assumed). ' +
      "None of the account's own checks ran, and its open findings are neither confirmed nor resolved. " +
      'Applies to every ACTIVE account, the management account included. Finding: account = that account, region = none, resource = the account ID. ' +
      'An account the snapshot holds nothing for (not collected) is not evaluated.',
    remediation:
      'The auditor could not enter account {accountId} ({error}), so none of its checks ran this time and a fault there would go unseen. ' +
      "Make sure the auditor's member role exists in the account (it is deployed by the auditor's StackSet; a failed stack instance or an account outside its targets has none), " +
      "that it trusts the audit function's role, and that no service control policy denies `sts:AssumeRole`; `aws organizations describe-account --account-id {accountId}` shows the account's state.",
  },
  {
    id: 'AUD-002',
    family: 'AUD',
    severity: 'MEDIUM',
    title: 'The auditor could not read part of an account',
    description:
      'Something an account was read for failed, so the checks that need it were skipped: all of its regions (`regionData` recorded as `{error}`: region none, resource the account ID), ' +
      'a whole region (`regionData[region].error`; not raised when the account has not enabled that region), a region\'s trail list (`trails` as `{error}`) or trail status map ' +
      '(`trailStatus` as `{error}` where an org trail has its home region; no status-based check concludes from it), both reported for that region with resource the account ID, ' +
      "the account's region list (`account:ListRegions` / `ec2:DescribeRegions`, when neither was answered), an org trail's status, event selectors or insight selectors in its home region, " +
      "or, for the management account, `organizations:DescribeOrganization`, `organizations:ListAWSServiceAccessForOrganization`, `organizations:DescribeResourcePolicy` " +
      "or `iam:GetRole` of the CloudTrail service-linked role. Finding: account = the account read, region = the region (none for account- and organization-level reads), " +
      'resource = the account ID for a whole region, the trail ARN for a trail\'s reads, else the API call that failed. Not evaluated for an account the auditor could not enter (AUD-001).',
    remediation:
      'The auditor could not read {what} in account {accountId}{inRegion} ({error}), so the checks that need it were skipped and a fault there would go unseen. ' +
      "Give the auditor's role the read permission it lacks, and check for a service control policy that denies the call or the region; a region the organization does not use can be left out of the audit with the regions-to-skip setting.",
  },
  {
    id: 'AUD-003',
    family: 'AUD',
    severity: 'LOW',
    title: 'The auditor could not read a resource the trail names',
    description:
      "A resource an org trail names (its S3 bucket, KMS key, SNS topic, CloudWatch Logs log group or CloudWatch Logs role) or a part of it (e.g. the bucket policy, the key policy, the delivery-evidence listing) " +
      'could not be read (e.g. AccessDenied), so the checks on it were skipped. A bucket that does not exist is S3-001 and a missing key, topic, log group or role is reported by its own check, not here. ' +
      "Finding: account = the account in the resource's ARN (for a bucket, the account its configuration was read from, else the trail owner), " +
      'region = the region in the ARN (none for a bucket or a role), resource = the bucket name or the ARN as the trail names it.',
    remediation:
      'The auditor could not read the {kind} {resource} ({error}), so its checks were skipped this time and a broken policy there would go unseen. ' +
      "Allow the auditor's role in account {accountId} the read-only calls ({readActions}); where the resource's own policy restricts access, it must allow that role as well. Try it with `{probeCommand}`.",
  },
  {
    id: 'AUD-004',
    family: 'AUD',
    severity: 'HIGH',
    title: "The organization's account list is incomplete",
    description:
      'A `ListAccounts` page failed: the snapshot records `accountsIncomplete` (the accounts of the pages read are listed), or `accounts` is `{error}` (no account was listed; ' +
      'the management account is still audited, no member is). Checks run on the listed accounts and may fire for them, but a check that quantifies over every account ' +
      "(S3-002's per-account writes, CFG-006's member streams) is not evaluated unless it fires, so it resolves nothing, and an account missing from the list is never taken to have left the organization. " +
      'Checks that do not depend on the account list (S3-002\'s GetBucketAcl, the KMS key, topic and trust questions) fire and resolve as usual. ' +
      'Finding: account = the management account, region = none, resource = the organization ID (the management account ID when the organization was not read).',
    remediation:
      'The auditor could not read the whole account list of organization {organizationId} ({error}), so accounts it did not see were not audited and their findings were left as they were. ' +
      "Check the management account's `organizations:ListAccounts` permission and throttling (`aws organizations list-accounts`), then run the audit again.",
  },
  {
    id: 'AUD-005',
    family: 'AUD',
    severity: 'MEDIUM',
    title: "The organization's policies could not be read",
    description:
      'A read the GRD checks need failed: `organizations:ListRoots` (`roots` is `{error}`), `ListParents` on an account\'s path (`accountPaths[account]` is `{error}`), ' +
      'or `ListPoliciesForTarget` / `DescribePolicy` for a target on that path (`targetPolicies[target]`, or its list for one policy type, is `{error}`; e.g. a delegated administrator without `organizations:DescribePolicy`). ' +
      'GRD-001…GRD-003 are not evaluated for that account. Finding: account = the account whose path could not be read (the management account when `roots` failed), region = none, resource = that account ID.',
    remediation:
      'The auditor could not read the organization policies that apply to account {accountId} ({error}), so the guardrails around the organization trail were not checked there. ' +
      "Allow the auditor's role `organizations:ListRoots`, `organizations:ListParents`, `organizations:ListPoliciesForTarget` and `organizations:DescribePolicy`; try it with `aws organizations list-parents --child-id {accountId}`.",
  },
];

/** Read-only calls per resource kind, and a command to try one of them. */
const HOW_TO_READ: Readonly<Record<NamedResourceKind, { readActions: string; probe: (resource: string) => string }>> = {
  'S3 bucket': {
    readActions:
      's3:GetBucketPolicy, s3:GetBucketPolicyStatus, s3:GetBucketPublicAccessBlock, s3:GetLifecycleConfiguration, s3:GetBucketVersioning, s3:GetBucketLogging, s3:GetBucketObjectLockConfiguration, s3:ListBucket',
    probe: (bucket) => `aws s3api get-bucket-policy --bucket ${bucket}`,
  },
  'KMS key': { readActions: 'kms:DescribeKey, kms:GetKeyPolicy', probe: (key) => `aws kms get-key-policy --key-id ${key} --policy-name default` },
  'SNS topic': { readActions: 'sns:GetTopicAttributes', probe: (topic) => `aws sns get-topic-attributes --topic-arn ${topic}` },
  'CloudWatch Logs log group': {
    readActions: 'logs:DescribeLogGroups',
    probe: (arn) => `aws logs describe-log-groups --log-group-name-prefix ${arn.split(':log-group:')[1]?.replace(/:\*$/, '') ?? arn}`,
  },
  'CloudWatch Logs role': {
    readActions: 'iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:GetPolicy, iam:GetPolicyVersion',
    probe: (arn) => `aws iam get-role --role-name ${arn.split('/').pop() ?? arn}`,
  },
};

/** Region errors that only say the account has not enabled the region: not an audit gap. */
const REGION_NOT_ENABLED_CODES = new Set(['OptInRequired']);

/** The AUD checks of docs/checks.md: the audit says where it could not look, so silence never reads as health. */
export const auditCoverageChecks: CheckFamily = {
  checks: DEFINITIONS,
  evaluate(ctx) {
    evaluateAccountList(ctx);
    evaluateOrganizationReads(ctx);
    for (const account of ctx.model.auditedAccounts) evaluateAccount(ctx, account.Id as string);
    evaluateNamedResources(ctx);
  },
};

/** AUD-001, then AUD-002 for everything read inside the account. */
function evaluateAccount(ctx: EvaluationContext, accountId: string): void {
  const access = accountAccess(ctx.model, accountId);
  const subject = { accountId, region: null, resource: accountId };
  if (access.kind === 'not-collected') return;
  if (access.kind === 'failed') {
    ctx.fire('AUD-001', subject, `Entering account ${accountId} failed: ${describeApiError(access.error)}.`, { accountId, error: access.error.code });
    return;
  }
  ctx.evaluated('AUD-001', subject);
  evaluateRegionList(ctx, accountId);
  evaluateRegions(ctx, accountId);
  if (accountId === ctx.model.managementAccountId) {
    const slr = ctx.model.accountData(accountId)?.cloudTrailServiceLinkedRole;
    evaluateRead(ctx, { accountId, region: null, resource: 'iam:GetRole' }, slr, 'the CloudTrail service-linked role (iam:GetRole AWSServiceRoleForCloudTrail)');
  }
}

/** The account's region list: a gap only when neither source answered. */
function evaluateRegionList(ctx: EvaluationContext, accountId: string): void {
  const data = ctx.model.accountData(accountId);
  const sources = [
    ['account:ListRegions', data?.regions],
    ['ec2:DescribeRegions', data?.ec2Regions],
  ] as const;
  const answered = sources.some(([, value]) => value !== undefined && !isFailed(value));
  for (const [call, value] of sources) {
    if (value === undefined) continue;
    const subject = { accountId, region: null, resource: call };
    if (isFailed(value) && !answered) {
      reportUnreadable(ctx, subject, `the region list (${call})`, value.error);
    } else {
      ctx.evaluated('AUD-002', subject);
    }
  }
}

function evaluateRegions(ctx: EvaluationContext, accountId: string): void {
  const regions = ctx.model.regionsOf(accountId);
  if (regions === undefined) return;
  if (isFailed(regions)) {
    // The account's regions as a whole could not be read (CHECKS.md v2: AUD-002 with region null).
    reportUnreadable(ctx, { accountId, region: null, resource: accountId }, 'its regions (regionData)', regions.error);
    return;
  }
  for (const region of Object.keys(regions).sort()) {
    const data = regions[region];
    const subject = { accountId, region, resource: accountId };
    if (data.error) {
      const notEnabled = REGION_NOT_ENABLED_CODES.has(data.error.code) || ctx.model.regionOptIn(accountId, region) === 'not-enabled';
      if (notEnabled) ctx.evaluated('AUD-002', subject);
      else reportUnreadable(ctx, subject, 'the CloudTrail data', data.error);
      continue;
    }
    const regionFailures = regionListFailures(ctx, data, region);
    if (regionFailures.length === 0) ctx.evaluated('AUD-002', subject);
    else reportUnreadable(ctx, subject, regionFailures.map(([what]) => what).join(' and '), regionFailures[0][1], regionFailures);
    evaluateTrailReads(ctx, accountId, region, data);
  }
}

/**
 * The lists of a readable region that were recorded as `{error}` (CHECKS.md v2): its trails
 * (DescribeTrails), and its trail status map where an org trail has its home region there.
 */
function regionListFailures(ctx: EvaluationContext, data: RegionData, region: string): [string, ApiError][] {
  const failures: [string, ApiError][] = [];
  if (isFailed(data.trails)) failures.push(['the trail list (cloudtrail:DescribeTrails)', data.trails.error]);
  const statuses = data.trailStatus;
  if (isFailed(statuses) && ctx.model.orgTrails.some((trail) => trail.homeRegion === region)) {
    failures.push(['the trail statuses (cloudtrail:GetTrailStatus)', statuses.error]);
  }
  return failures;
}

/** An org trail's own reads in its home region: its status (when the map was read), selectors and insights for the owner. */
function evaluateTrailReads(ctx: EvaluationContext, accountId: string, region: string, data: RegionData): void {
  for (const trail of ctx.model.orgTrails) {
    if (trail.homeRegion !== region) continue;
    const isOwner = accountId === trail.ownerAccountId;
    const reads = [
      // A status map that failed as a whole was reported for the region above.
      ['cloudtrail:GetTrailStatus', isFailed(data.trailStatus) ? undefined : trailStatusIn(data, trail.arn)],
      ...(isOwner
        ? ([
            ['cloudtrail:GetEventSelectors', ownEntry(data.eventSelectors, trail.arn)],
            ['cloudtrail:GetInsightSelectors', ownEntry(data.insightSelectors, trail.arn)],
          ] as const)
        : []),
    ] as const;
    const collected = reads.filter(([, value]) => value !== undefined);
    if (collected.length === 0) continue;
    const failures = collected.flatMap(([call, value]) => (isFailed(value) ? [`${call}: ${describeApiError(value.error)}`] : []));
    const trailSubject = { accountId, region, resource: trail.arn };
    if (failures.length === 0) {
      ctx.evaluated('AUD-002', trailSubject);
    } else {
      const firstError = collected.map(([, value]) => value).find(isFailed);
      ctx.fire('AUD-002', trailSubject, `Reading the org trail ${trail.arn} in account ${accountId}, ${region} failed: ${failures.join('; ')}.`, {
        what: `the org trail ${trail.name}`,
        accountId,
        inRegion: ` in ${region}`,
        error: firstError?.error.code ?? 'error',
      });
    }
  }
}

/** AUD-004: the organization's account list, whole or not. */
function evaluateAccountList(ctx: EvaluationContext): void {
  const { model } = ctx;
  const organizationId = model.organizationId ?? model.managementAccountId;
  const subject = { accountId: model.managementAccountId, region: null, resource: organizationId };
  const gap = model.accountListGap;
  if (gap === undefined) {
    ctx.evaluated('AUD-004', subject);
    return;
  }
  const listed = isFailed(ctx.snapshot.accounts) ? 'no account was listed' : `${(ctx.snapshot.accounts ?? []).length.toLocaleString('en-US')} accounts were listed before it stopped`;
  ctx.fire('AUD-004', subject, `organizations:ListAccounts failed (${describeApiError(gap)}): ${listed}.`, { organizationId, error: gap.code });
}

/** The organization-level reads, made in the management account. */
function evaluateOrganizationReads(ctx: EvaluationContext): void {
  const accountId = ctx.model.managementAccountId;
  const reads = [
    ['organizations:DescribeOrganization', ctx.snapshot.organization, 'the organization (organizations:DescribeOrganization)'],
    ['organizations:ListAWSServiceAccessForOrganization', ctx.snapshot.enabledServicePrincipals, 'the trusted services (organizations:ListAWSServiceAccessForOrganization)'],
    ['organizations:DescribeResourcePolicy', ctx.snapshot.resourcePolicy, "the organization's resource policy (organizations:DescribeResourcePolicy)"],
  ] as const;
  for (const [call, value, what] of reads) evaluateRead(ctx, { accountId, region: null, resource: call }, value, what);
}

/** One recorded answer: fires when it failed, covered when it was answered, skipped when absent. */
function evaluateRead(ctx: EvaluationContext, subject: FindingSubject, value: unknown, what: string): void {
  if (value === undefined) return;
  if (isFailed(value)) reportUnreadable(ctx, subject, what, value.error);
  else ctx.evaluated('AUD-002', subject);
}

function reportUnreadable(ctx: EvaluationContext, subject: FindingSubject, what: string, error: ApiError, parts: readonly [string, ApiError][] = [[what, error]]): void {
  const inRegion = subject.region ? ` in ${subject.region}` : '';
  const failed = parts.map(([part, partError]) => (parts.length > 1 ? `${part}: ${describeApiError(partError)}` : describeApiError(partError))).join('; ');
  ctx.fire('AUD-002', subject, `Reading ${what} in account ${subject.accountId}${inRegion} failed: ${failed}.`, {
    what,
    accountId: subject.accountId,
    inRegion,
    error: error.code,
  });
}

/** AUD-003: each resource an org trail names, read in full or not. */
function evaluateNamedResources(ctx: EvaluationContext): void {
  for (const trail of ctx.model.orgTrails) {
    for (const reading of readingsOfNamedResources(ctx.snapshot, trail)) {
      if (reading.failures.length === 0) {
        ctx.evaluated('AUD-003', reading.subject);
        continue;
      }
      const how = HOW_TO_READ[reading.kind];
      const failed = reading.failures.map(({ read, error }) => (read ? `${read}: ${describeApiError(error)}` : describeApiError(error))).join('; ');
      ctx.fire('AUD-003', reading.subject, `The ${reading.kind} ${reading.subject.resource} named by ${trail.arn} could not be read: ${failed}.`, {
        kind: reading.kind,
        resource: reading.subject.resource,
        accountId: reading.subject.accountId,
        error: [...new Set(reading.failures.map(({ error }) => error.code))].join(', '),
        readActions: how.readActions,
        probeCommand: how.probe(reading.subject.resource),
      });
    }
  }
}

/** `AccessDenied: message` (or the code alone): how every AUD detail quotes an error. */
function describeApiError(error: ApiError): string {
  return error.message ? `${error.code}: ${error.message}` : error.code;
}
