import { expect, test } from '@playwright/test';

import { bridgeMethodPath, IPC_CHANNELS } from '../../shared/ipc/contract';
import { DesktopApp } from './support/desktop-app';
import { electronSkipReason } from './support/electron-binary';

const skipReason = electronSkipReason();
test.skip(skipReason !== null, skipReason ?? '');

/** The method names of each `window.copydesk` namespace, from the contract. */
function expectedBridge(): Record<string, string[]> {
  const bridge: Record<string, string[]> = {};
  for (const channel of IPC_CHANNELS) {
    const [namespace, method] = bridgeMethodPath(channel);
    (bridge[namespace] ??= []).push(method);
  }
  for (const methods of Object.values(bridge)) {
    methods.sort();
  }
  return bridge;
}

test('desktop app opens on its own origin with the bridge', async () => {
  const desktop = await DesktopApp.create();

  try {
    const page = await desktop.launch();

    await test.step('the window shows the app on app://copydesk/', async () => {
      expect(page.url()).toMatch(/^app:\/\/copydesk\//);
      await expect(page.locator('#root')).not.toBeEmpty();
    });

    await test.step('the page has window.copydesk with every namespace', async () => {
      const bridge = await page.evaluate(() => {
        const found: Record<string, string[]> = {};
        for (const [namespace, methods] of Object.entries(
          window.copydesk ?? {},
        )) {
          found[namespace] = Object.keys(methods as object).sort();
        }
        return found;
      });

      expect(bridge).toEqual(expectedBridge());
    });

    await test.step('window.open creates no window', async () => {
      const results = await page.evaluate(() => [
        window.open('app://copydesk/index.html') === null,
        window.open('about:blank') === null,
      ]);

      expect(results).toEqual([true, true]);
      expect(desktop.windowCount()).toBe(1);
    });
  } finally {
    await desktop.dispose();
  }
});
