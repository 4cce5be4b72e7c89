#!/usr/bin/env node
/** The `org-trail-auditor` command. Everything happens in lambda/cli/main.ts. */

// The AWS SDK's multi-line warning about Node.js 20 would break the promise of one line on stderr;
// it is read when the first client is built, which is later than this. Set to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
