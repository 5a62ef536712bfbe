/**
 * Copies the checked scans of an import plan into scan storage, and removes
 * them again when the import fails after storing.
 */
import type { ScanStorage } from '../storage/scan-storage';
import type { ImportPlan } from './import-plan';
import type { ImportProgress } from './import-sitting';

/** Removals sent to the storage at once when cleaning up. */
const PARALLEL_DELETES = 16;

/**
 * Stores every copy's scan under its planned key. On failure it removes the
 * scans it stored and throws the storage error.
 */
export async function storeScans(
  plan: ImportPlan,
  storage: ScanStorage,
  onProgress?: (progress: ImportProgress) => void,
): Promise<void> {
  const copies = plan.batches.flatMap((batch) => batch.copies);
  let done = 0;

  try {
    for (const copy of copies) {
      await storage.putFile(copy.storageKey, copy.scan.path);
      done += 1;
      onProgress?.({
        step: 'storing',
        file: copy.file,
        done,
        total: copies.length,
      });
    }
  } catch (error) {
    await deleteScans(plan, storage, error);
    throw new Error(
      `Storing the scan of ${copies[done]?.file} in ${storage.description} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Removes every scan of the plan from storage, after `failure` stopped the
 * import. Keys that were never stored are skipped by the storage. When a
 * removal fails too, the error names every key left behind.
 */
export async function deleteScans(
  plan: ImportPlan,
  storage: ScanStorage,
  failure: unknown,
): Promise<void> {
  const keys = plan.batches.flatMap((batch) =>
    batch.copies.map((copy) => copy.storageKey),
  );
  const left: string[] = [];

  for (let start = 0; start < keys.length; start += PARALLEL_DELETES) {
    const group = keys.slice(start, start + PARALLEL_DELETES);
    const results = await Promise.allSettled(
      group.map((key) => storage.delete(key)),
    );
    group.forEach((key, index) => {
      if (results[index]?.status === 'rejected') {
        left.push(key);
      }
    });
  }

  if (left.length > 0) {
    throw new Error(
      `Import failed (${(failure as Error).message}) and removing its stored scans from ${storage.description} failed too: remove these keys by hand: ${left.join(', ')}`,
      { cause: failure },
    );
  }
}
