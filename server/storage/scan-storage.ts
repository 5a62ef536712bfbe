/**
 * Where scanned PDFs live. The server reads and writes scans only through
 * this interface, so a local folder and S3-compatible object storage are
 * interchangeable (`SCAN_STORAGE=file:<dir>` or `s3://<bucket>/<prefix>`).
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
   * Opens a stream of the scan, or of one byte range of it. Rejects with
   * `ScanNotFoundError` when no scan is stored under `key`.
   */
  openRead(key: string, range?: ByteRange): Promise<Readable>;

  /** Returns the stored size in bytes, or `null` when `key` is absent. */
  size(key: string): Promise<number | null>;

  /** Removes the scan; removing an absent key is not an error. */
  delete(key: string): Promise<void>;

  /** Checks that the storage is reachable, for the readiness probe. */
  checkReady(): Promise<void>;
}

export class ScanNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No scan is stored under "${key}"`);
    this.name = 'ScanNotFoundError';
  }
}
