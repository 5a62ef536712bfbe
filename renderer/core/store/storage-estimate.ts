/**
 * Persistent storage and the space the local store uses, through the
 * Storage API (`navigator.storage`). Where that API is absent, as in Node,
 * both functions return an "unknown" result instead of failing.
 */

/** The parts of `StorageManager` used here, each of which may be missing. */
export type StorageApi = Partial<
  Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>
>;

export type PersistenceResult = 'granted' | 'denied' | 'unknown';

export type StorageEstimateReport =
  | {
      known: true;
      usedBytes: number;
      quotaBytes: number;
      /**
       * Quota left as the browser reports it: an estimate, not the free
       * space on the disk. Since Chrome 138 the reported quota of an origin
       * without unlimited storage is its usage plus at most 10 GiB, not the
       * quota it enforces (chromestatus.com feature 4977371751645184).
       */
      freeBytes: number;
    }
  | { known: false };

function defaultStorage(): StorageApi | undefined {
  if (typeof navigator === 'undefined') {
    return undefined;
  }
  return navigator.storage;
}

/**
 * Asks the browser to keep the local store when disk space runs low, rather
 * than evict it. Returns whether persistence is granted.
 */
export async function requestPersistentStorage(
  storage: StorageApi | undefined = defaultStorage(),
): Promise<PersistenceResult> {
  if (!storage?.persist) {
    return 'unknown';
  }

  if (storage.persisted && (await storage.persisted())) {
    return 'granted';
  }

  const granted = await storage.persist();
  return granted ? 'granted' : 'denied';
}

/** Returns the space used by this origin and what is left of its quota. */
export async function readStorageEstimate(
  storage: StorageApi | undefined = defaultStorage(),
): Promise<StorageEstimateReport> {
  if (!storage?.estimate) {
    return { known: false };
  }

  const { usage, quota } = await storage.estimate();
  if (usage === undefined || quota === undefined) {
    return { known: false };
  }

  return {
    known: true,
    usedBytes: usage,
    quotaBytes: quota,
    freeBytes: Math.max(0, quota - usage),
  };
}
