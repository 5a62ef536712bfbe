/**
 * Removal of copies the server withdrew. A copy goes only when nothing of
 * it is unsynced: no pending or parked push, no conflict and no scan report
 * waiting. Otherwise it stays, marked withdrawn, so the examiner sees what
 * could not be sent.
 */
import type { CopydeskDatabase } from '../store/database';

export interface WithdrawnCopyRemoval {
  removed: string[];
  kept: string[];
}

/**
 * Removes the withdrawn copies among `copyIds` with everything stored for
 * them. Must run inside a transaction over the tables it touches.
 */
export async function removeWithdrawnCopies(
  db: CopydeskDatabase,
  copyIds: readonly string[],
): Promise<WithdrawnCopyRemoval> {
  const removal: WithdrawnCopyRemoval = { removed: [], kept: [] };

  for (const copyId of copyIds) {
    const copy = await db.copies.get(copyId);
    // Still listed by the server: the withdrawal was undone since.
    if (!copy || copy.withdrawnAt === null) {
      continue;
    }

    const unsynced =
      (await db.outbox.get(copyId)) !== undefined ||
      (await db.conflicts.get(copyId)) !== undefined ||
      (await db.reports
        .where('copyId')
        .equals(copyId)
        .filter((report) => report.state === 'pending')
        .count()) > 0;
    if (unsynced) {
      removal.kept.push(copyId);
      continue;
    }

    await db.copies.delete(copyId);
    await db.scans.delete(copyId);
    await db.partials.delete(copyId);
    await db.grades.delete(copyId);
    await db.ocr.where('copyId').equals(copyId).delete();
    await db.ocrChecks.where('copyId').equals(copyId).delete();
    await db.pageViews.delete(copyId);
    await db.markingTimes.delete(copyId);
    await db.reports.where('copyId').equals(copyId).delete();
    removal.removed.push(copyId);
  }
  return removal;
}
