/**
 * Reads a snapshot file: JSON syntax, then the snapshot version, then the schema. Every problem is
 * one SnapshotLoadError whose message names the file, where in it (line and column, or the JSON
 * path of the value) and what was expected. Never a stack trace for a bad file.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isRealDateTime } from './iso-date-time';
import { describeJsonSyntaxError } from './json-syntax-error';
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION } from './snapshot-schema';
import type { Snapshot } from './types';

/** A snapshot that could not be read: the message is meant for the user, as is. */
export class SnapshotLoadError extends Error {
  constructor(
    readonly sourceName: string,
    readonly problem: string,
  ) {
    super(`${sourceName}: ${problem}`);
    this.name = 'SnapshotLoadError';
  }
}

/** Reads and validates the snapshot file at `path`. Throws a SnapshotLoadError. */
export function loadSnapshot(path: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SnapshotLoadError(path, describeReadError(error));
  }
  return parseSnapshot(text, path);
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Parses and validates snapshot text; `sourceName` names it in errors (a path, or e.g. `stdin`).
 * A UTF-8 byte order mark is accepted. Throws a SnapshotLoadError.
 */
export function parseSnapshot(text: string, sourceName: string): Snapshot {
  const json = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  if (json.trim() === '') throw new SnapshotLoadError(sourceName, 'not valid JSON: the file is empty');
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const located = describeJsonSyntaxError(error, json);
    const where = located.line === undefined ? '' : ` at line ${located.line}, column ${located.column}`;
    throw new SnapshotLoadError(sourceName, `not valid JSON: ${located.problem}${where}`);
  }
  return validateSnapshot(document, sourceName);
}

/** Validates an already parsed document. Throws a SnapshotLoadError. */
export function validateSnapshot(document: unknown, sourceName: string): Snapshot {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new SnapshotLoadError(sourceName, `not a snapshot: expected a JSON object, found ${describeValue(document)}`);
  }
  const version = (document as { snapshotVersion?: unknown }).snapshotVersion;
  if (version === undefined) {
    throw new SnapshotLoadError(sourceName, 'not a snapshot: the key "snapshotVersion" is missing');
  }
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotLoadError(
      sourceName,
      `snapshotVersion ${JSON.stringify(version)} is not supported: this version of org-trail-auditor reads snapshotVersion ${SNAPSHOT_VERSION}`,
    );
  }
  const validate = snapshotValidator();
  if (!validate(document)) {
    throw new SnapshotLoadError(sourceName, describeSchemaError(validate.errors ?? []));
  }
  return document as Snapshot;
}

let compiled: ValidateFunction | undefined;

function snapshotValidator(): ValidateFunction {
  // `verbose` keeps the offending value on each error, to show what was found.
  // `date-time` is checked as a real instant (an impossible date makes every clock NaN).
  compiled ??= new Ajv({ allErrors: false, verbose: true, strict: true })
    .addFormat('date-time', { type: 'string', validate: isRealDateTime })
    .compile(SNAPSHOT_SCHEMA);
  return compiled;
}

/**
 * One sentence from ajv's errors: the innermost one, whose path is the deepest. if/then/else errors
 * only repeat what their branch said, so they are skipped.
 */
function describeSchemaError(errors: readonly ErrorObject[]): string {
  const meaningful = errors.filter((e) => e.keyword !== 'if');
  const error = meaningful.reduce<ErrorObject | undefined>(
    (deepest, e) => (deepest === undefined || e.instancePath.length > deepest.instancePath.length ? e : deepest),
    undefined,
  );
  if (!error) return 'does not match the snapshot schema';
  if (error.propertyName !== undefined) {
    const expected = (error.parentSchema as { description?: string } | undefined)?.description ?? 'another key';
    return `at ${joinPath(error.instancePath, error.propertyName)}: the key ${JSON.stringify(error.propertyName)} is not allowed here: expected ${expected}`;
  }
  const path = error.instancePath || '/';
  const found = describeValue(error.data);
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return `at ${joinPath(error.instancePath, key)}: the required key "${key}" is missing`;
    }
    case 'type': {
      const expected = ([] as string[]).concat((error.params as { type: string | string[] }).type);
      return `at ${path}: expected ${expected.map(typeName).join(' or ')}, found ${found}`;
    }
    case 'format':
      return `at ${path}: expected ${description ?? 'an ISO-8601 date-time'} that names a real instant, found ${found}`;
    case 'pattern':
      return `at ${path}: expected ${description ?? `a string matching ${(error.params as { pattern: string }).pattern}`}, found ${found}`;
    case 'const':
      return `at ${path}: expected ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}, found ${found}`;
    default:
      return `at ${path}: ${error.message ?? 'does not match the snapshot schema'}, found ${found}`;
  }
}

/** A JSON Pointer (RFC 6901) extended by one key. */
function joinPath(base: string, key: string): string {
  return `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function typeName(type: string): string {
  switch (type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'integer':
      return 'a whole number';
    case 'null':
      return 'null';
    default:
      return `a ${type}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string': {
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    default:
      return 'nothing';
  }
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a snapshot file';
    default:
      return `cannot be read (${(error as Error).message})`;
  }
}
