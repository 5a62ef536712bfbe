/**
 * Delays between retries: exponential, capped, with jitter so that many
 * clients cut off at once do not come back at the same instant.
 */

export interface BackoffOptions {
  /** Delay before the first retry, milliseconds. */
  initialDelayMs: number;
  /** Largest delay, milliseconds, before jitter. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Returns the delay before retry number `attempt` (1 for the first retry):
 * `initialDelayMs * 2^(attempt - 1)` capped at `maxDelayMs`, then scaled to
 * between half and all of that ("equal jitter"), so a retry never comes at
 * once. `random` returns a number in [0, 1), as `Math.random` does.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(
      `Invalid retry attempt ${attempt}: expected an integer >= 1`,
    );
  }

  // Past 2^30 the cap applies anyway; this keeps the power finite.
  const exponent = Math.min(attempt - 1, 30);
  const capped = Math.min(
    options.initialDelayMs * 2 ** exponent,
    options.maxDelayMs,
  );
  return Math.round(capped / 2 + (capped / 2) * random());
}

/** Waits `ms` milliseconds; rejects with the signal's reason when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }

    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
