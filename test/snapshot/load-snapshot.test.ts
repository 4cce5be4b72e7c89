import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnapshot, parseSnapshot, SnapshotLoadError } from '../../lambda/snapshot/load-snapshot';
import type { ListedSnapshot, Snapshot } from '../../lambda/snapshot/types';
import { fixture, healthyOrg } from '../support/snapshots';

const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';

/** The message parseSnapshot fails with, for a snapshot broken by `mutate`. */
function problemWith(mutate: (snapshot: ListedSnapshot & Record<string, unknown>) => void): string {
  const snapshot = healthyOrg() as ListedSnapshot & Record<string, unknown>;
  mutate(snapshot);
  try {
    parseSnapshot(JSON.stringify(snapshot), 'org.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotLoadError);
    return (error as Error).message;
  }
  throw new Error('the snapshot was accepted');
}

describe('parseSnapshot', () => {
  it('reads both bundled fixtures and returns the document', () => {
    for (const name of ['healthy-org', 'demo-org'] as const) {
      const text = JSON.stringify(fixture(name));
      expect(parseSnapshot(text, `${name}.json`)).toEqual(JSON.parse(text));
    }
  });

  it('accepts unknown keys at every level (a newer collector stays readable)', () => {
    const snapshot = healthyOrg() as ListedSnapshot & Record<string, unknown>;
    (snapshot as unknown as Record<string, unknown>).collectorVersion = '9.0';
    (snapshot.accountData['222222222222'] as Record<string, unknown>).newSection = { anything: [1, 2] };
    (snapshot.accountData['111111111111'].regionData!['us-east-1'].trails![0] as Record<string, unknown>).FutureField = true;
    (snapshot.buckets!['org-trail-logs-222222222222'] as Record<string, unknown>).replication = null;
    expect(() => parseSnapshot(JSON.stringify(snapshot), 'org.json')).not.toThrow();
  });

  it('accepts null where "collected, and there is none" is allowed, and absent optional keys', () => {
    const snapshot = healthyOrg();
    const bucket = snapshot.buckets!['org-trail-logs-222222222222'];
    bucket.policy = null;
    bucket.lifecycleRules = null;
    bucket.logging = null;
    snapshot.resourcePolicy = null;
    snapshot.kmsKeys = { 'arn:aws:kms:us-east-1:111111111111:key/gone': null };
    snapshot.accountData['111111111111'].regionData!['us-east-1'].insightSelectors = { [TRAIL_ARN]: null };
    delete snapshot.snsTopics;
    delete snapshot.accountData['222222222222'].regions;
    expect(() => parseSnapshot(JSON.stringify(snapshot), 'org.json')).not.toThrow();
  });

  it('accepts an error record in place of an answer', () => {
    const snapshot = healthyOrg();
    snapshot.accountData['111111111111'].regionData!['us-east-1'].trailStatus = { [TRAIL_ARN]: { error: { code: 'AccessDeniedException', message: 'no' } } };
    snapshot.buckets!['org-trail-logs-222222222222'].policy = { error: { code: 'AccessDenied' } };
    expect(() => parseSnapshot(JSON.stringify(snapshot), 'org.json')).not.toThrow();
  });

  it('names the file, the JSON path and the expected type of a wrongly typed value', () => {
    expect(
      problemWith((s) => {
        (s.accountData['222222222222'].regionData!['us-east-1'].trails![0] as Record<string, unknown>).IsMultiRegionTrail = 'yes';
      }),
    ).toBe('org.json: at /accountData/222222222222/regionData/us-east-1/trails/0/IsMultiRegionTrail: expected a boolean, found the string "yes"');
  });

  it('rejects null where the format does not allow it', () => {
    expect(
      problemWith((s) => {
        (s.accountData['111111111111'].regionData!['us-east-1'].trailStatus as Record<string, unknown>)[TRAIL_ARN] = null;
      }),
    ).toBe('org.json: at /accountData/111111111111/regionData/us-east-1/trailStatus/arn:aws:cloudtrail:us-east-1:111111111111:trail~1org-trail: expected an object, found null');
  });

  it('names a missing required key with its path', () => {
    expect(problemWith((s) => delete (s as Partial<ListedSnapshot>).accounts)).toBe('org.json: at /accounts: the required key "accounts" is missing');
    expect(
      problemWith((s) => {
        s.buckets!['org-trail-logs-222222222222'].policy = { error: { message: 'no code' } } as never;
      }),
    ).toBe('org.json: at /buckets/org-trail-logs-222222222222/policy/error/code: the required key "code" is missing');
  });

  it('explains a malformed value: timestamps, account IDs, account keys', () => {
    expect(problemWith((s) => (s.capturedAt = 'yesterday'))).toBe('org.json: at /capturedAt: expected an ISO-8601 date-time, found the string "yesterday"');
    expect(problemWith((s) => (s.accounts[1].Id = '2222'))).toBe('org.json: at /accounts/1/Id: expected a 12-digit AWS account ID, found the string "2222"');
    expect(problemWith((s) => (s.accountData['log-archive'] = {}))).toBe(
      'org.json: at /accountData/log-archive: the key "log-archive" is not allowed here: expected a 12-digit AWS account ID',
    );
  });

  it('rejects another snapshotVersion, and a document that is not a snapshot', () => {
    expect(problemWith((s) => ((s as { snapshotVersion: unknown }).snapshotVersion = 2))).toBe(
      'org.json: snapshotVersion 2 is not supported: this version of org-trail-auditor reads snapshotVersion 1',
    );
    expect(problemWith((s) => delete (s as Partial<ListedSnapshot>).snapshotVersion)).toBe('org.json: not a snapshot: the key "snapshotVersion" is missing');
    expect(() => parseSnapshot('[1, 2]', 'list.json')).toThrow('list.json: not a snapshot: expected a JSON object, found an array');
  });

  it('locates a JSON syntax error by line and column, from what JSON.parse reports', () => {
    expect(() => parseSnapshot('{\n  "snapshotVersion": 1,\n  "accounts": [1, 2,]\n}', 'broken.json')).toThrow(
      new SnapshotLoadError('broken.json', 'not valid JSON: unexpected "]" at line 3, column 21'),
    );
    expect(() => parseSnapshot('{"a": "unterminated', 'cut.json')).toThrow('cut.json: not valid JSON: unterminated string at line 1, column 20');
    expect(() => parseSnapshot('{"a": 1} x', 'tail.json')).toThrow('tail.json: not valid JSON: unexpected non-whitespace character after JSON at line 1, column 10');
    expect(() => parseSnapshot('   ', 'empty.json')).toThrow('empty.json: not valid JSON: the file is empty');
    expect(() => parseSnapshot("{'a': 1}", 'quotes.json')).toThrow("quotes.json: not valid JSON: expected property name or '}' at line 1, column 2");
    expect(() => parseSnapshot('{"a": [1,', 'short.json')).toThrow('short.json: not valid JSON: the document ends too early at line 1, column 10');
  });

  it('answers 5,000 unclosed [ at once, with one line', () => {
    const started = Date.now();
    expect(() => parseSnapshot('['.repeat(5000), 'deep.json')).toThrow('deep.json: not valid JSON: the document ends too early at line 1, column 5001');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reads a value nested 200,000 deep under an unknown key without exhausting the stack', () => {
    const snapshot = healthyOrg() as ListedSnapshot & Record<string, unknown>;
    const text = JSON.stringify(snapshot).replace(/}$/, `,"extra":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    expect(() => parseSnapshot(text, 'nested.json')).not.toThrow();
  });

  it('accepts a UTF-8 byte order mark', () => {
    const text = `\uFEFF${JSON.stringify(healthyOrg())}`;
    expect(parseSnapshot(text, 'bom.json').capturedAt).toBe(healthyOrg().capturedAt);
  });

  it.each([
    ['capturedAt', (s: ListedSnapshot & Record<string, unknown>) => (s.capturedAt = '2026-13-45T25:61:00Z'), '/capturedAt', '2026-13-45T25:61:00Z'],
    ['February 30', (s: ListedSnapshot & Record<string, unknown>) => (s.capturedAt = '2026-02-30T10:00:00.000Z'), '/capturedAt', '2026-02-30T10:00:00.000Z'],
    ['JoinedTimestamp', (s: ListedSnapshot & Record<string, unknown>) => (s.accounts[1].JoinedTimestamp = '2024-01-01T24:00:00Z'), '/accounts/1/JoinedTimestamp', '2024-01-01T24:00:00Z'],
    [
      'a delivery time',
      (s: ListedSnapshot & Record<string, unknown>) => (s.buckets!['org-trail-logs-222222222222'].deliveryEvidence!['222222222222']['us-east-1'] = '2026-11-22T09:60:00Z'),
      '/buckets/org-trail-logs-222222222222/deliveryEvidence/222222222222/us-east-1',
      '2026-11-22T09:60:00Z',
    ],
  ])('rejects an impossible date (%s) with one line naming it', (_name, mutate, path, value) => {
    expect(problemWith(mutate)).toBe(`org.json: at ${path}: expected an ISO-8601 date-time that names a real instant, found the string ${JSON.stringify(value)}`);
  });

  it('accepts real dates with an offset and on a leap day', () => {
    const snapshot = healthyOrg();
    snapshot.capturedAt = '2028-02-29T23:59:59+14:00';
    expect(() => parseSnapshot(JSON.stringify(snapshot), 'org.json')).not.toThrow();
  });

  it('validates the lifecycle Filter: a non-string Prefix is one clear line', () => {
    expect(
      problemWith((s) => {
        s.buckets!['org-trail-logs-222222222222'].lifecycleRules = [{ ID: 'r', Status: 'Enabled', Filter: { Prefix: 7 as unknown as string } }];
      }),
    ).toBe('org.json: at /buckets/org-trail-logs-222222222222/lifecycleRules/0/Filter/Prefix: expected a string, found the number 7');
    expect(
      problemWith((s) => {
        s.buckets!['org-trail-logs-222222222222'].lifecycleRules = [{ ID: 'r', Status: 'Enabled', Filter: { And: { Tags: 'x' as unknown as [] } } }];
      }),
    ).toBe('org.json: at /buckets/org-trail-logs-222222222222/lifecycleRules/0/Filter/And/Tags: expected an array, found the string "x"');
  });

  it('accepts the v2 additions and lists recorded as {error}', () => {
    const snapshot = healthyOrg() as unknown as Snapshot;
    const failed = { error: { code: 'ThrottlingException', message: 'Rate exceeded' } };
    snapshot.accountsIncomplete = failed.error;
    snapshot.roots = [{ Id: 'r-ab12', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }];
    snapshot.accountPaths = { '222222222222': ['ou-ab12-security', 'r-ab12'], '333333333333': failed };
    snapshot.targetPolicies = { 'r-ab12': { SERVICE_CONTROL_POLICY: [{ Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Content: '{}' }], RESOURCE_CONTROL_POLICY: failed }, 'ou-ab12-security': failed };
    snapshot.buckets!['org-trail-logs-222222222222'].requestPayment = 'Requester';
    snapshot.accountData['333333333333'].regionData = failed;
    const management = snapshot.accountData['111111111111'].regionData as Record<string, { trailStatus?: unknown; trails?: unknown }>;
    management['us-east-1'].trailStatus = failed;
    (snapshot.accountData['444444444444'].regionData as Record<string, { trails?: unknown }>)['us-east-1'].trails = failed;
    expect(() => parseSnapshot(JSON.stringify(snapshot), 'v2.json')).not.toThrow();
    snapshot.accounts = failed;
    expect(() => parseSnapshot(JSON.stringify(snapshot), 'v2.json')).not.toThrow();
  });

  it('rejects a Payer other than BucketOwner or Requester', () => {
    expect(problemWith((s) => (s.buckets!['org-trail-logs-222222222222'].requestPayment = 'Nobody' as 'Requester'))).toBe(
      'org.json: at /buckets/org-trail-logs-222222222222/requestPayment: expected BucketOwner or Requester, found the string "Nobody"',
    );
  });

  it.each(['__proto__', 'constructor', 'toString'])('reads a bucket named %s as data', (name) => {
    const snapshot = healthyOrg();
    const text = JSON.stringify(snapshot).split('org-trail-logs-222222222222').join(name);
    const parsed = parseSnapshot(text, 'names.json');
    expect(Object.prototype.hasOwnProperty.call(parsed.buckets, name)).toBe(true);
  });
});

describe('loadSnapshot', () => {
  const directory = mkdtempSync(join(tmpdir(), 'load-snapshot-'));

  it('reads a snapshot file', () => {
    const path = join(directory, 'healthy.json');
    writeFileSync(path, JSON.stringify(healthyOrg(), null, 2));
    expect(loadSnapshot(path).organization).toEqual(healthyOrg().organization);
  });

  it('names a missing file, and a directory given as a file', () => {
    expect(() => loadSnapshot(join(directory, 'nope.json'))).toThrow(`${join(directory, 'nope.json')}: no such file`);
    expect(() => loadSnapshot(directory)).toThrow(`${directory}: is a directory, not a snapshot file`);
  });

  it('names the file in a schema error', () => {
    const path = join(directory, 'bad.json');
    const snapshot = healthyOrg();
    (snapshot as { partition: unknown }).partition = 42;
    writeFileSync(path, JSON.stringify(snapshot));
    expect(() => loadSnapshot(path)).toThrow(`${path}: at /partition: expected a string, found the number 42`);
  });
});
