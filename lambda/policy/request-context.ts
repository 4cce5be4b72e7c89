import type { ContextValue } from './types';

/**
 * The request context with IAM's reading applied: key names compared without case, booleans as
 * the text "true"/"false", every key as a list of values, and an empty list the same as no key.
 */
export class RequestContext {
  private readonly values = new Map<string, readonly string[]>();

  constructor(context: Readonly<Record<string, ContextValue>>) {
    for (const [key, value] of Object.entries(context)) {
      const texts = typeof value === 'boolean' ? [String(value)] : typeof value === 'string' ? [value] : [...value];
      if (texts.length > 0) this.values.set(key.toLowerCase(), texts);
    }
  }

  /** The key's values, or undefined when the request does not carry it. */
  get(key: string): readonly string[] | undefined {
    return this.values.get(key.toLowerCase());
  }
}
