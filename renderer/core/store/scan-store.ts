import type { RecordCipher, RecordRef } from '../crypto/record-cipher';
import type { ScanStore } from '../download/scan-store';
import type { CopydeskDatabase } from './database';
import { withQuotaCheck } from './quota';
import type { EncryptedBlob } from './rows';

// Scans are PDFs: the API serves them as `application/pdf`.
const SCAN_CONTENT_TYPE = 'application/pdf';

const FREE_SPACE_ADVICE =
  'Free disk space or remove downloaded batches that are fully synced, then download again.';

/**
 * The download engine's `ScanStore` over the local database. Scans and
 * partial downloads are encrypted from the bytes in memory before they are
 * written and decrypted after they are read, because crypto.subtle calls
 * cannot run inside an IndexedDB transaction.
 */
export class EncryptedScanStore implements ScanStore {
  readonly #db: CopydeskDatabase;
  readonly #cipher: RecordCipher;
  readonly #now: () => Date;

  constructor(
    db: CopydeskDatabase,
    cipher: RecordCipher,
    now: () => Date = () => new Date(),
  ) {
    this.#db = db;
    this.#cipher = cipher;
    this.#now = now;
  }

  async hasScan(copyId: string, sha256: string): Promise<boolean> {
    const row = await this.#db.scans.get(copyId);
    return row?.sha256 === sha256;
  }

  /** Returns the stored scan of a copy, decrypted, or null when none is. */
  async loadScan(copyId: string): Promise<Blob | null> {
    const row = await this.#db.scans.get(copyId);
    if (!row) {
      return null;
    }

    const record = scanRecord(copyId, row.revision, row.sha256);
    const plaintext = await this.#decrypt(record, row.data);
    return new Blob([plaintext], { type: row.contentType });
  }

  async saveScan(
    copyId: string,
    revision: number,
    sha256: string,
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<void> {
    const record = scanRecord(copyId, revision, sha256);
    const data = await this.#encryptToBlob(record, bytes);
    const storedAt = this.#now().toISOString();

    const write = () =>
      this.#db.transaction(
        'rw',
        [this.#db.scans, this.#db.partials, this.#db.copies],
        async () => {
          const stored = await this.#db.scans.get(copyId);
          if (stored && stored.revision > revision) {
            throw new Error(
              `Scan revision ${revision} of copy ${copyId} was not stored: revision ${stored.revision} is already stored. Download the copy's current revision instead.`,
            );
          }

          await this.#db.scans.put({
            copyId,
            revision,
            sha256,
            size: bytes.byteLength,
            contentType: SCAN_CONTENT_TYPE,
            storedAt,
            data,
          });
          await this.#db.partials.delete(copyId);

          // A refresh may have recorded a rescan while this download ran:
          // the older scan stays readable, but the copy still needs the new.
          const copy = await this.#db.copies.get(copyId);
          const current = copy === undefined || copy.scan.sha256 === sha256;
          await this.#db.copies.update(copyId, {
            download: current ? 'stored' : 'missing',
            storedRevision: revision,
          });
        },
      );

    await withQuotaCheck(
      write,
      `Not enough storage space to save the scan of copy ${copyId} (${bytes.byteLength} bytes). ${FREE_SPACE_ADVICE}`,
    );
  }

  async loadPartial(
    copyId: string,
    sha256: string,
  ): Promise<Uint8Array<ArrayBuffer> | null> {
    const row = await this.#db.partials.get(copyId);
    if (!row || row.sha256 !== sha256) {
      return null;
    }

    const plaintext = await this.#decrypt(
      partialRecord(copyId, sha256),
      row.data,
    );
    return new Uint8Array(plaintext);
  }

  async savePartial(
    copyId: string,
    sha256: string,
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<void> {
    const data = await this.#encryptToBlob(
      partialRecord(copyId, sha256),
      bytes,
    );
    const updatedAt = this.#now().toISOString();

    const write = () =>
      this.#db.transaction(
        'rw',
        [this.#db.partials, this.#db.copies],
        async () => {
          await this.#db.partials.put({
            copyId,
            sha256,
            size: bytes.byteLength,
            updatedAt,
            data,
          });
          await this.#db.copies
            .where('id')
            .equals(copyId)
            .and((copy) => copy.download !== 'stored')
            .modify({ download: 'partial' });
        },
      );

    await withQuotaCheck(
      write,
      `Not enough storage space to keep the partial download of copy ${copyId} (${bytes.byteLength} bytes). ${FREE_SPACE_ADVICE}`,
    );
  }

  async deletePartial(copyId: string): Promise<void> {
    await this.#db.transaction(
      'rw',
      [this.#db.partials, this.#db.copies],
      async () => {
        await this.#db.partials.delete(copyId);
        await this.#db.copies
          .where('id')
          .equals(copyId)
          .and((copy) => copy.download === 'partial')
          .modify({ download: 'missing' });
      },
    );
  }

  /**
   * Marks the copy as withdrawn and drops its partial download. The stored
   * scan stays: the sync engine removes it once the copy's grade has
   * nothing left to push.
   */
  async markWithdrawn(copyId: string): Promise<void> {
    const withdrawnAt = this.#now().toISOString();

    await this.#db.transaction(
      'rw',
      [this.#db.partials, this.#db.copies],
      async () => {
        await this.#db.partials.delete(copyId);
        await this.#db.copies
          .where('id')
          .equals(copyId)
          .and((copy) => copy.withdrawnAt === null)
          .modify((copy) => {
            copy.withdrawnAt = withdrawnAt;
            if (copy.download === 'partial') {
              copy.download = 'missing';
            }
          });
      },
    );
  }

  // The ciphertext is kept as a Blob, which hands it to the browser process
  // once, so that reading a row does not load a whole scan (see rows.ts).
  async #encryptToBlob(
    record: RecordRef,
    plaintext: Uint8Array<ArrayBuffer>,
  ): Promise<EncryptedBlob> {
    const { iv, ciphertext } = await this.#cipher.encrypt(record, plaintext);
    return { iv, ciphertext: new Blob([ciphertext]) };
  }

  async #decrypt(record: RecordRef, data: EncryptedBlob): Promise<ArrayBuffer> {
    const ciphertext = await data.ciphertext.arrayBuffer();
    return this.#cipher.decrypt(record, { iv: data.iv, ciphertext });
  }
}

// The revision and SHA-256 are bound too, so an older revision's ciphertext
// cannot pass for the current one.
function scanRecord(
  copyId: string,
  revision: number,
  sha256: string,
): RecordRef {
  return { kind: 'scan', id: copyId, bindings: [revision, sha256] };
}

function partialRecord(copyId: string, sha256: string): RecordRef {
  return { kind: 'partial', id: copyId, bindings: [sha256] };
}
