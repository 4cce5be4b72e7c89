/**
 * `org-trail-auditor audit`: read a snapshot (from a file, or collected live), evaluate every check,
 * print the findings. Exit 0 whatever was found, 3 when --fail-on is met.
 */
import { writeFileSync } from 'node:fs';
import { evaluate } from '../checks/evaluate';
import { SETTING_SPECS, DEFAULT_SETTINGS, type EvaluationSettings } from '../checks/settings';
import { isAtLeast, SEVERITIES } from '../findings/finding';
import { buildReport } from '../report/report';
import { renderReport, REPORT_FORMATS } from '../report/report-format';
import { loadSnapshot } from '../snapshot/load-snapshot';
import type { Snapshot } from '../snapshot/types';
import { CONCURRENCY_RANGE, DEFAULT_CONCURRENCY, DEFAULT_MEMBER_ROLE_NAME, parseAuditArguments, type AuditOptions } from './audit-options';
import { EXIT, UsageError, type CliIo } from './io';

export async function runAuditCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseAuditArguments(args);
  if (parsed.help) {
    io.stdout(AUDIT_HELP);
    return EXIT.OK;
  }
  const { options } = parsed;
  const snapshot = await readSnapshot(options, io);
  const result = evaluate(snapshot, options.settings);
  const report = buildReport(snapshot, result.findings, options.minSeverity);
  io.stdout(renderReport(report, options.format, { colour: options.format === 'table' && wantsColour(io), snapshot }));
  const failOn = options.failOn;
  if (failOn && result.findings.some((finding) => isAtLeast(finding.severity, failOn))) return EXIT.FINDINGS_AT_FAIL_ON;
  return EXIT.OK;
}

async function readSnapshot(options: AuditOptions, io: CliIo): Promise<Snapshot> {
  const { source } = options;
  if (source.kind === 'file') return loadSnapshot(source.path);
  // The collector (and the AWS SDK clients) are loaded only for a live audit.
  const { collectLive } = await import('./live-audit');
  const snapshot = await collectLive(source.options, io);
  if (source.saveSnapshotPath !== undefined) saveSnapshot(snapshot, source.saveSnapshotPath, io);
  return snapshot;
}

function saveSnapshot(snapshot: Snapshot, path: string, io: CliIo): void {
  try {
    writeFileSync(path, `${JSON.stringify(snapshot, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`audit: cannot save the snapshot to ${path}: ${(error as Error).message}`);
  }
  io.stderr(`Snapshot saved to ${path}\n`);
}

/** Colours only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
function wantsColour(io: CliIo): boolean {
  const noColour = io.env.NO_COLOR;
  return io.stdoutIsTTY === true && (noColour === undefined || noColour === '');
}

const settingLines = (Object.keys(SETTING_SPECS) as (keyof EvaluationSettings)[]).map((key) => {
  const spec = SETTING_SPECS[key];
  return `  --${`${spec.flag} N`.padEnd(30)}${spec.description} (default ${DEFAULT_SETTINGS[key]}, ${spec.min}..${spec.max})`;
});

export const AUDIT_HELP = `Usage: org-trail-auditor audit [--snapshot FILE | live options] [options]

Audits an AWS organization's CloudTrail organization trails and member accounts and prints the
findings. With --snapshot it evaluates a saved snapshot offline; without it, it collects the live
organization with the current AWS credentials (run it in the management account).

Source:
  --snapshot FILE                 evaluate this snapshot file instead of the live organization

Live audit (without --snapshot):
  --profile NAME                  AWS profile to use (default: the standard credential chain)
  --region REGION                 region of the API calls that need one (default: the profile's)
  --member-role-name NAME         role assumed in each member account (default ${DEFAULT_MEMBER_ROLE_NAME})
  --log-archive-account ID        account whose credentials read the log bucket (12 digits)
  --concurrency N                 accounts collected at once (default ${DEFAULT_CONCURRENCY}, ${CONCURRENCY_RANGE.min}..${CONCURRENCY_RANGE.max})
  --save-snapshot FILE            also write the collected snapshot to FILE (JSON)

Output:
  --format FORMAT                 ${REPORT_FORMATS.join(' | ')} (default table)
  --min-severity LEVEL            print only findings at or above LEVEL
  --fail-on LEVEL                 exit 3 when a finding at or above LEVEL exists
                                  LEVEL: ${SEVERITIES.join(', ')} (any case)

Thresholds:
${settingLines.join('\n')}

  -h, --help                      show this help

Exit codes: 0 audit done (whatever was found), 1 unexpected failure, 2 bad usage or input,
3 a finding at or above --fail-on.
`;
