/**
 * The reasons a scan or one of its pages cannot be shown, sorted into the
 * few cases shown to the examiner. pdf.js rebuilds its worker's errors on
 * the main thread with their class names (`PasswordException`,
 * `InvalidPDFException`), which is what the sorting reads.
 */

/** A reason a whole scan cannot be shown. */
export type ScanProblemKind =
  'empty' | 'password' | 'invalid' | 'timeout' | 'unreadable';

/** A reason one page cannot be shown. */
export type PageProblemKind = 'failed' | 'timeout';

export interface ScanProblem {
  kind: ScanProblemKind;
  /** The technical message, for the log and the `unreadable` text. */
  detail: string;
}

/** The scan file has no bytes at all. */
export class EmptyScanError extends Error {
  override readonly name = 'EmptyScanError';

  constructor() {
    super('The scan file is empty (0 bytes)');
  }
}

/** Opening a scan or rendering a page took longer than its time limit. */
export class ScanTimeoutError extends Error {
  override readonly name = 'ScanTimeoutError';

  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`${operation} timed out after ${timeoutMs} ms`);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sorts an error from opening a scan into the case shown to the examiner. */
export function classifyScanError(error: unknown): ScanProblem {
  const detail = errorMessage(error);
  switch (errorName(error)) {
    case 'EmptyScanError':
      return { kind: 'empty', detail };
    case 'ScanTimeoutError':
      return { kind: 'timeout', detail };
    case 'PasswordException':
      return { kind: 'password', detail };
    case 'InvalidPDFException':
      // pdf.js gives an empty file this class too ("The PDF file is empty,
      // i.e. its size is zero bytes.").
      return { kind: /\bempty\b/i.test(detail) ? 'empty' : 'invalid', detail };
    default:
      return { kind: 'unreadable', detail };
  }
}

/** Sorts an error from rendering a page into the case shown to the examiner. */
export function classifyPageError(error: unknown): PageProblemKind {
  return errorName(error) === 'ScanTimeoutError' ? 'timeout' : 'failed';
}

/**
 * Resolves as `promise` does, or rejects with a `ScanTimeoutError` after
 * `timeoutMs` and then calls `onTimeout`, which should stop the work.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  operation: string,
  timeoutMs: number,
  onTimeout: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new ScanTimeoutError(operation, timeoutMs));
      onTimeout();
    }, timeoutMs);

    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
