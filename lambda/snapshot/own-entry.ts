/**
 * Looking a name read from a snapshot up in a table built from the snapshot's JSON: own properties
 * only. A bucket, trail or account named `__proto__`, `constructor` or `toString` is data, never a
 * member of `Object.prototype`.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Whether the table holds `key` as its own property (see ownEntry). */
export function hasOwnEntry(table: object | undefined, key: string): boolean {
  return table !== undefined && Object.prototype.hasOwnProperty.call(table, key);
}
