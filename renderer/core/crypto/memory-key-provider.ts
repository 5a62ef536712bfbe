import { KEY_ALGORITHM, KEY_USAGES, type KeyProvider } from './key-provider';

/**
 * Keeps a random non-extractable key in memory only, so everything it
 * encrypts becomes unreadable once the page closes. Meant for tests.
 */
export class MemoryKeyProvider implements KeyProvider {
  #key: Promise<CryptoKey> | null = null;

  getKey(): Promise<CryptoKey> {
    if (this.#key === null) {
      this.#key = crypto.subtle.generateKey(
        KEY_ALGORITHM,
        false,
        KEY_USAGES,
      ) as Promise<CryptoKey>;
    }
    return this.#key;
  }
}
