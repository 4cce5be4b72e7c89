/**
 * The browser the HTML report's tests drive: Debian's Chromium (`apt-get install -y chromium`),
 * through playwright-core. Never a downloaded browser. `.ci/run` installs it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM_PATH);
export const MISSING_CHROMIUM = `the HTML report's browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;

/** Where the tests leave what a person would look at (screenshots, pages): git-ignored. */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
}
