import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../../lambda/checks/catalog';
import { parseSnapshot } from '../../lambda/snapshot/load-snapshot';
import { SNAPSHOT_SCHEMA } from '../../lambda/snapshot/snapshot-schema';
import { CHECK_REFERENCE_PATH, checksWithoutScope, REGENERATE_COMMAND, renderCheckReference } from '../../scripts/check-reference';
import { renderSnapshotSchemaDocument, SNAPSHOT_SCHEMA_PATH } from '../../scripts/snapshot-schema-document';

const ROOT = join(__dirname, '..', '..');
const committed = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('generated documents', () => {
  it(`${CHECK_REFERENCE_PATH} matches the check catalog`, () => {
    const expected = renderCheckReference(CHECKS);
    if (committed(CHECK_REFERENCE_PATH) !== expected) {
      throw new Error(`${CHECK_REFERENCE_PATH} is out of date with lambda/checks/catalog.ts: run \`${REGENERATE_COMMAND}\` and commit the result`);
    }
  });

  it(`${SNAPSHOT_SCHEMA_PATH} is the schema the loader validates with`, () => {
    if (committed(SNAPSHOT_SCHEMA_PATH) !== renderSnapshotSchemaDocument(SNAPSHOT_SCHEMA)) {
      throw new Error(`${SNAPSHOT_SCHEMA_PATH} is out of date with lambda/snapshot/snapshot-schema.ts: run \`${REGENERATE_COMMAND}\` and commit the result`);
    }
  });

  it('documents the scope of every registered check', () => {
    expect(checksWithoutScope(CHECKS)).toEqual([]);
  });

  it('the check reference has a section for every check, with its remediation template', () => {
    const text = renderCheckReference(CHECKS);
    for (const check of CHECKS) {
      expect(text).toContain(`### ${check.id}: ${check.title}`);
      expect(text).toContain(`**Remediation.** ${check.remediation.trim()}`);
    }
  });
});

describe('docs/snapshot.md', () => {
  it('its complete example is a valid snapshot', () => {
    const example = /```json\n([\s\S]*?)```/.exec(committed('docs/snapshot.md'))?.[1];
    expect(example).toBeDefined();
    expect(() => parseSnapshot(example as string, 'docs/snapshot.md example')).not.toThrow();
  });
});
