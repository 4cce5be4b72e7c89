/**
 * Whether the table report uses ANSI colours, when --no-color did not already say no:
 * FORCE_COLOR (any value but 0 or false) forces them, NO_COLOR (any non-empty value,
 * https://no-color.org) turns them off, and otherwise only a terminal gets them.
 */
import type { CliIo } from './io';

export function wantsColour(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  const noColour = io.env.NO_COLOR;
  if (noColour !== undefined && noColour !== '') return false;
  return io.stdoutIsTTY === true;
}
