import { StorageFullError } from '../download/scan-store';

const MAX_CAUSE_DEPTH = 5;

/**
 * Tests whether an error comes from a full storage quota or disk. IndexedDB
 * raises a `DOMException` named `QuotaExceededError`, either on the request
 * or as the transaction's abort error; Dexie passes it on as a
 * `QuotaExceededError` or `AbortError` of its own with the original as
 * `inner`.
 */
export function isQuotaExceeded(error: unknown): boolean {
  let current = error;

  for (let depth = 0; depth < MAX_CAUSE_DEPTH; depth += 1) {
    if (!(current instanceof Object)) {
      return false;
    }

    if ((current as { name?: unknown }).name === 'QuotaExceededError') {
      return true;
    }

    const wrapper = current as { inner?: unknown; cause?: unknown };
    current = wrapper.inner ?? wrapper.cause;
  }
  return false;
}

/**
 * Runs a write, turning a full quota into `StorageFullError` with the given
 * message. The write's transaction has then aborted, so nothing it changed
 * is stored.
 */
export async function withQuotaCheck<T>(
  write: () => Promise<T>,
  messageIfFull: string,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaExceeded(error)) {
      throw new StorageFullError(messageIfFull, { cause: error });
    }
    throw error;
  }
}
