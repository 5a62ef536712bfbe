/**
 * The bounded cache of rendered pages: at most `maxEntries` entries and
 * `maxBytes` bytes, the least recently used evicted first. Each entry is
 * closed when it leaves the cache, which for an `ImageBitmap` frees its
 * pixels at once instead of at the next garbage collection.
 */

/** A value that keeps memory until it is closed, such as an `ImageBitmap`. */
export interface Closable {
  close(): void;
}

export interface PageCacheLimits {
  /** Maximum count of entries. */
  maxEntries: number;
  /** Maximum total size of the entries, bytes. */
  maxBytes: number;
}

interface Entry<V> {
  value: V;
  bytes: number;
}

export class PageCache<V extends Closable> {
  /** Entries in order of use, the least recently used first. */
  private readonly entries = new Map<string, Entry<V>>();
  private totalBytes = 0;

  constructor(private readonly limits: PageCacheLimits) {
    if (limits.maxEntries < 1 || limits.maxBytes <= 0) {
      throw new RangeError(
        `Invalid page cache limits (${limits.maxEntries} entries, ${limits.maxBytes} bytes): both must be positive`,
      );
    }
  }

  /** Count of entries. */
  get size(): number {
    return this.entries.size;
  }

  /** Total size of the entries, bytes. */
  get bytes(): number {
    return this.totalBytes;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Returns the value under `key` and marks it as the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Returns the most recently used value whose key passes `test`, without marking it used. */
  findLatest(test: (key: string) => boolean): V | undefined {
    let found: V | undefined;
    for (const [key, entry] of this.entries) {
      if (test(key)) {
        found = entry.value;
      }
    }
    return found;
  }

  /**
   * Stores `value` of `bytes` bytes under `key`, closing the value it
   * replaces, then evicts entries until the cache is within its limits:
   * first the least recently used of those `isWanted` rejects, then the
   * least recently used of the rest. The new entry itself is never
   * evicted, so an entry larger than `maxBytes` stays alone in the cache
   * until the next `set`.
   */
  set(
    key: string,
    value: V,
    bytes: number,
    isWanted: (key: string) => boolean = () => false,
  ): void {
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.totalBytes -= previous.bytes;
      if (previous.value !== value) {
        previous.value.close();
      }
    }

    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    this.evict((candidate) => candidate !== key && !isWanted(candidate));
    this.evict((candidate) => candidate !== key);
  }

  /** Removes and closes the entry under `key`. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return;
    }
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    entry.value.close();
  }

  /** Removes and closes every entry. */
  clear(): void {
    for (const entry of this.entries.values()) {
      entry.value.close();
    }
    this.entries.clear();
    this.totalBytes = 0;
  }

  /** Evicts entries that `evictable` accepts, oldest first, until within the limits. */
  private evict(evictable: (key: string) => boolean): void {
    for (const [key, entry] of this.entries) {
      const within =
        this.entries.size <= this.limits.maxEntries &&
        this.totalBytes <= this.limits.maxBytes;
      if (within) {
        return;
      }
      if (!evictable(key)) {
        continue;
      }
      this.entries.delete(key);
      this.totalBytes -= entry.bytes;
      entry.value.close();
    }
  }
}
