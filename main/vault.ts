/**
 * The credential vault: keeps the examiner's refresh token across restarts,
 * encrypted with Electron's `safeStorage`, which uses DPAPI on Windows, the
 * Keychain on macOS and the Secret Service or KWallet on Linux. It has no
 * method for the access token, which is never written to disk.
 *
 * When the operating system offers no encryption, the token is kept in
 * memory until the app quits and the examiner signs in again at the next
 * start. On Linux without a keyring, Chromium falls back to its
 * `basic_text` store, which encrypts with a key written in its source code.
 * That is no protection, so the vault treats it as no encryption.
 */
import { readFile, rm } from 'node:fs/promises';

import { safeStorage } from 'electron';

import type { VaultWriteResult } from '../shared/ipc/contract';
import { writeFileAtomic } from './atomic-file';
import { findEncryptionProblem } from './encryption-status';
import { createLogger } from './logger';

const log = createLogger('vault');

/** Name of the encrypted token file in the user data folder. */
export const REFRESH_TOKEN_FILE = 'refresh-token.enc';

export class CredentialVault {
  /** The token of this run, also when it could not be written to disk. */
  private refreshToken: string | null = null;

  /**
   * @param file the encrypted token file, normally
   *   `<app.getPath('userData')>/refresh-token.enc`
   * @param platform `process.platform`, given to test Linux rules anywhere
   */
  constructor(
    private readonly file: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /**
   * Stores `token` for this run and, when the system can encrypt it, on
   * disk. The result tells whether it was written and, if not, why.
   */
  async setRefreshToken(token: string): Promise<VaultWriteResult> {
    this.refreshToken = token;

    const unavailable = await findEncryptionProblem(this.platform);
    if (unavailable !== null) {
      // A token from an earlier run is outdated now, so it must not come back.
      await rm(this.file, { force: true });
      log.warn(`kept the refresh token in memory only: ${unavailable.message}`);
      return { persisted: false, reason: unavailable.reason };
    }

    try {
      await this.writeEncrypted(token);
    } catch (error) {
      log.error(`could not write ${this.file}: ${String(error)}`);
      return { persisted: false, reason: 'write-failed' };
    }

    log.info('stored the refresh token');
    return { persisted: true };
  }

  /** Returns the refresh token of this run, or the stored one, or null. */
  async getRefreshToken(): Promise<string | null> {
    if (this.refreshToken !== null) {
      return this.refreshToken;
    }

    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        log.error(`could not read ${this.file}: ${String(error)}`);
      }
      return null;
    }

    const unavailable = await findEncryptionProblem(this.platform);
    if (unavailable !== null) {
      log.warn(
        `cannot decrypt the stored refresh token: ${unavailable.message}`,
      );
      return null;
    }

    try {
      const { result, shouldReEncrypt } =
        await safeStorage.decryptStringAsync(encrypted);
      this.refreshToken = result;
      if (shouldReEncrypt) {
        await this.writeEncrypted(result);
        log.info('encrypted the refresh token again with the new key');
      }
      return result;
    } catch (error) {
      // The keychain entry was reset or the file is damaged: the token is
      // lost either way, and the examiner signs in again.
      log.warn(`removed an unreadable refresh token file: ${String(error)}`);
      await rm(this.file, { force: true });
      return null;
    }
  }

  /** Forgets the refresh token, in memory and on disk (at sign-out). */
  async clear(): Promise<void> {
    this.refreshToken = null;
    await rm(this.file, { force: true });
    log.info('cleared the refresh token');
  }

  /** Writes through a temporary file, so a crash never leaves half a token. */
  private async writeEncrypted(token: string): Promise<void> {
    const encrypted = await safeStorage.encryptStringAsync(token);
    await writeFileAtomic(this.file, encrypted, 0o600);
  }
}
