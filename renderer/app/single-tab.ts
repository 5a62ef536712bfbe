/**
 * Keeps the app to one tab per browser profile. Every tab shares one local
 * store, and the store belongs to one examiner: a second tab signing in as
 * someone else would clear the first one's downloads under it, and two tabs
 * would download the same batch twice. The desktop app has one window and
 * its own lock, so this matters only in the browser build.
 */

const LOCK_NAME = 'copydesk-local-store';

/** How long a new page waits for the lock, for the page it replaces on reload to release it, milliseconds. */
const WAIT_MS = 3_000;

/**
 * Takes the app's lock for as long as the page lives. Returns false when
 * another tab still holds it after `WAIT_MS`, true when this tab got it or
 * the browser has no Web Locks API.
 */
export async function claimSingleTab(): Promise<boolean> {
  if (!('locks' in navigator)) {
    return true;
  }

  return new Promise<boolean>((resolve) => {
    navigator.locks
      .request(
        LOCK_NAME,
        { signal: AbortSignal.timeout(WAIT_MS) },
        async () => {
          resolve(true);
          // Held until the page unloads, which releases it.
          await new Promise<never>(() => undefined);
        },
      )
      .catch(() => resolve(false));
  });
}
