/**
 * A `ScanStore` kept in memory, for download tests. It can simulate a full
 * disk with a byte quota and records every call, so tests can check what
 * the engine stored and in which order.
 */
import {
  StorageFullError,
  type ScanStore,
} from '../../renderer/core/download/scan-store';

export interface StoredScan {
  revision: number;
  sha256: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface MemoryScanStoreOptions {
  /** Bytes of scans and partial downloads together before `StorageFullError`. */
  quotaBytes?: number;
  /** Called after each scan is saved, to act on the server mid-run. */
  afterSaveScan?: (copyId: string) => Promise<void> | void;
}

export class MemoryScanStore implements ScanStore {
  readonly scans = new Map<string, StoredScan>();
  readonly partials = new Map<
    string,
    { sha256: string; bytes: Uint8Array<ArrayBuffer> }
  >();
  readonly withdrawn = new Set<string>();
  /** Each call, as `method copyId`, in order. */
  readonly calls: string[] = [];

  constructor(private readonly options: MemoryScanStoreOptions = {}) {}

  async hasScan(copyId: string, sha256: string): Promise<boolean> {
    this.calls.push(`hasScan ${copyId}`);
    return this.scans.get(copyId)?.sha256 === sha256;
  }

  async saveScan(
    copyId: string,
    revision: number,
    sha256: string,
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<void> {
    this.calls.push(`saveScan ${copyId}`);
    const partialBytes = this.partials.get(copyId)?.bytes.byteLength ?? 0;
    const replacedBytes = this.scans.get(copyId)?.bytes.byteLength ?? 0;
    this.checkQuota(bytes.byteLength - partialBytes - replacedBytes, copyId);

    this.scans.set(copyId, { revision, sha256, bytes });
    this.partials.delete(copyId);
    await this.options.afterSaveScan?.(copyId);
  }

  async loadPartial(
    copyId: string,
    sha256: string,
  ): Promise<Uint8Array<ArrayBuffer> | null> {
    this.calls.push(`loadPartial ${copyId}`);
    const partial = this.partials.get(copyId);
    return partial?.sha256 === sha256 ? partial.bytes : null;
  }

  async savePartial(
    copyId: string,
    sha256: string,
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<void> {
    this.calls.push(`savePartial ${copyId}`);
    const previousBytes = this.partials.get(copyId)?.bytes.byteLength ?? 0;
    this.checkQuota(bytes.byteLength - previousBytes, copyId);

    this.partials.set(copyId, { sha256, bytes });
  }

  async deletePartial(copyId: string): Promise<void> {
    this.calls.push(`deletePartial ${copyId}`);
    this.partials.delete(copyId);
  }

  async markWithdrawn(copyId: string): Promise<void> {
    this.calls.push(`markWithdrawn ${copyId}`);
    this.withdrawn.add(copyId);
  }

  /** Bytes of scans and partial downloads held. */
  usedBytes(): number {
    let used = 0;
    for (const scan of this.scans.values()) {
      used += scan.bytes.byteLength;
    }
    for (const partial of this.partials.values()) {
      used += partial.bytes.byteLength;
    }
    return used;
  }

  private checkQuota(extraBytes: number, copyId: string): void {
    const quota = this.options.quotaBytes;
    if (quota !== undefined && this.usedBytes() + extraBytes > quota) {
      throw new StorageFullError(
        `Storing ${extraBytes} more bytes for copy ${copyId} would pass the quota of ${quota} bytes`,
      );
    }
  }
}
