/** `org-trail-auditor checks`: the catalog of checks (ID, severity, title), as a table or JSON. */
import { CHECKS } from '../checks/catalog';
import type { CheckDefinition } from '../checks/definition';
import type { ChecksFormat } from './checks-formats';
import { EXIT, type CliIo } from './io';

export async function runChecksCommand(format: ChecksFormat, io: CliIo): Promise<number> {
  io.stdout(format === 'json' ? renderChecksJson(CHECKS) : renderChecksTable(CHECKS));
  return EXIT.OK;
}

/** `{"checks": [{id, family, severity, title, description, remediation}, …]}` in catalog order. */
export function renderChecksJson(checks: readonly CheckDefinition[]): string {
  const listed = checks.map(({ id, family, severity, title, description, remediation }) => ({ id, family, severity, title, description, remediation }));
  return `${JSON.stringify({ checks: listed }, null, 2)}\n`;
}

/** One aligned line per check: ID, severity, title. */
export function renderChecksTable(checks: readonly CheckDefinition[]): string {
  if (checks.length === 0) return 'No checks are registered.\n';
  const rows = [['ID', 'SEVERITY', 'TITLE'], ...checks.map((c) => [c.id, c.severity, c.title])];
  const idWidth = Math.max(...rows.map((r) => r[0].length));
  const severityWidth = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([id, severity, title]) => `${id.padEnd(idWidth)}  ${severity.padEnd(severityWidth)}  ${title}`);
  return `${lines.join('\n')}\n\n${checks.length} checks. Details: docs/checks.md, or "org-trail-auditor checks --format json".\n`;
}
