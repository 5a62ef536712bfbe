/**
 * End-to-end tests, run by `npm run test:e2e`. The global setup builds the
 * app with `npm run build` first, so the tests load the current sources.
 *
 * - `chromium`: the web client in Debian's Chromium, served by a real
 *   reference server (test/e2e/).
 * - `electron`: the desktop app in Electron (test/e2e-electron/), skipped
 *   when the Electron binary was never downloaded.
 *
 * One worker, because the test machines have two cores and every test
 * file starts its own server and browser.
 */
import { defineConfig } from '@playwright/test';

import { CHROMIUM_LAUNCH_OPTIONS, isCiRun } from './test/e2e/support/chromium';

export default defineConfig({
  globalSetup: './test/e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCiRun(),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // No HTML report: its trace viewer scripts would land in the tree.
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: CHROMIUM_LAUNCH_OPTIONS,
      },
    },
    {
      name: 'electron',
      testDir: 'test/e2e-electron',
    },
  ],
});
