import {
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

import { CredentialVault, REFRESH_TOKEN_FILE } from '../../../main/vault';
import { resetElectronDouble, safeStorage } from './support/electron-double';
import { logLines } from './support/electron-log-double';

const TOKEN = 'rt_7f3c9a1e-refresh-token-value';

let folder: string;
let file: string;

beforeEach(async () => {
  resetElectronDouble();
  logLines.length = 0;
  folder = await mkdtemp(path.join(tmpdir(), 'copydesk-vault-'));
  file = path.join(folder, 'user-data', REFRESH_TOKEN_FILE);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('CredentialVault', () => {
  it('stores the token encrypted', async () => {
    const vault = new CredentialVault(file, 'linux');

    const result = await vault.setRefreshToken(TOKEN);

    expect(result).toEqual({ persisted: true });
    const stored = await readFile(file);
    expect(stored.subarray(0, 3).toString()).toBe('v10');
    expect(stored.toString('utf8')).not.toContain(TOKEN);
    expect(stored.toString('latin1')).not.toContain(TOKEN);
  });

  it('makes the file readable by its owner only', async () => {
    await new CredentialVault(file, 'linux').setRefreshToken(TOKEN);

    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file', async () => {
    await new CredentialVault(file, 'linux').setRefreshToken(TOKEN);

    expect(await readdir(path.dirname(file))).toEqual([REFRESH_TOKEN_FILE]);
  });

  it('reads the token back after a restart', async () => {
    await new CredentialVault(file, 'linux').setRefreshToken(TOKEN);

    const restarted = new CredentialVault(file, 'linux');

    expect(await restarted.getRefreshToken()).toBe(TOKEN);
  });

  it('returns null when nothing is stored', async () => {
    expect(
      await new CredentialVault(file, 'linux').getRefreshToken(),
    ).toBeNull();
  });

  it('clears the token from memory and disk', async () => {
    const vault = new CredentialVault(file, 'linux');
    await vault.setRefreshToken(TOKEN);

    await vault.clear();

    expect(await vault.getRefreshToken()).toBeNull();
    expect(await readdir(path.dirname(file))).toEqual([]);
  });

  it('never logs the token', async () => {
    const vault = new CredentialVault(file, 'linux');
    await vault.setRefreshToken(TOKEN);
    await new CredentialVault(file, 'linux').getRefreshToken();
    await vault.clear();

    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) {
      expect(line.text).not.toContain(TOKEN);
    }
  });

  describe('without encryption', () => {
    beforeEach(() => {
      safeStorage.encryptionAvailable = false;
    });

    it('keeps the token in memory only', async () => {
      const vault = new CredentialVault(file, 'win32');

      const result = await vault.setRefreshToken(TOKEN);

      expect(result).toEqual({
        persisted: false,
        reason: 'encryption-unavailable',
      });
      expect(await vault.getRefreshToken()).toBe(TOKEN);
      await expect(stat(file)).rejects.toThrow(/ENOENT/);
    });

    it('logs why the token was not stored', async () => {
      await new CredentialVault(file, 'darwin').setRefreshToken(TOKEN);

      expect(logLines).toEqual([
        {
          logger: 'vault',
          level: 'warn',
          text: 'kept the refresh token in memory only: the operating system offers no encryption (safeStorage is unavailable)',
        },
      ]);
    });

    it('removes a token stored in an earlier run', async () => {
      safeStorage.encryptionAvailable = true;
      await new CredentialVault(file, 'linux').setRefreshToken('older-token');
      safeStorage.encryptionAvailable = false;

      await new CredentialVault(file, 'linux').setRefreshToken(TOKEN);

      await expect(stat(file)).rejects.toThrow(/ENOENT/);
    });

    it('returns null for a stored token it cannot decrypt', async () => {
      safeStorage.encryptionAvailable = true;
      await new CredentialVault(file, 'linux').setRefreshToken(TOKEN);
      safeStorage.encryptionAvailable = false;

      expect(
        await new CredentialVault(file, 'linux').getRefreshToken(),
      ).toBeNull();
    });
  });

  describe('with the Linux basic_text store', () => {
    beforeEach(() => {
      safeStorage.backend = 'basic_text';
    });

    it('keeps the token in memory only', async () => {
      const vault = new CredentialVault(file, 'linux');

      const result = await vault.setRefreshToken(TOKEN);

      expect(result).toEqual({
        persisted: false,
        reason: 'basic-text-backend',
      });
      expect(await vault.getRefreshToken()).toBe(TOKEN);
      await expect(stat(file)).rejects.toThrow(/ENOENT/);
    });

    it('ignores the backend outside Linux', async () => {
      const result = await new CredentialVault(file, 'win32').setRefreshToken(
        TOKEN,
      );

      expect(result).toEqual({ persisted: true });
    });
  });

  it('removes a file it cannot decrypt', async () => {
    await new CredentialVault(file, 'linux').setRefreshToken(TOKEN);
    await writeFile(file, 'damaged');

    const token = await new CredentialVault(file, 'linux').getRefreshToken();

    expect(token).toBeNull();
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('encrypts again after a key rotation', async () => {
    await new CredentialVault(file, 'linux').setRefreshToken(TOKEN);
    safeStorage.shouldReEncrypt = true;

    const token = await new CredentialVault(file, 'linux').getRefreshToken();

    expect(token).toBe(TOKEN);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
  });

  it('reports a failed write and keeps the token', async () => {
    // A file in place of the user data folder makes the write fail.
    const blocked = path.join(folder, 'blocked');
    await writeFile(blocked, 'a file, not a folder');
    const vault = new CredentialVault(
      path.join(blocked, REFRESH_TOKEN_FILE),
      'linux',
    );

    const result = await vault.setRefreshToken(TOKEN);

    expect(result).toEqual({ persisted: false, reason: 'write-failed' });
    expect(await vault.getRefreshToken()).toBe(TOKEN);
  });
});
