import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const extra = vi.hoisted(() => ({
  windows: new Map<unknown, { id: number }>(),
  saveChoice: { canceled: false, filePath: '' },
}));

vi.mock('electron', async () => {
  const double = await import('./support/electron-double');
  return {
    ...double,
    app: {
      getVersion: () => '1.4.0',
      getSystemLocale: () => 'fr-FR',
    },
    BrowserWindow: {
      fromWebContents: (contents: unknown) =>
        extra.windows.get(contents) ?? null,
    },
    dialog: {
      showSaveDialog: vi.fn(async () => extra.saveChoice),
    },
  };
});
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import { dialog, type WebContents } from 'electron';

import type { ManagedSettings } from '../../../shared/ipc/contract';
import { registerIpcHandlers } from '../../../main/ipc-handlers';
import { AdminCodeChecker } from '../../../main/kiosk-admin-code';
import { KioskQuitGate } from '../../../main/kiosk-quit-gate';
import { Updater, type UpdaterEngine } from '../../../main/updater';
import { StorageKeyStore } from '../../../main/storage-key';
import { UserSettingsStore } from '../../../main/user-settings';
import { CredentialVault } from '../../../main/vault';
import {
  invokeFromRenderer,
  resetElectronDouble,
  safeStorage,
} from './support/electron-double';
import { logLines } from './support/electron-log-double';

const appContents = { id: 1 } as WebContents;
const appWindow = { id: 10 };
const mainFrame = { url: 'app://copydesk/index.html', parent: null };
const fromApp = { sender: appContents, senderFrame: mainFrame };

let folder: string;

function register(managedSettings: ManagedSettings = {}) {
  registerIpcHandlers({
    vault: new CredentialVault(path.join(folder, 'refresh-token.enc'), 'linux'),
    storageKey: new StorageKeyStore(
      path.join(folder, 'storage-key.json'),
      'linux',
    ),
    userSettings: new UserSettingsStore(path.join(folder, 'settings.json')),
    managedSettings,
    isAppWindow: (sender) => sender === appContents,
    exportFolder: path.join(folder, 'Downloads'),
    kiosk: {
      enabled: managedSettings.kiosk === true,
      gate: new KioskQuitGate(managedSettings.kiosk === true, () => 'fr'),
      adminCodes: new AdminCodeChecker(null),
      wipe: async () => undefined,
      restart: () => undefined,
      exit: () => undefined,
      quit: () => undefined,
    },
    updater: new Updater({} as UpdaterEngine),
  });
}

