/**
 * Which finding explains which: a root cause and the symptoms it produces. The reports list each
 * symptom under its cause instead of as a separate fault (S3-002's bucket policy explains the
 * DLV-002 of a trail writing there and every DLV-008 read in that bucket).
 */
import type { Finding } from '../findings/finding';
import type { OrgTrail } from '../checks/model';

/** What the rules need to know of the org trails: where each writes, and through what. */
export interface TrailLinks {
  /** Trail ARN → its S3 bucket. */
  bucketOfTrail: Readonly<Record<string, string>>;
  /** Trail ARN → its CloudWatch Logs role ARN. */
  cloudWatchLogsRoleOfTrail: Readonly<Record<string, string>>;
  /** Trail ARN → its SNS topic ARN. */
  topicOfTrail: Readonly<Record<string, string>>;
  /** Home region → the buckets of the org trails whose home region it is. */
  bucketsOfHomeRegion: Readonly<Record<string, readonly string[]>>;
}

export interface RootCauseRule {
  cause: string;
  symptom: string;
  /** Why the cause explains the symptom, in the words of docs/cli.md's table. */
  because: string;
  explains(cause: Finding, symptom: Finding, links: TrailLinks): boolean;
}

const sameAccount = (cause: Finding, symptom: Finding) => cause.accountId === symptom.accountId;

/**
 * The rules, in order: a symptom goes under the first cause (in this order, then in report order)
 * that explains it: the most specific first (a member's own ORG-003 before the stopped trail). No check is both a cause and a symptom, so a group is never nested.
 */
export const ROOT_CAUSE_RULES: readonly RootCauseRule[] = [
  {
    cause: 'S3-002',
    symptom: 'DLV-002',
    because: 'the trail writes to the bucket whose policy refuses CloudTrail',
    explains: (cause, symptom, links) => links.bucketOfTrail[symptom.resource] === cause.resource,
  },
  {
    cause: 'S3-002',
    symptom: 'DLV-008',
    because: 'no file reaches the bucket whose policy refuses CloudTrail',
    explains: (cause, symptom) => symptom.resource === cause.resource,
  },
  {
    cause: 'ORG-003',
    symptom: 'ORG-009',
    because: "the member has not enabled the trail's home region, so the trail does not reach it",
    explains: sameAccount,
  },
  {
    cause: 'ORG-003',
    symptom: 'DLV-008',
    because: "the member has not enabled the trail's home region, so it sends that trail nothing",
    explains: (cause, symptom, links) => sameAccount(cause, symptom) && cause.region !== null && (links.bucketsOfHomeRegion[cause.region] ?? []).includes(symptom.resource),
  },
  {
    cause: 'DLV-001',
    symptom: 'DLV-008',
    because: 'the stopped trail delivers nothing to its bucket, for any account',
    explains: (cause, symptom, links) => links.bucketOfTrail[cause.resource] === symptom.resource,
  },
  {
    cause: 'AUD-001',
    symptom: 'AUD-002',
    because: 'the auditor could not enter the account at all',
    explains: sameAccount,
  },
  {
    cause: 'AUD-001',
    symptom: 'AUD-003',
    because: 'the auditor could not enter the account at all',
    explains: sameAccount,
  },
  {
    cause: 'AUD-001',
    symptom: 'DLV-008',
    because: 'the auditor could not enter the account to see whether it sees the trail',
    explains: sameAccount,
  },
  {
    cause: 'CFG-006',
    symptom: 'DLV-003',
    because: "the trail's CloudWatch Logs role does not let CloudTrail deliver",
    explains: (cause, symptom, links) => links.cloudWatchLogsRoleOfTrail[symptom.resource] === cause.resource,
  },
  {
    cause: 'CFG-013',
    symptom: 'DLV-004',
    because: "the trail's SNS topic does not let CloudTrail publish",
    explains: (cause, symptom, links) => links.topicOfTrail[symptom.resource] === cause.resource,
  },
];

/** A finding and the findings it explains (none for a finding that explains nothing). */
export interface RootCauseGroup {
  cause: Finding;
  symptoms: Finding[];
  /** For each symptom, the rule's `because`, in the same order as `symptoms`. */
  reasons: string[];
}

/** The trail links of the org trails, for the rules. */
export function trailLinksOf(orgTrails: readonly OrgTrail[]): TrailLinks {
  const links = {
    bucketOfTrail: {} as Record<string, string>,
    cloudWatchLogsRoleOfTrail: {} as Record<string, string>,
    topicOfTrail: {} as Record<string, string>,
    bucketsOfHomeRegion: {} as Record<string, string[]>,
  };
  for (const { arn, homeRegion, trail } of orgTrails) {
    if (trail.S3BucketName) {
      links.bucketOfTrail[arn] = trail.S3BucketName;
      (links.bucketsOfHomeRegion[homeRegion] ??= []).push(trail.S3BucketName);
    }
    if (trail.CloudWatchLogsRoleArn) links.cloudWatchLogsRoleOfTrail[arn] = trail.CloudWatchLogsRoleArn;
    if (trail.SnsTopicARN) links.topicOfTrail[arn] = trail.SnsTopicARN;
  }
  return links;
}

/**
 * Groups `findings` (in report order) by root cause: one group per finding that is no symptom of
 * another, in the order of its cause; a symptom keeps its place only when nothing explains it.
 */
export function groupByRootCause(findings: readonly Finding[], links: TrailLinks): RootCauseGroup[] {
  const byCheck = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byCheck.get(finding.checkId);
    if (list) list.push(finding);
    else byCheck.set(finding.checkId, [finding]);
  }
  const causeOf = new Map<Finding, { cause: Finding; because: string }>();
  for (const symptom of findings) {
    for (const rule of ROOT_CAUSE_RULES) {
      if (symptom.checkId !== rule.symptom) continue;
      const cause = (byCheck.get(rule.cause) ?? []).find((candidate) => candidate.checkId === rule.cause && rule.explains(candidate, symptom, links));
      if (cause) {
        causeOf.set(symptom, { cause, because: rule.because });
        break;
      }
    }
  }
  const groups = new Map<Finding, RootCauseGroup>();
  for (const finding of findings) {
    if (!causeOf.has(finding)) groups.set(finding, { cause: finding, symptoms: [], reasons: [] });
  }
  for (const [symptom, { cause, because }] of causeOf) {
    const group = groups.get(cause);
    if (!group) continue;
    group.symptoms.push(symptom);
    group.reasons.push(because);
  }
  return [...groups.values()];
}
