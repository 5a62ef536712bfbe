/**
 * Access rules: a batch is visible to the grader it is assigned to and to
 * the supervisors of its sitting. A copy is visible when its batch is and it
 * is not withdrawn. Anything else gets the same 404 as an id that does not
 * exist, so ids leak nothing.
 */
import type { Kysely } from 'kysely';

import { notFound } from '../http/problem';
import type { BatchRow, CopyRow, Database } from '../db/tables';

export interface Caller {
  id: string;
  displayName: string;
}

async function isSupervisorOf(
  db: Kysely<Database>,
  graderId: string,
  sittingId: string,
): Promise<boolean> {
  const member = await db
    .selectFrom('sitting_members')
    .select('role')
    .where('sitting_id', '=', sittingId)
    .where('grader_id', '=', graderId)
    .executeTakeFirst();
  return member?.role === 'supervisor';
}

export async function canSeeBatch(
  db: Kysely<Database>,
  caller: Caller,
  batch: BatchRow,
): Promise<boolean> {
  if (batch.withdrawn_at !== null) {
    return false;
  }
  if (batch.grader_id === caller.id) {
    return true;
  }
  return isSupervisorOf(db, caller.id, batch.sitting_id);
}

/** Returns the batch, or throws the 404 problem. */
export async function findVisibleBatch(
  db: Kysely<Database>,
  caller: Caller,
  batchId: string,
): Promise<BatchRow> {
  const batch = await db
    .selectFrom('batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();

  if (!batch || !(await canSeeBatch(db, caller, batch))) {
    throw notFound('Batch', batchId);
  }
  return batch;
}

/** Returns the copy and its batch, or throws the 404 problem. */
export async function findVisibleCopy(
  db: Kysely<Database>,
  caller: Caller,
  copyId: string,
): Promise<{ copy: CopyRow; batch: BatchRow }> {
  const copy = await db
    .selectFrom('copies')
    .selectAll()
    .where('id', '=', copyId)
    .executeTakeFirst();
  if (!copy || copy.withdrawn_at !== null) {
    throw notFound('Copy', copyId);
  }

  const batch = await db
    .selectFrom('batches')
    .selectAll()
    .where('id', '=', copy.batch_id)
    .executeTakeFirstOrThrow();
  if (!(await canSeeBatch(db, caller, batch))) {
    throw notFound('Copy', copyId);
  }
  return { copy, batch };
}
