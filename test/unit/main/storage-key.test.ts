import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./support/electron-double'));
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import { STORAGE_KEY_FILE, StorageKeyStore } from '../../../main/storage-key';
import { resetElectronDouble, safeStorage } from './support/electron-double';
import { logLines } from './support/electron-log-double';

let folder: string;
let file: string;

beforeEach(async () => {
  resetElectronDouble();
  logLines.length = 0;
  folder = await mkdtemp(path.join(tmpdir(), 'copydesk-storage-key-'));
  file = path.join(folder, 'user-data', STORAGE_KEY_FILE);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function readKeyFile(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

describe('StorageKeyStore', () => {
  it('creates a 32-byte key', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();

    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
  });

  it('returns the same key on every call', async () => {
    const store = new StorageKeyStore(file, 'linux');

    const first = await store.getKey();
    const second = await store.getKey();

    expect(second).toBe(first);
  });

  it('returns the same key after a restart', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();

    const restarted = new StorageKeyStore(file, 'linux');

    expect(await restarted.getKey()).toBe(key);
  });

  it('creates one key for concurrent first calls', async () => {
    const store = new StorageKeyStore(file, 'linux');

    const keys = await Promise.all([store.getKey(), store.getKey()]);

    expect(keys[1]).toBe(keys[0]);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    expect(await new StorageKeyStore(file, 'linux').getKey()).toBe(keys[0]);
  });

  it('creates a different key on another computer', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();
    const otherFile = path.join(folder, 'other', STORAGE_KEY_FILE);

    const other = await new StorageKeyStore(otherFile, 'linux').getKey();

    expect(other).not.toBe(key);
  });

  it('stores the key encrypted', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();

    const stored = await readKeyFile();
    expect(stored.version).toBe(1);
    expect(stored.protection).toBe('safe-storage');
    expect(Object.keys(stored).sort()).toEqual([
      'encryptedKey',
      'protection',
      'version',
    ]);
    expect(await readFile(file, 'utf8')).not.toContain(key);
  });

  it('makes the file readable by its owner only', async () => {
    await new StorageKeyStore(file, 'linux').getKey();

    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file', async () => {
    await new StorageKeyStore(file, 'linux').getKey();

    expect(await readdir(path.dirname(file))).toEqual([STORAGE_KEY_FILE]);
  });

  it('never logs the key', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();
    safeStorage.encryptionAvailable = false;
    await rm(file);
    const unprotected = await new StorageKeyStore(file, 'linux').getKey();

    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) {
      expect(line.text).not.toContain(key);
      expect(line.text).not.toContain(unprotected);
    }
  });

  it('encrypts again after a key rotation', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();
    safeStorage.shouldReEncrypt = true;

    expect(await new StorageKeyStore(file, 'linux').getKey()).toBe(key);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
  });

  it('rejects when the keychain fails to encrypt', async () => {
    safeStorage.encryptStringAsync.mockRejectedValueOnce(
      new Error('The keychain is locked.'),
    );

    const key = new StorageKeyStore(file, 'darwin').getKey();

    await expect(key).rejects.toThrow(
      `could not write the storage key to ${file} (Error: The keychain is locked.)`,
    );
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });
});

