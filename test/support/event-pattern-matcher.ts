/**
 * EventBridge's event-pattern matching, for the forms the auditor's rules use, as documented in
 * "Amazon EventBridge event patterns" (content filtering): a pattern field holding an array matches
 * when the event's value (or one of its values, for an array) equals one of the array's strings or
 * satisfies one of its filter objects (`{ "exists": false }` matches an absent field, `true` a
 * present one); a field holding an object matches the event's object field by field; `$or` holds
 * sub-patterns of which one must match; every field of the pattern must match. Any other filter
 * form throws, so a pattern this matcher does not understand cannot pass a test by accident.
 */
type PatternValue = unknown[] | { [key: string]: PatternValue };

export function matchesEventPattern(pattern: Record<string, PatternValue>, event: unknown): boolean {
  return matchObject(pattern, event);
}

function matchObject(pattern: Record<string, PatternValue>, value: unknown): boolean {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') {
      if (!Array.isArray(expected)) throw new Error('$or must hold an array of patterns');
      return expected.some((alternative) => matchObject(alternative as Record<string, PatternValue>, value));
    }
    const actual = object?.[key];
    if (Array.isArray(expected)) return matchField(expected, actual, object !== undefined && key in object);
    return matchObject(expected, actual);
  });
}

function matchField(allowed: readonly unknown[], actual: unknown, present: boolean): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  return allowed.some((filter) => {
    if (typeof filter === 'string' || typeof filter === 'number' || typeof filter === 'boolean' || filter === null) return present && values.includes(filter);
    const keys = Object.keys(filter as object);
    if (keys.length === 1 && keys[0] === 'exists') return (filter as { exists: boolean }).exists === (present && actual !== undefined);
    throw new Error(`filter not supported by this matcher: ${JSON.stringify(filter)}`);
  });
}
