/**
 * IAM's Resource element matching: `*` and `?` wildcards that stay inside one ARN segment.
 *
 * AWS's Resource element rules: wildcards may be used within the segments of an ARN (the parts
 * separated by colons); a `*` that is the last character of a segment may expand beyond the colon
 * boundaries. So `arn:aws:logs:us-east-1:11111111111*oup:…` does not reach across the colon after
 * the account, while `arn:aws:logs:*` and `…:log-group:G:*` cover everything after them.
 * `?` matches one character other than a colon.
 *
 * Dynamic programming over (pattern, value) positions: O(pattern × value), no regular expression.
 */
import { matchesWildcard } from './wildcard';

const SEGMENT_SEPARATOR = ':';

/** Whether every wildcard of the pattern is a `*` ending its segment: then plain wildcard matching is the same. */
function onlySpanningStars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '?') return false;
    if (pattern[i] === '*' && i < pattern.length - 1 && pattern[i + 1] !== SEGMENT_SEPARATOR) return false;
  }
  return true;
}

export function matchesResourcePattern(pattern: string, value: string): boolean {
  // The common patterns (`arn:aws:s3:::bucket/AWSLogs/o-1/*`, `*`) take the linear path.
  if (onlySpanningStars(pattern)) return matchesWildcard(pattern, value);
  // reachable[j]: the first i pattern characters can match the first j value characters.
  let reachable = new Array<boolean>(value.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < pattern.length; i++) {
    const symbol = pattern[i];
    const next = new Array<boolean>(value.length + 1).fill(false);
    if (symbol === '*') {
      const spansSegments = i === pattern.length - 1 || pattern[i + 1] === SEGMENT_SEPARATOR;
      for (let j = 0; j <= value.length; j++) {
        // Either the star matches nothing more, or it extends over value[j - 1].
        next[j] = reachable[j] || (j > 0 && next[j - 1] && (spansSegments || value[j - 1] !== SEGMENT_SEPARATOR));
      }
    } else {
      for (let j = 1; j <= value.length; j++) {
        const character = value[j - 1];
        const same = symbol === '?' ? character !== SEGMENT_SEPARATOR : symbol === character;
        next[j] = reachable[j - 1] && same;
      }
    }
    reachable = next;
  }
  return reachable[value.length];
}
