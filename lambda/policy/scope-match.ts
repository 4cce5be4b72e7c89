import type { PatternList } from './parse-policy';
import { matchesResourcePattern } from './resource-pattern';
import { matchesWildcard } from './wildcard';

/**
 * Action / NotAction and Resource / NotResource matching.
 *
 * Actions compare without case (`SNS:Publish` is `sns:publish`); resources compare with case,
 * segment by segment: a wildcard stays inside its ARN segment unless it is a `*` ending one
 * (`arn:aws:logs:*` covers every log stream; `…:11111111111*oup:…` does not cross a colon).
 */
function listMatches(list: PatternList, matches: (pattern: string) => boolean): boolean {
  const matched = list.patterns.some(matches);
  return list.negated ? !matched : matched;
}

export function actionMatches(list: PatternList, action: string): boolean {
  return listMatches(list, (pattern) => matchesWildcard(pattern, action, { caseInsensitive: true }));
}

/** A statement without Resource/NotResource applies to the resource its policy is attached to. */
export function resourceMatches(list: PatternList | undefined, resource: string): boolean {
  return list === undefined || listMatches(list, (pattern) => matchesResourcePattern(pattern, resource));
}
