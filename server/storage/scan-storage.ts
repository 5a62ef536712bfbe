/**
 * Storage of scanned PDFs. The server reads and writes scans only through
 * this interface, so a local folder and S3-compatible object storage are
 * interchangeable (`SCAN_STORAGE=file:<dir>` or `s3://<bucket>/<prefix>`).
 *
 * Keys are slash-separated relative names such as `sitting-2025/AB12CD.pdf`.
 * Each method that takes a key rejects an invalid one, such as a key that
 * could escape the storage, with `InvalidScanKeyError` from `scan-key.ts`.
 */
import type { Readable } from 'node:stream';

/** An inclusive byte range, as HTTP `Range: bytes=start-end` names it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ScanStorage {
  /** A description safe to log, without credentials. */
  readonly description: string;

  /**
   * Stores the file at `sourcePath` under `key`, replacing any scan already
   * there. Resolves once the scan is durably stored.
   */
  putFile(key: string, sourcePath: string): Promise<void>;

  /**
   * Opens a stream of the scan, or of one byte range of it. An `end` past the
   * last byte stops the stream at the last byte. Rejects with
   * `ScanNotFoundError` when no scan is stored under `key`, and with a
   * `RangeError` when the range is invalid or starts past the last byte.
   */
  openRead(key: string, range?: ByteRange): Promise<Readable>;

  /** Returns the stored size in bytes, or `null` when `key` is absent. */
  size(key: string): Promise<number | null>;

  /** Removes the scan; removing an absent key is not an error. */
  delete(key: string): Promise<void>;

  /** Checks that the storage is reachable, for the readiness probe. */
  checkReady(): Promise<void>;

  /** Releases connections, where the storage holds any. */
  close?(): void;
}

export class ScanNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No scan is stored under "${key}"`);
    this.name = 'ScanNotFoundError';
  }
}
