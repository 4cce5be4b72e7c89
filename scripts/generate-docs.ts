/**
 * `npm run docs`: rewrites the generated documents from the code they describe.
 *   docs/checks.md          ← the check catalog (lambda/checks/catalog.ts)
 *   docs/snapshot.schema.json ← the snapshot schema (lambda/snapshot/snapshot-schema.ts)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../lambda/checks/catalog';
import { SNAPSHOT_SCHEMA } from '../lambda/snapshot/snapshot-schema';
import { CHECK_REFERENCE_PATH, renderCheckReference } from './check-reference';
import { renderSnapshotSchemaDocument, SNAPSHOT_SCHEMA_PATH } from './snapshot-schema-document';

const root = join(__dirname, '..');
writeFileSync(join(root, CHECK_REFERENCE_PATH), renderCheckReference(CHECKS));
writeFileSync(join(root, SNAPSHOT_SCHEMA_PATH), renderSnapshotSchemaDocument(SNAPSHOT_SCHEMA));
process.stdout.write(`wrote ${CHECK_REFERENCE_PATH} (${CHECKS.length} checks) and ${SNAPSHOT_SCHEMA_PATH}\n`);
