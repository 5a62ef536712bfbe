import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { _electron as electron, expect, test } from '@playwright/test';

import { bridgeMethodPath, IPC_CHANNELS } from '../../shared/ipc/contract';
import { MAIN_ENTRY, REPOSITORY_ROOT } from '../e2e/support/paths';
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
  // NOTE: XDG_CONFIG_HOME moves the user data folder on Linux only, the one
  // platform these tests run on.
  const configHome = await mkdtemp(path.join(tmpdir(), 'copydesk-electron-'));
  const app = await electron.launch({
    args: [MAIN_ENTRY],
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, XDG_CONFIG_HOME: configHome },
  });

  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

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
      expect(app.windows()).toHaveLength(1);
    });
  } finally {
    await app.close();
    await rm(configHome, { recursive: true, force: true });
  }
});
