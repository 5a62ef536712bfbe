import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { hashAdminCode } from '../../main/admin-code-hash';
import { useReferenceServer } from '../e2e/support/reference-server';
import { DesktopApp } from './support/desktop-app';
import { electronSkipReason } from './support/electron-binary';

const skipReason = electronSkipReason();
test.skip(skipReason !== null, skipReason ?? '');

const ADMIN_CODE = 'sortie-centre-42';
const server = useReferenceServer();

type MarkedWindow = Window & { kioskMarker?: string };

/** Enters `code` in the open "Quitter Copydesk" dialog and submits it. */
async function submitAdminCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Code administrateur').fill(code);
  await page.getByRole('button', { name: 'Valider le code' }).click();
}

test('kiosk app quits only with the administrator code', async () => {
  test.setTimeout(60_000);
  const policyFolder = await mkdtemp(
    path.join(tmpdir(), 'copydesk-kiosk-policy-'),
  );
  const policyFile = path.join(policyFolder, 'policy.json');
  await writeFile(
    policyFile,
    JSON.stringify({
      kiosk: true,
      kioskAdminCodeHash: await hashAdminCode(ADMIN_CODE),
      serverUrl: server().url,
    }),
  );
  const desktop = await DesktopApp.create();

  try {
    const page = await desktop.launch({ COPYDESK_POLICY_FILE: policyFile });
    const app = desktop.electronApp;

    await test.step('the window is a full-screen kiosk with no menu', async () => {
      await expect
        .poll(() =>
          app.evaluate(({ BrowserWindow }) =>
            BrowserWindow.getAllWindows()[0]?.isKiosk(),
          ),
        )
        .toBe(true);
      await expect
        .poll(() =>
          app.evaluate(({ BrowserWindow }) =>
            BrowserWindow.getAllWindows()[0]?.isFullScreen(),
          ),
        )
        .toBe(true);
      expect(
        await app.evaluate(({ Menu }) => Menu.getApplicationMenu() === null),
      ).toBe(true);
    });

    await test.step('developer tools and reload shortcuts do nothing', async () => {
      await page.evaluate(() => {
        (window as MarkedWindow).kioskMarker = 'before the shortcuts';
      });

      await page.keyboard.press('F12');
      await page.keyboard.press('Control+Shift+I');
      await page.keyboard.press('Control+R');
      // Proving that nothing happens needs a wait. One second is an
      // estimate of how long a reload or the developer tools take to start.
      await page.waitForTimeout(1_000);

      expect(
        await app.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()[0]?.webContents.isDevToolsOpened(),
        ),
      ).toBe(false);
      expect(
        await page.evaluate(() => (window as MarkedWindow).kioskMarker),
      ).toBe('before the shortcuts');
    });

    await test.step('closing the window is cancelled', async () => {
      // Resolves once the 'close' event has run, the quit gate's listener
      // included, which cancels the close and shows a dialog.
      await app.evaluate(
        ({ BrowserWindow }) =>
          new Promise<void>((resolve) => {
            const appWindow = BrowserWindow.getAllWindows()[0];
            appWindow?.once('close', () => resolve());
            appWindow?.close();
          }),
      );

      expect(
        await page.evaluate(() => (window as MarkedWindow).kioskMarker),
      ).toBe('before the shortcuts');
      expect(
        await app.evaluate(
          ({ BrowserWindow }) => BrowserWindow.getAllWindows().length,
        ),
      ).toBe(1);
    });

    // NOTE: the quit gate's dialog from the step above stays open over the
    // window. The next steps assume that Playwright's input, sent over the
    // DevTools protocol, still reaches the page while the dialog is open.
    await test.step('a wrong administrator code is rejected', async () => {
      await page
        .getByRole('button', { name: 'Quitter (administrateur)' })
        .click();
      await submitAdminCode(page, 'not-the-code');

      await expect(page.getByRole('alert')).toHaveText(
        'Code incorrect. Nouvel essai possible dans 1 s.',
      );
      expect(desktop.windowCount()).toBe(1);
    });

    await test.step('the right code quits the app', async () => {
      // The first wrong code makes the next attempt wait one second.
      await page.waitForTimeout(1_000);
      const closed = app.waitForEvent('close');

      await submitAdminCode(page, ADMIN_CODE);

      await closed;
    });
  } finally {
    await desktop.kill();
    await desktop.dispose();
    await rm(policyFolder, { recursive: true, force: true });
  }
});
