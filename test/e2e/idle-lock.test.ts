import type { Page } from '@playwright/test';

import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { PASSWORDS } from '../support/fixture-sitting';
import { BatchesScreen } from './models/batches-screen';
import { SignInScreen } from './models/sign-in-screen';

const server = useReferenceServer({ copiesPerBatch: 1 });

/**
 * Adds `idleLockMinutes` to the configuration element that the server
 * puts in the page, as an IT department's page would.
 */
async function setIdleLockMinutes(page: Page, minutes: number) {
  await page.route(`${server().url}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      /(<script type="application\/json" id="copydesk-config">)\{/,
      `$1{"idleLockMinutes":${minutes},`,
    );
    expect(html).toContain(`"idleLockMinutes":${minutes}`);
    await route.fulfill({ response, body: html });
  });
}

test.describe('idle lock', () => {
  test('hides the copy and unlocks with the password', async ({
    page,
    app,
  }) => {
    await setIdleLockMinutes(page, 2);
    await page.clock.install();
    await app.open(server().url);
    await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
    const batches = new BatchesScreen(page);
    await expect(batches.heading).toBeVisible();

    // Activity restarts the wait.
    await page.clock.fastForward('01:30');
    await page.mouse.move(200, 200);
    await page.clock.fastForward('01:30');
    const lock = page.getByRole('dialog', { name: 'Copydesk est verrouillé' });
    await expect(lock).toHaveCount(0);

    await page.clock.fastForward('02:01');
    await expect(lock).toBeVisible();
    const overlay = page.locator('.idle-lock-overlay');
    const covered = await overlay.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return {
        width: box.width === window.innerWidth,
        height: box.height === window.innerHeight,
        background: getComputedStyle(element).backgroundColor,
      };
    });
    expect(covered.width).toBe(true);
    expect(covered.height).toBe(true);
    expect(covered.background).not.toMatch(/rgba\(.*, 0\)|transparent/);

    await lock.getByLabel('Mot de passe').fill('wrong password');
    await lock.getByRole('button', { name: 'Déverrouiller' }).click();
    await expect(lock.getByRole('alert')).toHaveText('Mot de passe incorrect.');

    await lock.getByLabel('Mot de passe').fill(PASSWORDS.amartin);
    await lock.getByRole('button', { name: 'Déverrouiller' }).click();
    await expect(lock).toHaveCount(0);
    await expect(batches.heading).toBeVisible();
    expect(app.errors).toEqual([]);
  });
});
