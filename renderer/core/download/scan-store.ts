/**
 * The operations the download engine needs from the local store. The store
 * in `renderer/core/store/` implements them over IndexedDB, and tests may
 * use a memory implementation.
 */

/** Raised when the browser's storage quota or the disk is full. */
export class StorageFullError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageFullError';
  }
}

export interface ScanStore {
  /** Tests whether the scan with this SHA-256 is stored and verified. */
  hasScan(copyId: string, sha256: string): Promise<boolean>;

  /**
   * Stores a verified scan (a PDF) in one transaction, replacing an older
   * revision and deleting the partial download. Rejects with
   * `StorageFullError` when there is no room, leaving everything already
   * stored as it was. The caller must not change `bytes` until the promise
   * settles.
   */
  saveScan(
    copyId: string,
    revision: number,
    sha256: string,
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<void>;

  /** Returns the bytes received so far of a download of this SHA-256. */
  loadPartial(
    copyId: string,
    sha256: string,
  ): Promise<Uint8Array<ArrayBuffer> | null>;

  /**
   * Stores the bytes received so far, so a download can resume with
   * `Range` after a cut or a restart. Rejects with `StorageFullError`.
   */
  savePartial(
    copyId: string,
    sha256: string,
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<void>;

  /** Deletes the bytes of an unfinished download; an absent one is no error. */
  deletePartial(copyId: string): Promise<void>;

  /** Records that the server no longer has this copy for the grader. */
  markWithdrawn(copyId: string): Promise<void>;
}
