/**
 * docs/cli.md quotes the CLI's generated help. Each quote sits between `<!-- help: COMMAND -->` and
 * `<!-- /help -->`; `npm run docs:cli` rewrites them from the parser, and a test fails when one
 * drifts from what `org-trail-auditor COMMAND --help` prints.
 *
 *   ts-node --transpile-only scripts/cli-help-document.ts    # rewrite docs/cli.md in place
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../lambda/cli/io';
import { main } from '../lambda/cli/main';

export const CLI_DOC_PATH = 'docs/cli.md';
export const REGENERATE_CLI_HELP = 'npm run docs:cli';

const QUOTE = /<!-- help: ([a-z ]*) -->\n```text\n[\s\S]*?```\n<!-- \/help -->/g;

/** What `org-trail-auditor COMMAND --help` prints (the program's own help for an empty command). */
export async function helpOf(command: string): Promise<string> {
  let out = '';
  const io: CliIo = { stdout: (text) => void (out += text), stderr: () => undefined, stderrIsTTY: false, env: {} };
  const words = command === '' ? [] : command.split(' ');
  const code = await main([...words, '--help'], io);
  if (code !== 0) throw new Error(`"${command} --help" exited ${code}`);
  return out;
}

/** The commands docs/cli.md quotes the help of, in the order it quotes them. */
export function quotedCommands(document: string): string[] {
  return [...document.matchAll(QUOTE)].map((match) => match[1]);
}

/** The document with every help quote replaced by the current help. */
export async function withCurrentHelp(document: string): Promise<string> {
  const helps = new Map<string, string>();
  for (const command of quotedCommands(document)) helps.set(command, await helpOf(command));
  return document.replace(QUOTE, (_, command: string) => `<!-- help: ${command} -->\n\`\`\`text\n${helps.get(command)}\`\`\`\n<!-- /help -->`);
}

if (require.main === module) {
  const path = join(__dirname, '..', CLI_DOC_PATH);
  void withCurrentHelp(readFileSync(path, 'utf8')).then((text) => {
    writeFileSync(path, text);
    process.stdout.write(`${CLI_DOC_PATH}: ${quotedCommands(text).length} help quotes regenerated\n`);
  });
}
