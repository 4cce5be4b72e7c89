import type { PatternList } from './parse-policy';
import { matchesWildcard } from './wildcard';

/**
 * Action / NotAction and Resource / NotResource matching.
 *
 * Actions compare without case (`SNS:Publish` is `sns:publish`); resources compare with case.
 * A resource pattern is matched against the whole ARN, so a `*` can reach across colons
 * (`arn:aws:logs:*` covers every log stream), as IAM lets a trailing `*` of a segment do.
 */
function listMatches(list: PatternList, value: string, caseInsensitive: boolean): boolean {
  const matched = list.patterns.some((pattern) => matchesWildcard(pattern, value, { caseInsensitive }));
  return list.negated ? !matched : matched;
}

export function actionMatches(list: PatternList, action: string): boolean {
  return listMatches(list, action, true);
}

/** A statement without Resource/NotResource applies to the resource its policy is attached to. */
export function resourceMatches(list: PatternList | undefined, resource: string): boolean {
  return list === undefined || listMatches(list, resource, false);
}
