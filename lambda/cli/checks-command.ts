/** `org-trail-auditor checks`: the catalog of checks (ID, severity, title), as a table or JSON. */
import { CHECKS } from '../checks/catalog';
import type { CheckDefinition } from '../checks/definition';
import { parseCommandLine } from './command-line';
import { EXIT, UsageError, type CliIo } from './io';

const CHECKS_FORMATS = ['table', 'json'] as const;

export async function runChecksCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('checks', args, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(CHECKS_HELP);
    return EXIT.OK;
  }
  const format = values.format ?? 'table';
  if (format === 'json') {
    io.stdout(renderChecksJson(CHECKS));
  } else if (format === 'table') {
    io.stdout(renderChecksTable(CHECKS));
  } else {
    throw new UsageError(`checks: --format ${JSON.stringify(format)} is not a format; expected one of ${CHECKS_FORMATS.join(', ')}`);
  }
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

export const CHECKS_HELP = `Usage: org-trail-auditor checks [--format table|json]

Lists every check the auditor runs: its stable ID, default severity and title.

  --format FORMAT   table (default) or json (adds each check's description and remediation)
  -h, --help        show this help
`;
