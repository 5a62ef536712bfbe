import type { ByteRange } from './scan-storage';

/**
 * Checks that `range` has integer bounds with `0 <= start <= end`. Throws a
 * `RangeError` otherwise, because a caller should have parsed the `Range`
 * header before asking a storage for bytes.
 */
export function assertValidByteRange(range: ByteRange): void {
  const { start, end } = range;
  const valid =
    Number.isSafeInteger(start) &&
    Number.isSafeInteger(end) &&
    start >= 0 &&
    end >= start;

  if (!valid) {
    throw new RangeError(
      `Invalid byte range ${start}-${end}: expected integers with ` +
        '0 <= start <= end',
    );
  }
}
