/**
 * The `test` of the browser tests. Every test skips when Chromium is
 * missing, before any browser starts, and gets an `app` page object on its
 * `page` and a `profile` it can relaunch.
 */
import { test as base } from '@playwright/test';

import { AppPage } from './app-page';
import { chromiumMissingReason } from './chromium';
import { PersistentProfile } from './persistent-profile';

interface BrowserFixtures {
  /** Skips the test when Chromium is missing; runs before `page`. */
  requireChromium: void;
  /** The web client in the test's own page. */
  app: AppPage;
  /** A profile on disk, deleted after the test. */
  profile: PersistentProfile;
}

export const test = base.extend<BrowserFixtures>({
  requireChromium: [
    // Playwright requires the first argument of a fixture to be a destructuring pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      const reason = chromiumMissingReason();
      testInfo.skip(reason !== null, reason ?? '');
      await use();
    },
    { auto: true },
  ],

  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },

  // eslint-disable-next-line no-empty-pattern
  profile: async ({}, use) => {
    const profile = await PersistentProfile.create();
    await use(profile);
    await profile.dispose();
  },
});

export { expect } from '@playwright/test';
