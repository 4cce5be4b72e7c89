import { readFileSync } from 'node:fs';
import { ROOT_CAUSE_RULES } from '../../lambda/report/root-cause';
import { join } from 'node:path';
import { CLI_DOC_PATH, quotedCommands, REGENERATE_CLI_HELP, withCurrentHelp } from '../../scripts/cli-help-document';

const committed = readFileSync(join(__dirname, '..', '..', CLI_DOC_PATH), 'utf8');

describe(`${CLI_DOC_PATH} and --help`, () => {
  it('quotes the help of the program and of every command', () => {
    expect(quotedCommands(committed)).toEqual(['', 'audit', 'checks', 'findings', 'findings list', 'findings show', 'findings suppress', 'findings unsuppress', 'runs', 'runs list']);
  });

  it('quotes each help exactly as the CLI prints it', async () => {
    if ((await withCurrentHelp(committed)) !== committed) {
      throw new Error(`${CLI_DOC_PATH} is out of date with the CLI's --help: run \`${REGENERATE_CLI_HELP}\` and commit the result`);
    }
  });
});

describe(`${CLI_DOC_PATH} and the root-cause rules`, () => {
  it('lists every rule, in the order the reports apply them', () => {
    const documented = [...committed.matchAll(/^\| ([A-Z0-9]+-\d{3}) \| ([A-Z0-9]+-\d{3}) \|/gm)].map((m) => `${m[1]}→${m[2]}`);
    expect(documented).toEqual(ROOT_CAUSE_RULES.map((rule) => `${rule.cause}→${rule.symptom}`));
  });
});
