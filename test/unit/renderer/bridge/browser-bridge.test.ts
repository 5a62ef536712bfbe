import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createBrowserBridge } from '../../../../renderer/bridge/browser-bridge';
import {
  SETTINGS_STORAGE_KEY,
  type SettingsStorage,
} from '../../../../renderer/bridge/browser-settings';
import { REVOKE_DELAY_MS } from '../../../../renderer/bridge/download-link';
import { createFakeDocument } from './fake-document';

function createConsole() {
  return {
    error: vi.fn(),
    warn: vi.fn(),
    info: vi.fn(),
    debug: vi.fn(),
  };
}

/** Creates a `localStorage` stand-in over a Map that tests can read. */
function createStorage(): SettingsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

function createBridge(storage?: SettingsStorage) {
  const document = createFakeDocument();
  const output = createConsole();
  const bridge = createBrowserBridge({
    config: { serverUrl: 'https://copydesk.example.org', language: 'fr' },
    version: '1.2.3',
    locale: 'fr-FR',
    document,
    console: output,
    storage,
  });
  return { bridge, document, output };
}

describe('browser bridge vault', () => {
  it('starts without a refresh token', async () => {
    const { bridge } = createBridge();

    expect(await bridge.vault.getRefreshToken()).toBeNull();
  });

  it('keeps the token in memory only', async () => {
    const { bridge } = createBridge();

    const result = await bridge.vault.setRefreshToken('refresh-1');

    expect(result).toEqual({
      persisted: false,
      reason: 'encryption-unavailable',
    });
    expect(await bridge.vault.getRefreshToken()).toBe('refresh-1');
  });

  it('forgets the token on clear', async () => {
    const { bridge } = createBridge();
    await bridge.vault.setRefreshToken('refresh-1');

    await bridge.vault.clear();

    expect(await bridge.vault.getRefreshToken()).toBeNull();
  });

  it('loses the token in a new bridge', async () => {
    const first = createBridge().bridge;
    await first.vault.setRefreshToken('refresh-1');

    const afterReload = createBridge().bridge;

    expect(await afterReload.vault.getRefreshToken()).toBeNull();
  });

  it('rejects an empty token', async () => {
    const { bridge } = createBridge();

    await expect(bridge.vault.setRefreshToken('')).rejects.toThrow(
      'vault:set-refresh-token rejected: invalid payload',
    );
    expect(await bridge.vault.getRefreshToken()).toBeNull();
  });

  it('has no storage key', async () => {
    const { bridge } = createBridge();

    expect(await bridge.vault.getStorageKey()).toBeNull();
  });
});

describe('browser bridge user settings', () => {
  it('has no settings at first', async () => {
    const { bridge } = createBridge(createStorage());

    expect(await bridge.settings.get()).toEqual({});
  });

  it('returns what it stored', async () => {
    const { bridge } = createBridge(createStorage());

    const stored = await bridge.settings.set({
      serverUrl: 'http://127.0.0.1:3000',
      language: 'en',
    });

    expect(stored).toEqual({
      serverUrl: 'http://127.0.0.1:3000',
      language: 'en',
    });
    expect(await bridge.settings.get()).toEqual(stored);
  });

  it('keeps the settings across a reload', async () => {
    const storage = createStorage();
    await createBridge(storage).bridge.settings.set({ language: 'en' });

    const afterReload = createBridge(storage).bridge;

    expect(await afterReload.settings.get()).toEqual({ language: 'en' });
    expect(storage.items.get(SETTINGS_STORAGE_KEY)).toBe('{"language":"en"}');
  });

  it('replaces every setting', async () => {
    const { bridge } = createBridge(createStorage());
    await bridge.settings.set({ serverUrl: 'https://copydesk.example.org' });

    await bridge.settings.set({ language: 'fr' });

    expect(await bridge.settings.get()).toEqual({ language: 'fr' });
  });

  it('keeps settings in memory without storage', async () => {
    const { bridge } = createBridge();
    await bridge.settings.set({ language: 'en' });

    expect(await bridge.settings.get()).toEqual({ language: 'en' });
    expect(await createBridge().bridge.settings.get()).toEqual({});
  });

  it.each([
    ['ftp://copydesk.example.org'],
    ['http://copydesk.example.org'],
    ['copydesk.example.org'],
  ])('rejects the server %s', async (serverUrl) => {
    const storage = createStorage();
    const { bridge } = createBridge(storage);

    const stored = bridge.settings.set({ serverUrl });

    await expect(stored).rejects.toThrow(
      `invalid settings: serverUrl ${JSON.stringify(serverUrl)} must be an https:// address (http:// only for localhost)`,
    );
    expect(storage.items.size).toBe(0);
  });

  it('rejects a server with a password without repeating it', async () => {
    const { bridge } = createBridge(createStorage());

    const stored = bridge.settings.set({
      serverUrl: 'https://ana:s3cret@example.org',
    });

    await expect(stored).rejects.toThrow(
      'invalid settings: serverUrl must not contain a user name or password',
    );
    await expect(stored).rejects.not.toThrow('s3cret');
  });

  it.each([
    ['an unknown language', { language: 'de' }, 'payload/language'],
    ['an unknown key', { theme: 'dark' }, 'payload'],
  ])('rejects %s', async (_case, settings, where) => {
    const storage = createStorage();
    const { bridge } = createBridge(storage);

    const stored = bridge.settings.set(settings as { language: 'fr' });

    await expect(stored).rejects.toThrow(
      `settings:set rejected: invalid payload (${where}`,
    );
    expect(storage.items.size).toBe(0);
  });

  it.each([
    ['invalid JSON', '{"language":', 'is not valid JSON'],
    ['a list', '["en"]', 'does not match the settings schema'],
    ['an unknown language', '{"language":"de"}', 'does not match'],
    [
      'a server that is not allowed',
      '{"serverUrl":"http://copydesk.example.org"}',
      'serverUrl "http://copydesk.example.org" must be an https:// address',
    ],
  ])('reads %s as no settings', async (_case, text, problem) => {
    const storage = createStorage();
    storage.items.set(SETTINGS_STORAGE_KEY, text);
    const { bridge, output } = createBridge(storage);

    expect(await bridge.settings.get()).toEqual({});
    expect(output.warn).toHaveBeenCalledTimes(1);
    expect(output.warn.mock.calls[0]?.[0]).toContain(
      `[settings] using no settings: localStorage item ${SETTINGS_STORAGE_KEY}`,
    );
    expect(output.warn.mock.calls[0]?.[0]).toContain(problem);
  });
});

