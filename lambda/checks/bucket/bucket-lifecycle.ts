/**
 * S3-003: which lifecycle rules of the log bucket delete current log objects too early.
 *
 * A rule applies to a trail's logs when it is `Enabled`, its prefix (`Filter.Prefix`,
 * `Filter.And.Prefix` or the legacy top-level `Prefix`; none means the whole bucket) overlaps the
 * trail's log prefix `P` + `AWSLogs/` (one starts with the other: a rule on `AWSLogs/o-…/` deletes
 * part of the logs too), and it has no tag filter: CloudTrail never tags the log files it writes,
 * so a rule that requires a tag never matches them. Object-size filters do not exempt a rule.
 *
 * It expires current objects too early when `Expiration.Days` is below the minimum retention, or
 * when it has an `Expiration.Date`: from that date S3 expires every matching current object,
 * however new, so the logs written from then on are kept for no time at all. Rules that only
 * expire non-current versions, remove expired delete markers, abort uploads or transition storage
 * classes delete no current log.
 */
import type { SnapshotLifecycleRule } from '../../snapshot/types';

export interface ShortRetentionRule {
  /** The rule's ID, or `Rules[i]` when it has none. */
  rule: string;
  /** The rule's prefix as written (empty: the whole bucket). */
  rulePrefix: string;
  /** The log prefix it overlaps. */
  logPrefix: string;
  /** e.g. `after 30 days`, `on 2026-01-01`. */
  expiry: string;
}

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

/** How the rule expires current objects sooner than `minRetentionDays`, or undefined when it does not. */
export function earlyCurrentExpiry(rule: SnapshotLifecycleRule, minRetentionDays: number): string | undefined {
  const expiration = rule.Expiration;
  if (expiration?.Date) return `on ${expiration.Date} (every current object, however new)`;
  if (typeof expiration?.Days === 'number' && expiration.Days < minRetentionDays) return `after ${expiration.Days} days`;
  return undefined;
}

/** The rules that expire current objects under any of `logPrefixes` sooner than `minRetentionDays`. */
export function rulesExpiringLogsEarly(
  rules: readonly SnapshotLifecycleRule[],
  logPrefixes: readonly string[],
  minRetentionDays: number,
): ShortRetentionRule[] {
  const found: ShortRetentionRule[] = [];
  rules.forEach((rule, index) => {
    const expiry = earlyCurrentExpiry(rule, minRetentionDays);
    if (!expiry) return;
    const logPrefix = logPrefixes.find((prefix) => ruleAppliesToLogs(rule, prefix));
    if (logPrefix === undefined) return;
    found.push({ rule: rule.ID ?? `Rules[${index}]`, rulePrefix: lifecycleRulePrefix(rule) ?? '', logPrefix, expiry });
  });
  return found;
}
