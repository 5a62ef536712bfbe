/**
 * Source of the AES-GCM key that encrypts scans, partial downloads, OCR text
 * and grades at rest.
 *
 * In Electron the main process keeps the key with `safeStorage` and hands
 * its raw bytes over the bridge (`createImportedKeyProvider`). The browser
 * build keeps a non-extractable key in IndexedDB (`BrowserKeyProvider`).
 */
export interface KeyProvider {
  /** Returns the 256-bit AES-GCM key, the same one on every call. */
  getKey(): Promise<CryptoKey>;
}

export const KEY_ALGORITHM = { name: 'AES-GCM', length: 256 } as const;
export const KEY_USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

const RAW_KEY_BYTES = KEY_ALGORITHM.length / 8;

/**
 * Builds a provider over raw key bytes loaded once, for example from the
 * main process. The bytes are imported as a non-extractable key, so script in
 * the page cannot read them back out of the `CryptoKey`.
 */
export function createImportedKeyProvider(
  loadRawKey: () => Promise<ArrayBuffer | Uint8Array<ArrayBuffer>>,
): KeyProvider {
  let key: Promise<CryptoKey> | null = null;

  async function importKey(): Promise<CryptoKey> {
    const raw = await loadRawKey();

    if (raw.byteLength !== RAW_KEY_BYTES) {
      throw new Error(
        `Invalid storage key: expected ${RAW_KEY_BYTES} bytes, got ${raw.byteLength} from the key vault. Check what the vault stored: data encrypted with another key cannot be read.`,
      );
    }

    const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
    return crypto.subtle.importKey(
      'raw',
      bytes,
      KEY_ALGORITHM,
      false,
      KEY_USAGES,
    );
  }

  return {
    getKey() {
      if (key === null) {
        key = importKey();

        // A failed load is retried on the next call rather than cached.
        key.catch(() => {
          key = null;
        });
      }
      return key;
    },
  };
}
