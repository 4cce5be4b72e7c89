/** How findings of the CFG and S3 families name lists of things in their detail text. */

/** At most this many items are named in a detail; the rest are counted. */
export const NAMED_ITEMS_LIMIT = 10;

/**
 * `a, b and c`, or `a, b, … j and 4,995 more` when the list is longer than `limit`: a detail stays
 * readable (and fits an alert) even when thousands of accounts are affected.
 */
export function nameList(items: readonly string[], limit: number = NAMED_ITEMS_LIMIT): string {
  if (items.length === 0) return 'none';
  if (items.length > limit) {
    const rest = items.length - limit;
    return `${items.slice(0, limit).join(', ')} and ${rest.toLocaleString('en-US')} more`;
  }
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `1 account` / `2 accounts`, with thousands separators. */
export function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
