/**
 * Reads, once per batch, the server's grades of copies that have no grade
 * on this computer: marks made on another computer, or before a reinstall,
 * would otherwise stay invisible here, and an edit would meet them only as
 * a conflict. The changes feed reports later writes by others, so each
 * batch is read once; its id then goes under `SERVER_GRADES_READ_KEY`.
 */
import type { Grade } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/api-client';
import type { CopydeskDatabase } from '../store/database';
import { withQuotaCheck } from '../store/quota';
import type { ServerGradeStore } from '../store/server-grades';

/** The `kv` key of the ids of the batches whose server grades were read. */
export const SERVER_GRADES_READ_KEY = 'server-grades-read';

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
    const local = await db.grades.bulkGet(listed.map((copy) => copy.id));
    const missing = listed
      .filter((_, index) => local[index] === undefined)
      .map((copy) => copy.id);

    const grades = await readGrades(context, missing);
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
  return stored;
}

async function readGrades(
  context: ServerGradeDownloadContext,
  copyIds: readonly string[],
): Promise<Grade[]> {
  const grades: Grade[] = [];
  let next = 0;
  const work = async () => {
    while (next < copyIds.length) {
      const copyId = copyIds[next]!;
      next += 1;
      const grade = await context.api.getGrade(copyId, context.signal);
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
