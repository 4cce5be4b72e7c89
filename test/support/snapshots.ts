/**
 * Test snapshots: the bundled fixtures, deep-copied so a test can break one thing in a healthy
 * organization without touching the next test's copy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ListedSnapshot } from '../../lambda/snapshot/types';

const FIXTURES = join(__dirname, '..', 'fixtures');

export type FixtureName = 'healthy-org' | 'demo-org';

/** A fresh, mutable copy of test/fixtures/NAME.json. */
export function fixture(name: FixtureName): ListedSnapshot {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as ListedSnapshot;
}

/** A fresh copy of the healthy organization: no check fires on it. */
export function healthyOrg(): ListedSnapshot {
  return fixture('healthy-org');
}
