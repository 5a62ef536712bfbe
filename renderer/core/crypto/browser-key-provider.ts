import Dexie, { type Table } from 'dexie';

import { KEY_ALGORITHM, KEY_USAGES, type KeyProvider } from './key-provider';

interface StoredKey {
  name: string;
  key: CryptoKey;
  createdAt: string;
}

const KEY_NAME = 'storage-key';

/**
 * Keeps the storage key of the browser build in its own IndexedDB database.
 *
 * The key is generated once as non-extractable and IndexedDB stores the
 * `CryptoKey` object itself, so no script can export its bytes.
 *
 * NOTE: the browser writes the key material into the profile on disk next
 * to the data, so whoever copies the whole profile can decrypt it. Only the
 * Electron build, with the key in the system keychain, guards against that.
 */
export class BrowserKeyProvider implements KeyProvider {
  readonly #db: Dexie & { keys: Table<StoredKey, string> };
  #key: Promise<CryptoKey> | null = null;

  constructor(databaseName = 'copydesk-keys') {
    this.#db = new Dexie(databaseName) as Dexie & {
      keys: Table<StoredKey, string>;
    };
    this.#db.version(1).stores({ keys: 'name' });
  }

  getKey(): Promise<CryptoKey> {
    if (this.#key === null) {
      this.#key = this.#loadOrCreate();

      // A failed load is retried on the next call rather than cached.
      this.#key.catch(() => {
        this.#key = null;
      });
    }
    return this.#key;
  }

  close(): void {
    this.#db.close();
  }

  async #loadOrCreate(): Promise<CryptoKey> {
    const stored = await this.#db.keys.get(KEY_NAME);
    if (stored) {
      return stored.key;
    }

    // Key generation is not an IndexedDB request, so it runs before the
    // transaction: awaiting it inside would let the transaction commit.
    const candidate = (await crypto.subtle.generateKey(
      KEY_ALGORITHM,
      false,
      KEY_USAGES,
    )) as CryptoKey;

    // Another tab may have stored a key since the read above. The first
    // stored key wins, so every tab encrypts with the same one.
    return this.#db.transaction('rw', this.#db.keys, async () => {
      const existing = await this.#db.keys.get(KEY_NAME);
      if (existing) {
        return existing.key;
      }

      await this.#db.keys.add({
        name: KEY_NAME,
        key: candidate,
        createdAt: new Date().toISOString(),
      });
      return candidate;
    });
  }
}
