/**
 * `org-trail-auditor audit`: read a snapshot (a file, standard input, or collected live), evaluate
 * every check, write the report. Exit 0 whatever was found, 3 when --fail-on is met. The live
 * collector and the AWS SDK are loaded only for a live audit.
 */
import { writeFileSync } from 'node:fs';
import { evaluate } from '../checks/evaluate';
import { isAtLeast } from '../findings/finding';
import { buildReport } from '../report/report';
import { renderReport } from '../report/report-format';
import { DEFAULT_WIDTH } from '../report/text-wrap';
import { loadSnapshot, parseSnapshot } from '../snapshot/load-snapshot';
import type { Snapshot } from '../snapshot/types';
import type { AuditOptions } from './audit-options';
import { EXIT, UsageError, type CliIo } from './io';
import { wantsColour } from './terminal-colour';

export async function runAuditCommand(options: AuditOptions, io: CliIo): Promise<number> {
  const progressIo: CliIo = options.quiet ? { ...io, stderr: () => undefined } : io;
  const snapshot = await readSnapshot(options, io, progressIo);
  const result = evaluate(snapshot, options.settings);
  const report = buildReport(snapshot, result.findings, options.minSeverity, options.settings);
  const toTerminal = options.outputPath === undefined;
  const text = renderReport(report, options.format, {
    colour: options.format === 'table' && toTerminal && options.colour !== false && wantsColour(io),
    width: toTerminal && io.stdoutIsTTY ? (io.stdoutColumns ?? DEFAULT_WIDTH) : DEFAULT_WIDTH,
    snapshot,
  });
  if (options.outputPath === undefined) {
    io.stdout(text);
  } else {
    writeFile(options.outputPath, text, 'the report');
    progressIo.stderr(`Report written to ${options.outputPath}\n`);
  }
  const failOn = options.failOn;
  if (failOn && result.findings.some((finding) => isAtLeast(finding.severity, failOn))) return EXIT.FINDINGS_AT_FAIL_ON;
  return EXIT.OK;
}

async function readSnapshot(options: AuditOptions, io: CliIo, progressIo: CliIo): Promise<Snapshot> {
  const { source } = options;
  if (source.kind === 'file') return loadSnapshot(source.path);
  if (source.kind === 'stdin') {
    if (!io.readStdin) throw new UsageError('audit: --snapshot -: standard input cannot be read here');
    return parseSnapshot(await io.readStdin(), 'standard input');
  }
  const { collectLive } = await import('./live-audit');
  const snapshot = await collectLive(source.options, progressIo);
  if (source.saveSnapshotPath !== undefined) {
    writeFile(source.saveSnapshotPath, `${JSON.stringify(snapshot, null, 2)}\n`, 'the snapshot');
    progressIo.stderr(`Snapshot saved to ${source.saveSnapshotPath}\n`);
  }
  return snapshot;
}

function writeFile(path: string, text: string, what: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`audit: cannot write ${what} to ${path}: ${(error as Error).message}`);
  }
}
