/**
 * The examiner's active time on each copy, kept on this computer only and
 * never sent, for their own pace figures.
 */
import type { CopydeskDatabase } from '../store/database';
import { withQuotaCheck } from '../store/quota';
import type { MarkingTimeRow } from '../store/rows';

/**
 * Maximum single addition, milliseconds: 5 minutes. Callers add active time
 * in slices of seconds while the examiner works, so a longer slice means
 * the examiner was away (a laptop asleep, a window left open) and counts as
 * 5 minutes of work.
 */
export const MAX_ACTIVE_SLICE_MS = 5 * 60_000;

/**
 * Adds a slice of active time to the copy's row, creating the row, in one
 * transaction, and returns the row as stored. A slice above
 * `MAX_ACTIVE_SLICE_MS` is capped to it. A slice that is not a positive
 * finite number is ignored, and the function returns null. Raises an
 * `Error` when the copy is not in the local store, and `StorageFullError`
 * when there is no room.
 */
export async function addMarkingTime(
  db: CopydeskDatabase,
  copyId: string,
  activeMs: number,
  now: Date = new Date(),
): Promise<MarkingTimeRow | null> {
  if (!Number.isFinite(activeMs) || activeMs <= 0) {
    return null;
  }
  const added = Math.min(Math.round(activeMs), MAX_ACTIVE_SLICE_MS);
  if (added === 0) {
    return null;
  }

  const write = () =>
    db.transaction('rw', [db.copies, db.markingTimes], async () => {
      const stored = await db.markingTimes.get(copyId);
      if (stored !== undefined) {
        const row: MarkingTimeRow = {
          ...stored,
          activeMs: stored.activeMs + added,
          lastActiveAt: now.toISOString(),
        };
        await db.markingTimes.put(row);
        return row;
      }

      const copy = await db.copies.get(copyId);
      if (copy === undefined) {
        throw new Error(
          `Cannot add marking time to copy ${copyId}: it is not in the local store. Refresh the batches and open the copy again.`,
        );
      }
      // The first slice ends now, so the copy was opened when it began.
      const row: MarkingTimeRow = {
        copyId,
        batchId: copy.batchId,
        activeMs: added,
        firstOpenedAt: new Date(now.getTime() - added).toISOString(),
        lastActiveAt: now.toISOString(),
      };
      await db.markingTimes.add(row);
      return row;
    });

  return withQuotaCheck(
    write,
    `Not enough storage space to record the time spent on copy ${copyId}; grades are not affected. Free disk space.`,
  );
}

/** Returns the marking times of the batch's copies. */
export function readMarkingTimes(
  db: CopydeskDatabase,
  batchId: string,
): Promise<MarkingTimeRow[]> {
  return db.markingTimes.where('batchId').equals(batchId).toArray();
}
