/**
 * The AES-GCM key that encrypts the local store (scans, grades, OCR text)
 * at rest. It is created once, on the first request, and kept in
 * `storage-key.json` in the user data folder, encrypted with `safeStorage`.
 *
 * Losing this key makes every mark stored on the computer unreadable,
 * unsynced ones included. So the key file is never replaced once written:
 * a file that cannot be read or decrypted makes `getKey` reject with the
 * file's path and what to do, and the renderer opens no store.
 *
 * When `safeStorage` cannot protect the key (no encryption, or Linux's
 * `basic_text` store), the key is still written, unencrypted, with mode
 * 0600. Keeping it in memory only would make the store unreadable at the
 * next start. It is encrypted as soon as a later start finds a keychain.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { safeStorage } from 'electron';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';

import { StorageKey } from '../shared/ipc/contract';
import { writeFileAtomic } from './atomic-file';
import { findEncryptionProblem } from './encryption-status';
import { createLogger } from './logger';

const log = createLogger('storage-key');

/** Name of the key file in the user data folder. */
export const STORAGE_KEY_FILE = 'storage-key.json';

/** AES-256 key length in bytes. */
const KEY_BYTES = 32;

/** Advice that ends the error for a damaged key file. */
const RESTORE_ADVICE =
  'Restore the file from a backup and restart Copydesk. Only if every mark is synced, move the file away to start again with an empty local store.';

/**
 * The key file: the key encrypted by `safeStorage` (its output in base64),
 * or the key itself when the system could not encrypt it.
 */
const StorageKeyFile = Type.Union([
  Type.Object(
    {
      version: Type.Literal(1),
      protection: Type.Literal('safe-storage'),
      encryptedKey: Type.String({ minLength: 1 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      version: Type.Literal(1),
      protection: Type.Literal('none'),
      key: StorageKey,
    },
    { additionalProperties: false },
  ),
]);
type StorageKeyFile = Static<typeof StorageKeyFile>;

const fileValidator = Compile(StorageKeyFile);
const keyValidator = Compile(StorageKey);

export class StorageKeyStore {
  /** The key of this run, loaded or created once. Null again after a failed load. */
  private key: Promise<string> | null = null;

  /**
   * @param file the key file, normally
   *   `<app.getPath('userData')>/storage-key.json`
   * @param platform `process.platform`, given to test Linux rules anywhere
   */
  constructor(
    private readonly file: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /**
   * Returns the key in base64, creating and storing it on the first call
   * ever. Concurrent calls share one load, so two keys are never created.
   * Rejects when the stored key cannot be read or a new one cannot be
   * written, and tries again on the next call.
   */
  getKey(): Promise<string> {
    if (this.key === null) {
      const loading = this.loadOrCreate();
      this.key = loading;
      loading.catch(() => {
        this.key = null;
      });
    }
    return this.key;
  }

  private async loadOrCreate(): Promise<string> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return this.create();
      }
      throw this.unreadable(
        `the file cannot be read (${(error as Error).message})`,
        'Give your user account read and write access to it, then restart Copydesk.',
      );
    }

    const stored = this.parse(text);
    if (stored.protection === 'none') {
      return this.protectIfPossible(stored.key);
    }
    return this.decrypt(stored.encryptedKey);
  }

  private async create(): Promise<string> {
    const key = randomBytes(KEY_BYTES).toString('base64');
    const problem = await findEncryptionProblem(this.platform);

    try {
      if (problem === null) {
        await this.writeEncrypted(key);
        log.info(`created the storage key in ${this.file}`);
      } else {
        // NOTE: anyone who can read the user's files can read this key and
        // so the local store, as in the browser build. Losing unsynced marks
        // at the next start would be worse.
        await this.writeUnprotected(key);
        log.warn(
          `created the storage key in ${this.file} without encryption: ${problem.message}`,
        );
      }
    } catch (error) {
      throw new Error(
        `could not write the storage key to ${this.file} (${String(error)}). Free disk space or fix the folder's permissions, then restart Copydesk.`,
        { cause: error },
      );
    }
    return key;
  }

  /** Encrypts a key stored without encryption, when the system now can. */
  private async protectIfPossible(key: string): Promise<string> {
    const problem = await findEncryptionProblem(this.platform);
    if (problem !== null) {
      log.warn(
        `the storage key in ${this.file} stays unencrypted: ${problem.message}`,
      );
      return key;
    }

    try {
      await this.writeEncrypted(key);
      log.info(`encrypted the storage key in ${this.file}`);
    } catch (error) {
      // The unencrypted file is still whole, because the write is atomic.
      log.error(`could not encrypt the storage key: ${String(error)}`);
    }
    return key;
  }

  private async decrypt(encryptedKey: string): Promise<string> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw this.unreadable(
        'it is encrypted with the system keychain, which is not available now',
        'Sign in to your desktop session (on Linux, start GNOME Keyring or KWallet), then restart Copydesk.',
      );
    }

    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await safeStorage.decryptStringAsync(
        Buffer.from(encryptedKey, 'base64'),
      );
    } catch (error) {
      throw this.unreadable(
        `the system keychain cannot decrypt it (${String(error)})`,
        'Sign in with the account and keychain that created it (on Linux, start the same GNOME Keyring or KWallet), then restart Copydesk.',
      );
    }

    const key = decrypted.result;
    if (!keyValidator.Check(key)) {
      throw this.unreadable(
        `it does not decrypt to a ${KEY_BYTES}-byte key`,
        RESTORE_ADVICE,
      );
    }

    if (decrypted.shouldReEncrypt) {
      try {
        await this.writeEncrypted(key);
        log.info('encrypted the storage key again with the new keychain key');
      } catch (error) {
        log.error(`could not encrypt the storage key again: ${String(error)}`);
      }
    }
    return key;
  }

  private parse(text: string): StorageKeyFile {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw this.unreadable(
        `it is not valid JSON (${(error as Error).message})`,
        RESTORE_ADVICE,
      );
    }

    if (!fileValidator.Check(document)) {
      throw this.unreadable(
        'it is not a Copydesk storage key file',
        RESTORE_ADVICE,
      );
    }
    return document;
  }

  private async writeEncrypted(key: string): Promise<void> {
    const encrypted = await safeStorage.encryptStringAsync(key);
    await this.write({
      version: 1,
      protection: 'safe-storage',
      encryptedKey: encrypted.toString('base64'),
    });
  }

  private async writeUnprotected(key: string): Promise<void> {
    await this.write({ version: 1, protection: 'none', key });
  }

  private async write(content: StorageKeyFile): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(content)}\n`, 0o600);
  }

  /** Builds the error for a key file that exists but cannot be used. */
  private unreadable(problem: string, advice: string): Error {
    return new Error(
      `cannot use the storage key in ${this.file}: ${problem}. The marks and scans stored on this computer can be read only with this key, so Copydesk does not replace it. ${advice}`,
    );
  }
}
