import type { CommandOutput, Jsonified } from '../snapshot/types';

/**
 * An SDK value as the snapshot stores it: every `Date` becomes an ISO-8601 string, `undefined`
 * members are left out (as JSON would), and the SDK's `$metadata` is dropped.
 */
export function jsonify<T>(value: T): Jsonified<T> {
  return convert(value) as Jsonified<T>;
}

/** A whole command output, less `$metadata`, as the snapshot stores it. */
export function jsonifyOutput<T extends object>(output: T): CommandOutput<T> {
  return convert(output) as CommandOutput<T>;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === '$metadata' || member === undefined) continue;
    copy[key] = convert(member);
  }
  return copy;
}