describe('StorageKeyStore with a damaged key file', () => {
  const encryptedNonsense = Buffer.concat([
    Buffer.from('v10'),
    Buffer.from('not a key').reverse(),
  ]).toString('base64');

  it.each([
    ['an empty file', '', 'it is not valid JSON'],
    ['invalid JSON', '{"version": 1,', 'it is not valid JSON'],
    [
      'another document',
      '{"version": 2, "protection": "none"}',
      'it is not a Copydesk storage key file',
    ],
    [
      'an unencrypted key of the wrong length',
      '{"version": 1, "protection": "none", "key": "c2hvcnQ="}',
      'it is not a Copydesk storage key file',
    ],
    [
      'bytes the keychain cannot decrypt',
      '{"version": 1, "protection": "safe-storage", "encryptedKey": "ZGFtYWdlZA=="}',
      'the system keychain cannot decrypt it',
    ],
    [
      'an encrypted value that is no key',
      `{"version": 1, "protection": "safe-storage", "encryptedKey": "${encryptedNonsense}"}`,
      'it does not decrypt to a 32-byte key',
    ],
  ])('rejects %s and keeps it', async (_case, content, problem) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);

    const key = new StorageKeyStore(file, 'linux').getKey();

    await expect(key).rejects.toThrow(
      `cannot use the storage key in ${file}: ${problem}`,
    );
    await expect(key).rejects.toThrow('Copydesk does not replace it');
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });

  it('rejects a folder in place of the file', async () => {
    await mkdir(file, { recursive: true });

    const key = new StorageKeyStore(file, 'linux').getKey();

    await expect(key).rejects.toThrow(
      `cannot use the storage key in ${file}: the file cannot be read`,
    );
    expect((await stat(file)).isDirectory()).toBe(true);
  });

  it('tries again on the next call', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();
    const content = await readFile(file, 'utf8');
    await writeFile(file, 'damaged');
    const store = new StorageKeyStore(file, 'linux');
    await expect(store.getKey()).rejects.toThrow('not valid JSON');

    await writeFile(file, content);

    expect(await store.getKey()).toBe(key);
  });
});

describe('StorageKeyStore without encryption', () => {
  beforeEach(() => {
    safeStorage.encryptionAvailable = false;
  });

  it('stores the key unencrypted', async () => {
    const key = await new StorageKeyStore(file, 'win32').getKey();

    expect(await readKeyFile()).toEqual({
      version: 1,
      protection: 'none',
      key,
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('returns the same key after a restart', async () => {
    const key = await new StorageKeyStore(file, 'win32').getKey();

    expect(await new StorageKeyStore(file, 'win32').getKey()).toBe(key);
  });

  it('logs that the key is unencrypted', async () => {
    await new StorageKeyStore(file, 'darwin').getKey();

    expect(logLines).toEqual([
      {
        logger: 'storage-key',
        level: 'warn',
        text: `created the storage key in ${file} without encryption: the operating system offers no encryption (safeStorage is unavailable)`,
      },
    ]);
  });

  it('encrypts the key once the system can', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();
    safeStorage.encryptionAvailable = true;

    const restarted = await new StorageKeyStore(file, 'linux').getKey();

    expect(restarted).toBe(key);
    const stored = await readKeyFile();
    expect(stored.protection).toBe('safe-storage');
    expect(await readFile(file, 'utf8')).not.toContain(key);
    expect(await new StorageKeyStore(file, 'linux').getKey()).toBe(key);
  });

  it('rejects an encrypted key and keeps it', async () => {
    safeStorage.encryptionAvailable = true;
    await new StorageKeyStore(file, 'linux').getKey();
    const content = await readFile(file, 'utf8');
    safeStorage.encryptionAvailable = false;

    const key = new StorageKeyStore(file, 'linux').getKey();

    await expect(key).rejects.toThrow(
      `cannot use the storage key in ${file}: it is encrypted with the system keychain, which is not available now`,
    );
    await expect(key).rejects.toThrow('start GNOME Keyring or KWallet');
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('StorageKeyStore with the Linux basic_text store', () => {
  beforeEach(() => {
    safeStorage.backend = 'basic_text';
  });

  it('stores the key unencrypted', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();

    expect(await readKeyFile()).toEqual({
      version: 1,
      protection: 'none',
      key,
    });
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(logLines.at(-1)?.text).toContain(
      'no keyring is running (GNOME Keyring or KWallet)',
    );
  });

  it('ignores the backend outside Linux', async () => {
    await new StorageKeyStore(file, 'win32').getKey();

    expect((await readKeyFile()).protection).toBe('safe-storage');
  });

  it('keeps the key unencrypted until a keyring runs', async () => {
    const key = await new StorageKeyStore(file, 'linux').getKey();

    expect(await new StorageKeyStore(file, 'linux').getKey()).toBe(key);
    expect((await readKeyFile()).protection).toBe('none');
    expect(logLines.at(-1)?.text).toBe(
      `the storage key in ${file} stays unencrypted: no keyring is running (GNOME Keyring or KWallet), so safeStorage would use a fixed key`,
    );
  });
});
