/** The `findings` and `runs` flags, validated (enum values in any case); each bad value is a UsageError naming it. */
import { isSeverity, parseFindingKey, SEVERITIES, type Severity } from '../findings/finding';
import { FINDING_STATUSES, isFindingStatus, type FindingStatus } from '../findings/finding-record';
import { OUTPUT_FORMATS, type OutputFormat } from '../report/stored-findings-listing';
import { UsageError } from './io';

export const RUNS_LIMIT = { min: 1, max: 1000, default: 20 } as const;

export function statusList(raw: string | undefined): FindingStatus[] {
  if (raw === undefined) return ['OPEN'];
  const values = raw.toUpperCase().split(',').map((v) => v.trim());
  if (values.includes('ALL')) return [...FINDING_STATUSES];
  for (const value of values) {
    if (!isFindingStatus(value)) throw new UsageError(`--status ${JSON.stringify(raw)}: expected ${FINDING_STATUSES.join(', ')} or ALL (comma-separated)`);
  }
  return values as FindingStatus[];
}

export function severityList(raw: string | undefined): Severity[] {
  if (raw === undefined) return [...SEVERITIES];
  const values = raw.toUpperCase().split(',').map((v) => v.trim());
  for (const value of values) {
    if (!isSeverity(value)) throw new UsageError(`--severity ${JSON.stringify(raw)}: expected ${SEVERITIES.join(', ')} (comma-separated)`);
  }
  return values as Severity[];
}

export function accountFlag(raw: string | undefined): string | undefined {
  if (raw !== undefined && !/^\d{12}$/.test(raw)) throw new UsageError(`--account ${JSON.stringify(raw)}: expected a 12-digit account ID`);
  return raw;
}

export function checkFlag(raw: string | undefined): string | undefined {
  const check = raw?.toUpperCase();
  if (check !== undefined && !/^[A-Z0-9]+-\d{3}$/.test(check)) throw new UsageError(`--check ${JSON.stringify(raw)}: expected a check ID such as DLV-002`);
  return check;
}

/** One of `allowed`, in any case. */
export function formatFlag<const T extends string>(raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) throw new UsageError(`--format ${JSON.stringify(raw)}: expected ${allowed.join(', ')}`);
  return lower as T;
}

export function listFormat(raw: string | undefined): OutputFormat {
  return formatFlag(raw, OUTPUT_FORMATS, 'table');
}

export function limitFlag(raw: string | undefined): number {
  if (raw === undefined) return RUNS_LIMIT.default;
  const limit = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(limit) || limit < RUNS_LIMIT.min || limit > RUNS_LIMIT.max) {
    throw new UsageError(`--limit ${JSON.stringify(raw)}: expected a whole number from ${RUNS_LIMIT.min} to ${RUNS_LIMIT.max}`);
  }
  return limit;
}

export function findingId(raw: string): string {
  try {
    parseFindingKey(raw);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return raw;
}

/** --reason: required, with something in it. */
export function reasonFlag(raw: string | undefined): string {
  if (!raw?.trim()) throw new UsageError('--reason is required: say why the risk is accepted');
  return raw;
}

export function untilFlag(raw: string | undefined): string {
  if (!raw) throw new UsageError('--until is required: the date the suppression ends (YYYY-MM-DD)');
  return raw;
}
