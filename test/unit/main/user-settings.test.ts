import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./support/electron-double'));
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import { createAppProtocolHandler } from '../../../main/app-protocol';
import {
  effectiveServerUrl,
  USER_SETTINGS_FILE,
  UserSettingsStore,
} from '../../../main/user-settings';
import type {
  ManagedSettings,
  UserSettings,
} from '../../../shared/ipc/contract';
import { logLines } from './support/electron-log-double';

let folder: string;
let file: string;

beforeEach(async () => {
  logLines.length = 0;
  folder = await mkdtemp(path.join(tmpdir(), 'copydesk-settings-'));
  file = path.join(folder, 'user-data', USER_SETTINGS_FILE);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function writeSettingsFile(content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

async function loadedStore(): Promise<UserSettingsStore> {
  const store = new UserSettingsStore(file);
  await store.load();
  return store;
}

describe('UserSettingsStore', () => {
  it('has no settings without a file', async () => {
    const store = new UserSettingsStore(file);

    expect(await store.load()).toEqual({});
    expect(store.get()).toEqual({});
    expect(logLines).toEqual([]);
  });

  it('returns what it stored', async () => {
    const store = await loadedStore();

    const stored = await store.set({
      serverUrl: 'https://copydesk.example.org',
      language: 'en',
    });

    expect(stored).toEqual({
      serverUrl: 'https://copydesk.example.org',
      language: 'en',
    });
    expect(store.get()).toEqual(stored);
  });

  it('reads the settings back after a restart', async () => {
    await (
      await loadedStore()
    ).set({
      serverUrl: 'http://127.0.0.1:3000',
      language: 'fr',
    });

    const restarted = new UserSettingsStore(file);

    expect(await restarted.load()).toEqual({
      serverUrl: 'http://127.0.0.1:3000',
      language: 'fr',
    });
  });

  it('writes the file as JSON', async () => {
    await (await loadedStore()).set({ language: 'en' });

    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      language: 'en',
    });
  });

  it('replaces every setting', async () => {
    const store = await loadedStore();
    await store.set({ serverUrl: 'https://copydesk.example.org' });

    await store.set({ language: 'en' });

    expect(store.get()).toEqual({ language: 'en' });
    expect(await new UserSettingsStore(file).load()).toEqual({
      language: 'en',
    });
  });

  it('stores no settings', async () => {
    const store = await loadedStore();
    await store.set({ language: 'en' });

    expect(await store.set({})).toEqual({});
    expect(await new UserSettingsStore(file).load()).toEqual({});
  });

  it('writes concurrent changes in call order', async () => {
    const store = await loadedStore();

    await Promise.all([
      store.set({ language: 'fr' }),
      store.set({ language: 'en' }),
      store.set({ serverUrl: 'https://last.example.org' }),
    ]);

    expect(store.get()).toEqual({ serverUrl: 'https://last.example.org' });
    expect(await new UserSettingsStore(file).load()).toEqual({
      serverUrl: 'https://last.example.org',
    });
  });

  it('returns a copy', async () => {
    const store = await loadedStore();
    await store.set({ language: 'fr' });

    const settings = store.get();
    settings.language = 'en';

    expect(store.get()).toEqual({ language: 'fr' });
  });
});

describe('UserSettingsStore with invalid settings', () => {
  it.each([
    ['ftp://copydesk.example.org'],
    ['http://copydesk.example.org'],
    ['copydesk.example.org'],
    ['javascript:alert(1)'],
  ])('rejects the server %s', async (serverUrl) => {
    const store = await loadedStore();
    await store.set({ serverUrl: 'https://copydesk.example.org' });

    const stored = store.set({ serverUrl });

    await expect(stored).rejects.toThrow(
      `invalid settings: serverUrl ${JSON.stringify(serverUrl)} must be an https:// address (http:// only for localhost)`,
    );
    expect(store.get()).toEqual({ serverUrl: 'https://copydesk.example.org' });
    expect(await new UserSettingsStore(file).load()).toEqual({
      serverUrl: 'https://copydesk.example.org',
    });
  });

  it('rejects a server with a password without repeating it', async () => {
    const store = await loadedStore();

    const stored = store.set({ serverUrl: 'https://ana:s3cret@example.org' });

    await expect(stored).rejects.toThrow(
      'invalid settings: serverUrl must not contain a user name or password',
    );
    await expect(stored).rejects.not.toThrow('s3cret');
  });

  it.each([
    [
      'an unknown language',
      { language: 'de' },
      'language "de" must be "fr" or "en"',
    ],
    [
      'an unknown key',
      { language: 'fr', theme: 'dark' },
      'unknown key "theme": the settings have only serverUrl and language',
    ],
    [
      'a server that is not text',
      { serverUrl: 42 },
      'serverUrl 42 must be an https:// address',
    ],
    [
      'a server address of 2001 characters',
      { serverUrl: `https://example.org/${'a'.repeat(1981)}` },
      `serverUrl "https://example.org/${'a'.repeat(79)}... must be an https:// address (http:// only for localhost) of at most 2000 characters`,
    ],
    [
      'a list',
      ['fr'],
      'the settings must be a JSON object, such as {"language": "fr"}',
    ],
  ])('rejects %s', async (_case, settings, problem) => {
    const store = await loadedStore();

    const stored = store.set(settings as UserSettings);

    await expect(stored).rejects.toThrow(`invalid settings: ${problem}`);
    expect(store.get()).toEqual({});
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('rejects a failed write and keeps the settings', async () => {
    // A file in place of the user data folder makes the write fail.
    const blocked = path.join(folder, 'blocked');
    await writeFile(blocked, 'a file, not a folder');
    const blockedFile = path.join(blocked, USER_SETTINGS_FILE);
    const store = new UserSettingsStore(blockedFile);
    await store.load();

    const stored = store.set({ language: 'en' });

    await expect(stored).rejects.toThrow(
      `could not write the settings to ${blockedFile}`,
    );
    expect(store.get()).toEqual({});
  });

  it('writes again after a failed write', async () => {
    await writeSettingsFile('{"language": "fr"}');
    const store = await loadedStore();
    await rm(path.dirname(file), { recursive: true });
    await writeFile(path.dirname(file), 'a file, not a folder');
    await expect(store.set({ language: 'en' })).rejects.toThrow();

    await rm(path.dirname(file));

    expect(await store.set({ language: 'en' })).toEqual({ language: 'en' });
    expect(await new UserSettingsStore(file).load()).toEqual({
      language: 'en',
    });
  });
});

describe('UserSettingsStore with an invalid file', () => {
  it.each([
    ['invalid JSON', '{"language": "en",', 'is not valid JSON'],
    ['a list', '["en"]', 'the settings must be a JSON object'],
    [
      'an unknown language',
      '{"language": "de"}',
      'language "de" must be "fr" or "en"',
    ],
    [
      'a server that is not allowed',
      '{"serverUrl": "http://copydesk.example.org", "language": "en"}',
      'serverUrl "http://copydesk.example.org" must be an https:// address',
    ],
  ])('ignores %s', async (_case, content, problem) => {
    await writeSettingsFile(content);
    const store = new UserSettingsStore(file);

    expect(await store.load()).toEqual({});
    expect(store.get()).toEqual({});
    expect(logLines).toHaveLength(1);
    expect(logLines[0]?.level).toBe('warn');
    expect(logLines[0]?.text).toContain(`using no user settings: ${file}`);
    expect(logLines[0]?.text).toContain(problem);
  });

  it('ignores a folder in place of the file', async () => {
    await mkdir(file, { recursive: true });

    expect(await new UserSettingsStore(file).load()).toEqual({});
    expect(logLines[0]?.level).toBe('error');
    expect(logLines[0]?.text).toContain(
      `using no user settings: could not read ${file}`,
    );
  });

  it('reads a file with a byte order mark', async () => {
    await writeSettingsFile('\uFEFF{"language": "en"}');

    expect(await new UserSettingsStore(file).load()).toEqual({
      language: 'en',
    });
  });

  it('replaces an invalid file on the next change', async () => {
    await writeSettingsFile('not json');
    const store = await loadedStore();

    await store.set({ language: 'fr' });

    expect(await new UserSettingsStore(file).load()).toEqual({
      language: 'fr',
    });
  });
});

describe('effectiveServerUrl', () => {
  it.each([
    [
      'the policy server over the examiner one',
      { serverUrl: 'https://policy.example.org' },
      { serverUrl: 'https://mine.example.org' },
      'https://policy.example.org',
    ],
    [
      'the examiner server without a policy server',
      { language: 'fr' },
      { serverUrl: 'https://mine.example.org' },
      'https://mine.example.org',
    ],
    ['null without any server', {}, { language: 'en' }, null],
  ] as [string, ManagedSettings, UserSettings, string | null][])(
    'returns %s',
    (_case, managed, user, expected) => {
      expect(effectiveServerUrl(managed, user)).toBe(expected);
    },
  );
});

describe('Content-Security-Policy of the app page', () => {
  let rendererRoot: string;

  beforeEach(async () => {
    rendererRoot = path.join(folder, 'renderer');
    await mkdir(rendererRoot);
    await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html>');
  });

  async function connectSources(
    managed: ManagedSettings,
    store: UserSettingsStore,
  ): Promise<string | undefined> {
    const handle = createAppProtocolHandler({
      root: rendererRoot,
      getServerUrl: () => effectiveServerUrl(managed, store.get()),
    });
    const response = await handle(new Request('app://copydesk/index.html'));
    const policy = response.headers.get('Content-Security-Policy') ?? '';
    return policy
      .split('; ')
      .find((directive) => directive.startsWith('connect-src '));
  }

  it('allows the examiner server without a policy server', async () => {
    const store = await loadedStore();
    expect(await connectSources({}, store)).toBe("connect-src 'self'");

    await store.set({ serverUrl: 'https://mine.example.org/api' });

    expect(await connectSources({}, store)).toBe(
      "connect-src 'self' https://mine.example.org",
    );
  });

  it('allows only the policy server when the policy sets one', async () => {
    const store = await loadedStore();
    await store.set({ serverUrl: 'https://mine.example.org' });

    const sources = await connectSources(
      { serverUrl: 'https://policy.example.org' },
      store,
    );

    expect(sources).toBe("connect-src 'self' https://policy.example.org");
  });
});
