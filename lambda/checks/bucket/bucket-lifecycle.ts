/**
 * S3-003: how long the log bucket's lifecycle rules keep a log file (its effective retention).
 *
 * A rule applies to a trail's logs when it is `Enabled`, its prefix (`Filter.Prefix`,
 * `Filter.And.Prefix` or the legacy top-level `Prefix`; none means the whole bucket) overlaps the
 * trail's log prefix `P` + `AWSLogs/` (one starts with the other: a rule on `AWSLogs/o-…/` deletes
 * part of the logs too), and it has no tag filter: CloudTrail never tags the log files it writes.
 * Object-size filters do not exempt a rule.
 *
 * When the data is gone:
 * - versioning not `Enabled` (never enabled, or `Suspended`: new objects get the null version,
 *   which expiry removes): at the smallest `Expiration.Days`, or on an `Expiration.Date`;
 * - versioning `Enabled`: a current-version expiry only adds a delete marker, so the data goes at
 *   the smallest current expiry plus the smallest `NoncurrentVersionExpiration.NoncurrentDays` of
 *   the rules that apply (a rule with `NewerNoncurrentVersions` ≥ 1 keeps a log file's only
 *   noncurrent version, so its noncurrent expiry deletes nothing), and never without both.
 * An `Expiration.Date` counts as the days from capturedAt to that date (0 when it has passed): a log
 * written now is gone then, and every later one sooner.
 * A default Object Lock retention of at least the minimum (either mode; `Years` count 365 days)
 * keeps the data whatever the rules say.
 */
import type { BucketData, SnapshotLifecycleRule } from '../../snapshot/types';
import { answerOf } from '../../snapshot/types';

const DAY_MS = 86_400_000;
const DAYS_PER_OBJECT_LOCK_YEAR = 365;

/** The object-key prefix a rule is restricted to, or undefined when a tag filter excludes log files. */
export function lifecycleRulePrefix(rule: SnapshotLifecycleRule): string | undefined {
  const filter = rule.Filter;
  if (filter?.Tag || (filter?.And?.Tags ?? []).length > 0) return undefined;
  return filter?.Prefix ?? filter?.And?.Prefix ?? rule.Prefix ?? '';
}

/** True when an enabled rule without a tag filter covers some object under `logPrefix`. */
export function ruleAppliesToLogs(rule: SnapshotLifecycleRule, logPrefix: string): boolean {
  if (rule.Status !== 'Enabled') return false;
  const prefix = lifecycleRulePrefix(rule);
  return prefix !== undefined && (logPrefix.startsWith(prefix) || prefix.startsWith(logPrefix));
}

/** The effective retention of the logs under one prefix, when rules delete them. */
export interface EffectiveRetention {
  /** Days a log file written at capturedAt is kept. */
  days: number;
  /** How: e.g. `rule "expire" expires current objects after 30 days, then rule "old" removes noncurrent versions 90 days later`. */
  how: string;
  /** The log prefix judged. */
  logPrefix: string;
}

interface RuleDays {
  rule: string;
  days: number;
  as: string;
}

function ruleName(rule: SnapshotLifecycleRule, index: number): string {
  return rule.ID ?? `Rules[${index}]`;
}

/** The days after which the rule expires a current object written at `now`, or undefined. */
function currentExpiryDays(rule: SnapshotLifecycleRule, index: number, now: number): RuleDays | undefined {
  const expiration = rule.Expiration;
  if (expiration?.Date) {
    const date = Date.parse(expiration.Date);
    if (Number.isNaN(date)) return undefined;
    return { rule: ruleName(rule, index), days: Math.max(0, (date - now) / DAY_MS), as: `on ${expiration.Date}` };
  }
  if (typeof expiration?.Days === 'number') return { rule: ruleName(rule, index), days: expiration.Days, as: `after ${expiration.Days} days` };
  return undefined;
}

/** The days after which the rule removes a log file's only noncurrent version, or undefined. */
function noncurrentExpiryDays(rule: SnapshotLifecycleRule, index: number): RuleDays | undefined {
  const expiration = rule.NoncurrentVersionExpiration;
  if (typeof expiration?.NoncurrentDays !== 'number') return undefined;
  if ((expiration.NewerNoncurrentVersions ?? 0) >= 1) return undefined;
  return { rule: ruleName(rule, index), days: expiration.NoncurrentDays, as: `${expiration.NoncurrentDays} days later` };
}

function smallest(candidates: readonly (RuleDays | undefined)[]): RuleDays | undefined {
  return candidates.reduce<RuleDays | undefined>((best, item) => (item && (!best || item.days < best.days) ? item : best), undefined);
}

/** The default Object Lock retention in days, when the bucket has one. */
export function objectLockRetentionDays(data: BucketData): number | undefined {
  const lock = answerOf(data.objectLock ?? undefined);
  if (!lock || lock.ObjectLockEnabled !== 'Enabled') return undefined;
  const retention = lock.Rule?.DefaultRetention;
  if (!retention) return undefined;
  if (typeof retention.Days === 'number') return retention.Days;
  if (typeof retention.Years === 'number') return retention.Years * DAYS_PER_OBJECT_LOCK_YEAR;
  return undefined;
}

/** The effective retention of the logs under `logPrefix`, or undefined when no rule ever deletes them. */
export function effectiveRetention(
  rules: readonly SnapshotLifecycleRule[],
  logPrefix: string,
  versioned: boolean,
  now: number,
): EffectiveRetention | undefined {
  const applying = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => ruleAppliesToLogs(rule, logPrefix));
  const current = smallest(applying.map(({ rule, index }) => currentExpiryDays(rule, index, now)));
  if (!current) return undefined;
  if (!versioned) return { days: current.days, how: `rule "${current.rule}" expires current objects ${current.as}`, logPrefix };
  const noncurrent = smallest(applying.map(({ rule, index }) => noncurrentExpiryDays(rule, index)));
  if (!noncurrent) return undefined;
  return {
    days: current.days + noncurrent.days,
    how: `rule "${current.rule}" expires current objects ${current.as} (a delete marker on this versioned bucket), then rule "${noncurrent.rule}" removes the noncurrent version ${noncurrent.as}`,
    logPrefix,
  };
}
