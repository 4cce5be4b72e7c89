/**
 * IAM's `*` / `?` wildcard matching, shared by Action, Resource, StringLike and ArnLike.
 *
 * `*` matches any run of characters (including none), `?` exactly one character; every other
 * character matches itself. No regular expression is built, so a pattern from a policy can never
 * be slow or unsafe: the greedy-with-backtrack walk is O(pattern × value) at worst.
 */
export interface WildcardOptions {
  /** Actions and the `...IgnoreCase` operators compare without case; resources and ARNs do not. */
  caseInsensitive?: boolean;
}

export function matchesWildcard(pattern: string, value: string, options: WildcardOptions = {}): boolean {
  const p = options.caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = options.caseInsensitive ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      starAt = pi++;
      resumeAt = vi;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      vi = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
