import type { KeyProvider } from './key-provider';

/** The kinds of stored record that are encrypted. */
export type RecordKind = 'scan' | 'partial' | 'grade' | 'server-grade' | 'ocr';

/**
 * Identifies one stored record. The cipher binds it to the ciphertext as
 * additional authenticated data, so a ciphertext copied into another record
 * fails to decrypt.
 */
export interface RecordRef {
  kind: RecordKind;
  id: string;
  /** Further values the ciphertext belongs to, such as a scan's revision. */
  bindings?: readonly (string | number)[];
}

/** AES-GCM output as stored: the IV next to the ciphertext and its tag. */
export interface EncryptedBytes {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

/** Raised when a stored record fails to decrypt or to authenticate. */
export class RecordDecryptionError extends Error {
  readonly record: RecordRef;

  constructor(record: RecordRef, options?: { cause?: unknown }) {
    super(
      `Decryption of ${describeRecord(record)} failed: the stored data was changed, or it was encrypted with another key. Remove the local copy of this record and load it again from the server.`,
      options,
    );
    this.name = 'RecordDecryptionError';
    this.record = record;
  }
}

const IV_BYTES = 12;

// Changing the layout of the additional data makes every stored record
// unreadable, so it carries a version of its own.
const AAD_FORMAT = 1;

/** Encrypts and decrypts stored records with AES-GCM and a fresh IV each. */
export class RecordCipher {
  readonly #keys: KeyProvider;

  constructor(keys: KeyProvider) {
    this.#keys = keys;
  }

  async encrypt(
    record: RecordRef,
    plaintext: BufferSource,
  ): Promise<EncryptedBytes> {
    const key = await this.#keys.getKey();
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));

    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: additionalData(record) },
      key,
      plaintext,
    );
    return { iv, ciphertext };
  }

  async decrypt(
    record: RecordRef,
    encrypted: EncryptedBytes,
  ): Promise<ArrayBuffer> {
    const key = await this.#keys.getKey();

    try {
      return await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: encrypted.iv,
          additionalData: additionalData(record),
        },
        key,
        encrypted.ciphertext,
      );
    } catch (error) {
      throw new RecordDecryptionError(record, { cause: error });
    }
  }

  encryptJson(record: RecordRef, value: unknown): Promise<EncryptedBytes> {
    const text = JSON.stringify(value);
    return this.encrypt(record, new TextEncoder().encode(text));
  }

  async decryptJson<T>(
    record: RecordRef,
    encrypted: EncryptedBytes,
  ): Promise<T> {
    const bytes = await this.decrypt(record, encrypted);
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  }
}

// A JSON array keeps the parts apart even when an id contains a separator.
function additionalData(record: RecordRef): Uint8Array<ArrayBuffer> {
  const parts = [
    'copydesk-record',
    AAD_FORMAT,
    record.kind,
    record.id,
    ...(record.bindings ?? []),
  ];
  return new TextEncoder().encode(JSON.stringify(parts));
}

function describeRecord(record: RecordRef): string {
  const bindings = record.bindings?.length
    ? ` (${record.bindings.join(', ')})`
    : '';
  return `${record.kind} record "${record.id}"${bindings}`;
}
