/**
 * `--output FILE` for the commands that print a result: what the command writes to standard output
 * goes to FILE instead, written once the command succeeded (a failed command leaves no half file).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, UsageError, type CliIo } from './io';

/** Runs `command` with its standard output sent to `path` (or left alone when `path` is undefined). */
export async function withOutputFile(path: string | undefined, io: CliIo, command: (io: CliIo) => Promise<number>): Promise<number> {
  if (path === undefined) return command(io);
  checkOutputLocation(path);
  let text = '';
  const code = await command({ ...io, stdout: (chunk) => void (text += chunk), stdoutIsTTY: false });
  if (code !== EXIT.OK && code !== EXIT.FINDINGS_AT_FAIL_ON) return code;
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
  return code;
}

/** Fails before any work when the file could not be written where asked. */
export function checkOutputLocation(path: string, flag = 'output'): void {
  if (path === '') throw new UsageError(`--${flag} needs a file name`);
  const directory = dirname(resolve(path));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UsageError(`--${flag} ${path}: the directory ${directory} does not exist`);
  }
}