beforeEach(async () => {
  resetElectronDouble();
  logLines.length = 0;
  extra.windows.clear();
  extra.windows.set(appContents, appWindow);
  extra.saveChoice = { canceled: false, filePath: '' };
  folder = await mkdtemp(path.join(tmpdir(), 'copydesk-ipc-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('vault handlers', () => {
  it('store and return the token', async () => {
    register();

    const written = await invokeFromRenderer(
      'vault:set-refresh-token',
      fromApp,
      'refresh-1',
    );
    const read = await invokeFromRenderer('vault:get-refresh-token', fromApp);

    expect(written).toEqual({ persisted: true });
    expect(read).toBe('refresh-1');
    expect((await stat(path.join(folder, 'refresh-token.enc'))).isFile()).toBe(
      true,
    );
  });

  it('clear the token', async () => {
    register();
    await invokeFromRenderer('vault:set-refresh-token', fromApp, 'refresh-1');

    const cleared = await invokeFromRenderer('vault:clear', fromApp);

    expect(cleared).toBeUndefined();
    expect(await invokeFromRenderer('vault:get-refresh-token', fromApp)).toBe(
      null,
    );
  });

  it('reject a token that is not a string', async () => {
    register();

    const written = invokeFromRenderer('vault:set-refresh-token', fromApp, 42);

    await expect(written).rejects.toThrow(
      'vault:set-refresh-token rejected: invalid payload',
    );
    expect(await invokeFromRenderer('vault:get-refresh-token', fromApp)).toBe(
      null,
    );
  });
});

describe('storage key handler', () => {
  it('returns the same key on every call', async () => {
    register();

    const first = await invokeFromRenderer('vault:get-storage-key', fromApp);
    const second = await invokeFromRenderer('vault:get-storage-key', fromApp);

    expect(first).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(second).toBe(first);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
  });

  it('rejects when the key file is damaged', async () => {
    register();
    await writeFile(path.join(folder, 'storage-key.json'), 'damaged');

    const key = invokeFromRenderer('vault:get-storage-key', fromApp);

    await expect(key).rejects.toThrow(
      `cannot use the storage key in ${path.join(folder, 'storage-key.json')}`,
    );
    expect(logLines.at(-1)).toMatchObject({
      logger: 'ipc',
      level: 'error',
    });
    expect(logLines.at(-1)?.text).toContain('vault:get-storage-key failed');
  });

  it('never sends the key to another window', async () => {
    register();
    const other = { sender: { id: 2 }, senderFrame: mainFrame };

    const key = invokeFromRenderer('vault:get-storage-key', other);

    await expect(key).rejects.toThrow(
      'vault:get-storage-key rejected: sender is not the app window',
    );
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });
});

describe('user settings handlers', () => {
  it('store and return the settings', async () => {
    register();

    const stored = await invokeFromRenderer('settings:set', fromApp, {
      serverUrl: 'https://copydesk.example.org',
      language: 'en',
    });
    const read = await invokeFromRenderer('settings:get', fromApp);

    expect(stored).toEqual({
      serverUrl: 'https://copydesk.example.org',
      language: 'en',
    });
    expect(read).toEqual(stored);
    expect(
      JSON.parse(await readFile(path.join(folder, 'settings.json'), 'utf8')),
    ).toEqual(stored);
  });

  it('return no settings at first', async () => {
    register();

    expect(await invokeFromRenderer('settings:get', fromApp)).toEqual({});
  });

  it('reject an invalid payload', async () => {
    register();

    const stored = invokeFromRenderer('settings:set', fromApp, {
      language: 'de',
    });

    await expect(stored).rejects.toThrow(
      'settings:set rejected: invalid payload',
    );
    expect(await invokeFromRenderer('settings:get', fromApp)).toEqual({});
  });

  it('reject a server that is not allowed', async () => {
    register();

    const stored = invokeFromRenderer('settings:set', fromApp, {
      serverUrl: 'http://copydesk.example.org',
    });

    await expect(stored).rejects.toThrow(
      'invalid settings: serverUrl "http://copydesk.example.org" must be an https:// address',
    );
    expect(await invokeFromRenderer('settings:get', fromApp)).toEqual({});
  });
});

describe('settings handlers', () => {
  it('return the policy settings', async () => {
    register({ serverUrl: 'https://copydesk.example.org', language: 'fr' });

    const config = await invokeFromRenderer('config:get', fromApp);

    expect(config).toEqual({
      serverUrl: 'https://copydesk.example.org',
      language: 'fr',
    });
  });

  it('return no settings without policy', async () => {
    register();

    expect(await invokeFromRenderer('config:get', fromApp)).toEqual({});
  });

  it('return the app info', async () => {
    register();

    const info = await invokeFromRenderer('app:get-info', fromApp);

    expect(info).toEqual({
      version: '1.4.0',
      platform: process.platform,
      locale: 'fr-FR',
    });
  });

  it('report kiosk mode from the policy', async () => {
    register({ kiosk: true });

    expect(await invokeFromRenderer('kiosk:get-state', fromApp)).toEqual({
      enabled: true,
      adminCodeSet: false,
    });
  });

  it('report kiosk mode off by default', async () => {
    register();

    expect(await invokeFromRenderer('kiosk:get-state', fromApp)).toEqual({
      enabled: false,
      adminCodeSet: false,
    });
  });

  it('reject a payload on a call without one', async () => {
    register();

    const config = invokeFromRenderer('config:get', fromApp, { all: true });

    await expect(config).rejects.toThrow(
      'config:get rejected: invalid payload',
    );
  });
});

describe('file export handler', () => {
  const request = {
    suggestedName: 'grades.csv',
    mediaType: 'text/csv',
    content: 'copy;grade\n1;12,5\n',
  };

  it('writes the file chosen in the dialog', async () => {
    register();
    const chosen = path.join(folder, 'chosen.csv');
    extra.saveChoice = { canceled: false, filePath: chosen };

    const result = await invokeFromRenderer('file:export', fromApp, request);

    expect(result).toEqual({ saved: true });
    expect(await readFile(chosen, 'utf8')).toBe('copy;grade\n1;12,5\n');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(appWindow, {
      defaultPath: path.join(folder, 'Downloads', 'grades.csv'),
    });
  });

  it('writes nothing when cancelled', async () => {
    register();
    extra.saveChoice = { canceled: true, filePath: '' };

    const result = await invokeFromRenderer('file:export', fromApp, request);

    expect(result).toEqual({ saved: false });
  });

  it.each(['../grades.csv', 'a/b.csv', 'C:\\grades.csv'])(
    'rejects the path %s',
    async (suggestedName) => {
      register();

      const result = invokeFromRenderer('file:export', fromApp, {
        ...request,
        suggestedName,
      });

      await expect(result).rejects.toThrow(
        'file:export rejected: invalid payload',
      );
      expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    },
  );

  it('rejects the name ..', async () => {
    register();

    const result = invokeFromRenderer('file:export', fromApp, {
      ...request,
      suggestedName: '..',
    });

    await expect(result).rejects.toThrow(
      'cannot export "..": the suggested name must be a file name, not a path',
    );
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('rejects a sender without window', async () => {
    register();
    extra.windows.clear();

    const result = invokeFromRenderer('file:export', fromApp, request);

    await expect(result).rejects.toThrow(
      'web contents 1 has no window to attach the save dialog to',
    );
  });
});

describe('log handler', () => {
  it('writes to the renderer logger', async () => {
    register();

    await invokeFromRenderer('log:write', fromApp, {
      logger: 'download',
      level: 'warn',
      message: 'copy 12 failed, retrying',
    });

    expect(logLines).toEqual([
      {
        logger: 'renderer',
        level: 'warn',
        text: 'download: copy 12 failed, retrying',
      },
    ]);
  });

  it('rejects an unknown level', async () => {
    register();

    const written = invokeFromRenderer('log:write', fromApp, {
      logger: 'download',
      level: 'fatal',
      message: 'x',
    });

    await expect(written).rejects.toThrow(
      'log:write rejected: invalid payload',
    );
    expect(logLines.filter((line) => line.logger === 'renderer')).toEqual([]);
  });
});
