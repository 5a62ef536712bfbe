/**
 * Reads, once per batch, the server's grades of copies that have no grade
 * on this computer: marks made on another computer, or before a reinstall,
 * would otherwise stay invisible here, and an edit would meet them only as
 * a conflict. The changes feed reports later writes by others, so each
 * batch is read once; its id then goes under `SERVER_GRADES_READ_KEY`.
 *
 * After the feed was lost (410, or an unknown cursor) the changes in
 * between are unknown, so `markServerGradesStale` makes the next download
 * read every copy's grade that has no pending edit here.
 */
import type { Grade } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/api-client';
import type { CopydeskDatabase } from '../store/database';
import { withQuotaCheck } from '../store/quota';
import type { ServerGradeStore } from '../store/server-grades';

/** The `kv` key of the ids of the batches whose server grades were read. */
export const SERVER_GRADES_READ_KEY = 'server-grades-read';

/** The `kv` key set while every synced grade must be read again. */
export const SERVER_GRADES_STALE_KEY = 'server-grades-stale';

// GET /copies/{id}/grade requests sent at the same time.
const CONCURRENCY = 4;

export interface ServerGradeDownloadContext {
  db: CopydeskDatabase;
  api: Pick<ApiClient, 'getGrade'>;
  serverGrades: Pick<
    ServerGradeStore,
    'prepareServerGrade' | 'applyPreparedServerGrade'
  >;
  /** Id of the signed-in grader: their own grades show no notice. */
  graderId: string;
  signal?: AbortSignal;
}

/**
 * Reads the missing grades of every stored batch not read yet, and returns
 * how many grades it stored. Raises what the API client raises; the
 * batches done before a failure stay done.
 */
export async function downloadServerGrades(
  context: ServerGradeDownloadContext,
): Promise<number> {
  const { db } = context;
  const stale = (await db.kv.get(SERVER_GRADES_STALE_KEY))?.value === true;
  const done = new Set(
    readBatchIds((await db.kv.get(SERVER_GRADES_READ_KEY))?.value),
  );
  const batchIds = (await db.batches.toCollection().primaryKeys()).filter(
    (id) => !done.has(id),
  );

  let stored = 0;
  for (const batchId of batchIds) {
    const copies = await db.copies.where('batchId').equals(batchId).toArray();
    const listed = copies.filter((copy) => copy.withdrawnAt === null);
    const ids = listed.map((copy) => copy.id);
    const local = await db.grades.bulkGet(ids);
    const pending = await db.outbox.bulkGet(ids);
    // A copy with a pending edit learns of a newer server grade from its
    // push's 412, so it is not read here.
    const missing = ids.filter(
      (_, index) =>
        local[index] === undefined || (stale && pending[index] === undefined),
    );

    const grades = await readServerGrades(context.api, missing, context.signal);
    const prepared = await Promise.all(
      grades.map((grade) => context.serverGrades.prepareServerGrade(grade)),
    );

    await withQuotaCheck(
      () =>
        db.transaction(
          'rw',
          [db.grades, db.outbox, db.conflicts, db.kv],
          async () => {
            for (const item of prepared) {
              const outcome =
                await context.serverGrades.applyPreparedServerGrade(item, {
                  notice: item.grade.updatedBy !== context.graderId,
                });
              if (outcome !== 'up-to-date') {
                stored += 1;
              }
            }
            const read = readBatchIds(
              (await db.kv.get(SERVER_GRADES_READ_KEY))?.value,
            );
            await db.kv.put({
              key: SERVER_GRADES_READ_KEY,
              value: [...new Set([...read, batchId])],
            });
          },
        ),
      `Not enough storage space to save the server's grades of batch ${batchId}. Free disk space, then sync again.`,
    );
  }

  if (stale) {
    await db.kv.delete(SERVER_GRADES_STALE_KEY);
  }
  return stored;
}

/**
 * Makes the next `downloadServerGrades` read every batch again, including
 * the grades already stored here. Call it inside the transaction, or right
 * after it, that reloads the assignments.
 */
export async function markServerGradesStale(
  db: CopydeskDatabase,
): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    await db.kv.put({ key: SERVER_GRADES_READ_KEY, value: [] });
    await db.kv.put({ key: SERVER_GRADES_STALE_KEY, value: true });
  });
}

/**
 * Reads the server's grades of `copyIds`, `CONCURRENCY` at a time, and
 * leaves out copies without one.
 */
export async function readServerGrades(
  api: Pick<ApiClient, 'getGrade'>,
  copyIds: readonly string[],
  signal?: AbortSignal,
): Promise<Grade[]> {
  const grades: Grade[] = [];
  let next = 0;
  const work = async () => {
    while (next < copyIds.length) {
      const copyId = copyIds[next]!;
      next += 1;
      const grade = await api.getGrade(copyId, signal);
      if (grade !== null) {
        grades.push(grade);
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, copyIds.length) }, work),
  );
  return grades;
}

function readBatchIds(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
