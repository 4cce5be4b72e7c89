/**
 * node:util parseArgs, strict, with its errors turned into UsageErrors that name the offending
 * argument in the words of this CLI (`audit: unknown option --colour`).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` against `options`; no positional arguments unless `positionals` is true. */
export function parseCommandLine<T extends OptionSpecs>(command: string, args: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError(`${command}: ${describeParseError(error as Error & { code?: string })} (see "org-trail-auditor ${command} --help")`);
  }
}

function describeParseError(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? error.message}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted ?? error.message)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = /'(-[^' ]+)/.exec(error.message)?.[1];
      return /argument missing|ambiguous/.test(error.message) && option
        ? `option ${option} needs a value`
        : option
          ? `option ${option} does not take a value`
          : error.message;
    }
    default:
      return error.message;
  }
}
