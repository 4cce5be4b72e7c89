import { matchesWildcard } from './wildcard';

/**
 * ARN comparison as the `Arn*` condition operators do it: an ARN has six colon-separated
 * components (`arn:partition:service:region:account:resource`, the last one may itself contain
 * colons) and each component is matched on its own, with wildcards that never cross a colon
 * between components.
 */
const ARN_COMPONENTS = 6;

/** The six colon-separated components of a text (the last keeps its colons), or undefined when it has fewer. */
function sixComponents(text: string): string[] | undefined {
  const parts = text.split(':');
  if (parts.length < ARN_COMPONENTS) return undefined;
  return [...parts.slice(0, ARN_COMPONENTS - 1), parts.slice(ARN_COMPONENTS - 1).join(':')];
}

/** The six components of an ARN, or undefined when the text is not an ARN. */
export function arnComponents(arn: string): string[] | undefined {
  const components = sixComponents(arn);
  return components?.[0] === 'arn' ? components : undefined;
}

/**
 * Whether `arn` matches `pattern` component by component (case-sensitive, `*` and `?` wildcards).
 * The pattern's first component is a pattern like the others (`?rn:aws-us-gov:…` matches), while
 * the value must be an ARN.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const wanted = sixComponents(pattern);
  const actual = arnComponents(arn);
  if (!wanted || !actual) return false;
  return wanted.every((component, index) => matchesWildcard(component, actual[index]));
}