describe('browser bridge settings', () => {
  it('returns the configured settings', async () => {
    const { bridge } = createBridge();

    expect(await bridge.config.get()).toEqual({
      serverUrl: 'https://copydesk.example.org',
      language: 'fr',
    });
  });

  it('returns the app info', async () => {
    const { bridge } = createBridge();

    expect(await bridge.app.getInfo()).toEqual({
      version: '1.2.3',
      platform: 'browser',
      locale: 'fr-FR',
    });
  });

  it('reports kiosk mode off', async () => {
    const { bridge } = createBridge();

    expect(await bridge.kiosk.getState()).toEqual({
      enabled: false,
      adminCodeSet: false,
    });
  });

  it('rejects the kiosk calls', async () => {
    const { bridge } = createBridge();

    await expect(
      bridge.kiosk.authorizeQuit({ adminCode: '1234' }),
    ).rejects.toThrow('kiosk:authorize-quit is not available in the browser');
    await expect(bridge.kiosk.quit()).rejects.toThrow(
      'kiosk:quit is not available in the browser',
    );
    await expect(bridge.kiosk.wipeAndRestart()).rejects.toThrow(
      'kiosk:wipe-and-restart is not available in the browser',
    );
  });

  it('reports updates off', async () => {
    const { bridge } = createBridge();

    expect(await bridge.update.getStatus()).toEqual({ state: 'off' });
    await expect(bridge.update.install()).rejects.toThrow(
      'update:install is not available in the browser build',
    );
  });
});

describe('browser bridge file export', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('clicks a download link for the file', async () => {
    const { bridge, document } = createBridge();

    const result = await bridge.file.export({
      suggestedName: 'grades.csv',
      mediaType: 'text/csv',
      content: 'copy;grade\n1;12\n',
    });

    expect(result).toEqual({ saved: true });
    expect(document.links).toHaveLength(1);
    const [link] = document.links;
    expect(link?.download).toBe('grades.csv');
    expect(link?.href).toMatch(/^blob:/);
    expect(link?.clicks).toBe(1);
    expect(link?.inDocument).toBe(false);
  });

  it('puts the content in the Blob', async () => {
    const { bridge, document } = createBridge();

    await bridge.file.export({
      suggestedName: 'grades.csv',
      mediaType: 'text/csv',
      content: 'copy;grade\n1;12\n',
    });

    const url = document.links[0]?.href ?? '';
    const response = await fetch(url);
    expect(await response.text()).toBe('copy;grade\n1;12\n');
    expect(response.headers.get('content-type')).toBe('text/csv');
  });

  it('revokes the Blob URL later', async () => {
    const { bridge, document } = createBridge();
    await bridge.file.export({
      suggestedName: 'grades.csv',
      mediaType: 'text/csv',
      content: 'x',
    });
    const url = document.links[0]?.href ?? '';
    expect((await fetch(url)).ok).toBe(true);

    vi.advanceTimersByTime(REVOKE_DELAY_MS);

    await expect(fetch(url)).rejects.toThrow();
  });

  it('rejects a path as file name', async () => {
    const { bridge, document } = createBridge();

    const exported = bridge.file.export({
      suggestedName: '../grades.csv',
      mediaType: 'text/csv',
      content: 'x',
    });

    await expect(exported).rejects.toThrow(
      'file:export rejected: invalid payload (payload/suggestedName',
    );
    expect(document.links).toEqual([]);
  });
});

describe('browser bridge log', () => {
  it('writes to the console at the level', async () => {
    const { bridge, output } = createBridge();

    await bridge.log.write({
      logger: 'download',
      level: 'warn',
      message: 'copy 12 failed, retrying',
    });

    expect(output.warn).toHaveBeenCalledWith(
      '[download] copy 12 failed, retrying',
    );
    expect(output.info).not.toHaveBeenCalled();
  });

  it('rejects an invalid logger name', async () => {
    const { bridge, output } = createBridge();

    const written = bridge.log.write({
      logger: 'Bad Name',
      level: 'info',
      message: 'x',
    });

    await expect(written).rejects.toThrow('log:write rejected');
    expect(output.info).not.toHaveBeenCalled();
  });
});
