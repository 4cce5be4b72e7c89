import type { JsonSchema } from '../lambda/snapshot/snapshot-schema';

export const SNAPSHOT_SCHEMA_PATH = 'docs/snapshot.schema.json';

/** docs/snapshot.schema.json: the bundled schema, pretty-printed. */
export function renderSnapshotSchemaDocument(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
