/**
 * Submitting a batch: a local check first that every copy has a final
 * grade that the server holds, so the examiner learns which copies block
 * it without a round trip, then POST /batches/{id}/submit.
 */
import Dexie from 'dexie';

import type { Batch } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/api-client';
import type { CopydeskDatabase } from '../store/database';

/** The copies (ids) that keep a batch from being submitted, by reason. */
export interface SubmitBlockers {
  /** Copies without a final grade. */
  notFinal: string[];
  /** Copies whose grade is not on the server yet (pending or parked). */
  unsynced: string[];
  /** Copies with a conflict to resolve. */
  conflicts: string[];
}

export type SubmitCheck = { ready: true } | ({ ready: false } & SubmitBlockers);

/** Checks the batch's copies that are not withdrawn. */
export async function checkBatchSubmission(
  db: CopydeskDatabase,
  batchId: string,
): Promise<SubmitCheck> {
  const copies = (
    await db.copies.where('batchId').equals(batchId).toArray()
  ).filter((copy) => copy.withdrawnAt === null);
  const copyIds = copies.map((copy) => copy.id);

  const grades = await db.grades.bulkGet(copyIds);
  const outbox = await db.outbox.bulkGet(copyIds);
  const conflicts = await db.conflicts.bulkGet(copyIds);

  const blockers: SubmitBlockers = {
    notFinal: [],
    unsynced: [],
    conflicts: [],
  };
  copyIds.forEach((copyId, index) => {
    if (grades[index]?.summary?.status !== 'final') {
      blockers.notFinal.push(copyId);
    }
    if (conflicts[index] !== undefined) {
      blockers.conflicts.push(copyId);
    } else if (outbox[index] !== undefined) {
      blockers.unsynced.push(copyId);
    }
  });

  const blocked =
    blockers.notFinal.length > 0 ||
    blockers.unsynced.length > 0 ||
    blockers.conflicts.length > 0;
  return blocked ? { ready: false, ...blockers } : { ready: true };
}

/**
 * Submits the batch when the local check passes, and stores the batch the
 * server returns. Returns the check's blockers without sending anything
 * when it does not pass. Raises what the API client raises: `ApiError` 409
 * when the server finds a copy without a final grade (another computer's
 * work, say), 423 when the batch is closed, `NetworkError` offline.
 */
export async function submitBatch(
  db: CopydeskDatabase,
  api: Pick<ApiClient, 'submitBatch'>,
  batchId: string,
): Promise<{ submitted: Batch } | { blocked: SubmitBlockers }> {
  const check = await checkBatchSubmission(db, batchId);
  if (!check.ready) {
    const { ready: _ready, ...blockers } = check;
    return { blocked: blockers };
  }

  const batch = await api.submitBatch(batchId);
  await db.batches.put(batch);
  return { submitted: batch };
}

/**
 * Returns the ids of the batch's copies whose anonymous code the `detail`
 * of a 409 from POST /submit names, in code order. The reference server
 * names up to 20 codes there.
 * NOTE: the problem also lists every code in `copiesWithoutFinalGrade`,
 * but `ApiError` keeps only `type`, `title` and `detail`, so past 20
 * copies some are not named.
 */
export async function copiesNamedInRejection(
  db: CopydeskDatabase,
  batchId: string,
  detail: string,
): Promise<string[]> {
  const words = new Set(detail.split(/[^\p{L}\p{N}_-]+/u));
  const copies = await db.copies
    .where('[batchId+anonymousCode]')
    .between([batchId, Dexie.minKey], [batchId, Dexie.maxKey])
    .toArray();
  return copies
    .filter((copy) => words.has(copy.anonymousCode))
    .map((copy) => copy.id);
}
