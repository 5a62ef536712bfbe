/**
 * The Chromium that the end-to-end tests drive: Debian's `chromium` package,
 * because Playwright cannot download its own browser on these machines.
 * Debian 12 ships the Chromium build that Electron 45 embeds (156), so the
 * renderer meets the same engine in both.
 */
import { existsSync } from 'node:fs';

import type { LaunchOptions } from '@playwright/test';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for a quiet headless run: without the background networking flags,
 * Chromium keeps trying to reach Google hosts that a test machine cannot
 * reach. `--no-sandbox` because the tests may run as root in a container.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  headless: true,
};

export const INSTALL_CHROMIUM_HINT = `install Debian's chromium package (apt-get install chromium), which provides ${CHROMIUM_PATH}`;

/**
 * Tells whether the tests run in CI, where a missing browser is an error
 * rather than a skip. CI services set `CI`, most often to `true`.
 */
export function isCiRun(
  env: Record<string, string | undefined> = process.env,
): boolean {
  const value = env.CI?.trim().toLowerCase();
  return (
    value !== undefined && value !== '' && value !== '0' && value !== 'false'
  );
}

/** Returns why the browser tests cannot run, or null when Chromium is there. */
export function chromiumMissingReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) {
    return null;
  }
  return `${CHROMIUM_PATH} is missing, so the browser tests are skipped: ${INSTALL_CHROMIUM_HINT}`;
}
