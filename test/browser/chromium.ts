/**
 * The browser the HTML report's tests drive: Debian's Chromium (`apt-get install -y chromium`),
 * through playwright-core. Never a downloaded browser. `.ci/run` installs it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const MISSING_CHROMIUM = `the HTML report's browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
/**
 * On a developer's machine without Chromium the browser tests are listed as to-do with the line
 * above; in CI (which installs it) a missing browser is an error, never a silent pass.
 */
export const chromiumInstalled = existsSync(CHROMIUM_PATH) || failInCi();

function failInCi(): false {
  if (process.env.CI) throw new Error(`CI: ${MISSING_CHROMIUM}`);
  return false;
}

/** Where the tests leave what a person would look at (screenshots, pages): git-ignored. */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
}
