/**
 * The interface of the engine benchmark page (`window.copydeskBench`),
 * shared by the page and the Node script that drives it.
 */

/**
 * One way of downloading the batch in the page, each adding one stage of
 * the client's work to the one before:
 *
 * - `fetch`: `fetch` with the bearer token, each body read to the end and
 *   dropped (Chromium's network stack alone);
 * - `engine-discard`: the download engine with a store that keeps nothing
 *   (adds the Blob assembly and the SHA-256 check);
 * - `engine-encrypt`: the same, but the store encrypts each scan with
 *   AES-GCM as the local store does, then drops it;
 * - `engine-store`: the download engine with the app's encrypted IndexedDB
 *   store, after the same assignments refresh the app runs at sign-in.
 */
export const ENGINE_VARIANTS = [
  'fetch',
  'engine-discard',
  'engine-encrypt',
  'engine-store',
] as const;

export type EngineVariant = (typeof ENGINE_VARIANTS)[number];

export interface EnginePageRequest {
  variant: EngineVariant;
  username: string;
  password: string;
  /** Downloads in flight; the engine's default is 4. */
  concurrency: number;
}

export interface EnginePageResult {
  /** From the start of the batch download to its end, in page time, milliseconds. */
  milliseconds: number;
  /** `completed`, `stopped` or `cancelled` for the engine; `completed` for plain fetch. */
  outcome: string;
  copiesDone: number;
  copiesTotal: number;
  /** Body bytes the page received or verified. */
  bodyBytes: number;
  /**
   * `copyId: reason` of each copy that failed, and the reason the batch
   * stopped, if it did.
   */
  failures: string[];
}

/** The body the page posts when the download failed. */
export interface EnginePageFailure {
  error: string;
}

export interface EnginePageApi {
  /** Signs in and builds the variant's store, untimed. */
  prepare(request: EnginePageRequest): Promise<void>;
  /**
   * Starts the prepared download after `delayMs`, then posts an
   * `EnginePageResult` or an `EnginePageFailure` as JSON to `resultPath`.
   */
  scheduleDownload(resultPath: string, delayMs: number): void;
}
