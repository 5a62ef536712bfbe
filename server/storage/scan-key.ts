/**
 * Validation of scan keys. Both storages accept the same keys, so scans can
 * move between a folder and a bucket without renaming.
 */

/**
 * Max key length in UTF-8 bytes. S3 limits object keys to 1024 bytes, and the
 * S3 storage's prefix counts toward that limit as well.
 */
export const MAX_SCAN_KEY_BYTES = 1024;

/** Raised when a key could escape the storage root or is not portable. */
export class InvalidScanKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(
      `Invalid scan key ${JSON.stringify(key)}: ${reason}. ` +
        'Use slash-separated names such as "sitting-2025/AB12CD.pdf".',
    );
    this.name = 'InvalidScanKeyError';
  }
}

/**
 * Checks that `key` is a relative, slash-separated path with no empty, `.`
 * or `..` segment, no segment starting with `.`, no backslash and no control
 * character (NUL included). Throws `InvalidScanKeyError` otherwise.
 *
 * Segments starting with `.` are reserved for the temporary files that the
 * file storage writes next to a scan.
 */
export function assertValidScanKey(key: string): void {
  if (key === '') {
    throw new InvalidScanKeyError(key, 'the key is empty');
  }

  if (Buffer.byteLength(key, 'utf8') > MAX_SCAN_KEY_BYTES) {
    throw new InvalidScanKeyError(
      key,
      `the key is longer than ${MAX_SCAN_KEY_BYTES} bytes`,
    );
  }

  // The control characters include NUL, which ends a path in system calls.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) {
    throw new InvalidScanKeyError(key, 'the key contains a control character');
  }

  if (key.includes('\\')) {
    throw new InvalidScanKeyError(key, 'the key contains a backslash');
  }

  if (key.startsWith('/')) {
    throw new InvalidScanKeyError(key, 'the key is an absolute path');
  }

  for (const segment of key.split('/')) {
    if (segment === '') {
      throw new InvalidScanKeyError(key, 'the key has an empty segment');
    }

    if (segment === '.' || segment === '..') {
      throw new InvalidScanKeyError(key, `the key has a "${segment}" segment`);
    }

    if (segment.startsWith('.')) {
      throw new InvalidScanKeyError(
        key,
        `the segment "${segment}" starts with "."`,
      );
    }
  }
}
