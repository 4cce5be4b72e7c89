#!/usr/bin/env node
/** The `org-trail-auditor` command. Everything happens in lambda/cli/main.ts. */
import { processIo } from '../lambda/cli/io';
import { main } from '../lambda/cli/main';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void main(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
