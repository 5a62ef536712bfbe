/**
 * Read functions for the batch screens, over the local store only. Each
 * function reads in one transaction and calls nothing but Dexie, so it can
 * run inside `liveQuery` and re-runs when a refresh, a download or a grade
 * edit commits.
 * They run without the key: a grade's state comes from its clear summary.
 */
import Dexie from 'dexie';

import { markingState, type MarkingState } from '../marking/copy-list';
import type { CopydeskDatabase } from '../store/database';
import { isPushable } from '../store/outbox';
import type {
  BatchRow,
  CopyRow,
  GradeRow,
  OutboxRow,
  SchemeRow,
} from '../store/rows';
import { readWithdrawnBatches } from './withdrawn-batches';

/**
 * State of a copy's local grade: `none` when it has none, `unsynced`
 * when an outbox entry waits to push it, `problem` when the server refused
 * that push or the grade has a conflict to resolve, `synced` otherwise.
 */
export type GradeSyncState = 'none' | 'unsynced' | 'problem' | 'synced';

/** One batch card. Counts leave out withdrawn copies. */
export interface BatchOverview {
  batch: BatchRow;
  /** Title of the batch's marking scheme, or null when it is not stored. */
  schemeTitle: string | null;
  /** When a refresh found the batch no longer assigned, or null. */
  withdrawnAt: string | null;
  copiesTotal: number;
  /** Copies whose current scan is stored (`download` is `stored`). */
  copiesStored: number;
  /** Size of the current scans of all copies, bytes. */
  bytesTotal: number;
  /** Size of the current scans that are stored, bytes. */
  bytesStored: number;
  /** Copies with a local grade, draft or final. */
  copiesWithGrade: number;
  /** Copies whose local grade is final. */
  copiesFinal: number;
  /** Copies whose local grade waits to be pushed, parked or not. */
  copiesWithUnsyncedGrade: number;
  /** Copies whose grade the sync engine will push when it can. */
  copiesPendingPush: number;
  /** Copies whose push the server refused, or with a conflict to resolve. */
  copiesWithSyncProblem: number;
}

export interface CopyOverview {
  /** The stored row: `download` and `withdrawnAt` are in it. */
  copy: CopyRow;
  grade: GradeSyncState;
  marking: MarkingState;
}

/** One batch with its marking scheme and every stored copy. */
export interface BatchDetailOverview {
  batch: BatchRow;
  /** The batch's marking scheme, or null when it is not stored. */
  scheme: SchemeRow | null;
  /** When a refresh found the batch no longer assigned, or null. */
  withdrawnAt: string | null;
  /** Every stored copy, withdrawn ones included, by anonymous code. */
  copies: CopyOverview[];
}

/** Lists every stored batch, soonest deadline first, then by title. */
export function listBatchOverviews(
  db: CopydeskDatabase,
): Promise<BatchOverview[]> {
  return db.transaction(
    'r',
    [
      db.batches,
      db.schemes,
      db.copies,
      db.grades,
      db.outbox,
      db.conflicts,
      db.kv,
    ],
    async () => {
      const batches = await db.batches.toArray();
      const schemes = await db.schemes.toArray();
      const copies = await db.copies.toArray();
      const grades = new Map(
        (await db.grades.toArray()).map((row) => [row.copyId, row]),
      );
      const outbox = new Map(
        (await db.outbox.toArray()).map((row) => [row.copyId, row]),
      );
      const conflicts = new Set(
        await db.conflicts.toCollection().primaryKeys(),
      );
      const withdrawn = await readWithdrawnBatches(db);

      const schemeTitles = new Map(schemes.map((row) => [row.id, row.title]));
      const overviews = new Map<string, BatchOverview>();
      for (const batch of batches) {
        overviews.set(batch.id, {
          batch,
          schemeTitle: schemeTitles.get(batch.schemeId) ?? null,
          withdrawnAt: withdrawn.get(batch.id) ?? null,
          copiesTotal: 0,
          copiesStored: 0,
          bytesTotal: 0,
          bytesStored: 0,
          copiesWithGrade: 0,
          copiesFinal: 0,
          copiesWithUnsyncedGrade: 0,
          copiesPendingPush: 0,
          copiesWithSyncProblem: 0,
        });
      }

      for (const copy of copies) {
        const overview = overviews.get(copy.batchId);
        if (overview === undefined || copy.withdrawnAt !== null) {
          continue;
        }

        overview.copiesTotal += 1;
        overview.bytesTotal += copy.scan.size;
        if (copy.download === 'stored') {
          overview.copiesStored += 1;
          overview.bytesStored += copy.scan.size;
        }
        const grade = grades.get(copy.id);
        if (grade !== undefined) {
          overview.copiesWithGrade += 1;
          if (markingStateOf(grade) === 'final') {
            overview.copiesFinal += 1;
          }
        }
        const entry = outbox.get(copy.id);
        if (entry !== undefined) {
          overview.copiesWithUnsyncedGrade += 1;
        }
        const state = gradeSyncState(
          grade !== undefined,
          entry,
          conflicts.has(copy.id),
        );
        if (state === 'unsynced') {
          overview.copiesPendingPush += 1;
        } else if (state === 'problem') {
          overview.copiesWithSyncProblem += 1;
        }
      }

      return [...overviews.values()].sort(byDeadlineThenTitle);
    },
  );
}

/** Returns one batch with its scheme and copies, or null when it is not stored. */
export function getBatchOverview(
  db: CopydeskDatabase,
  batchId: string,
): Promise<BatchDetailOverview | null> {
  return db.transaction(
    'r',
    [
      db.batches,
      db.schemes,
      db.copies,
      db.grades,
      db.outbox,
      db.conflicts,
      db.kv,
    ],
    async () => {
      const batch = await db.batches.get(batchId);
      if (batch === undefined) {
        return null;
      }

      // The compound index returns the copies already sorted by code.
      const copies = await db.copies
        .where('[batchId+anonymousCode]')
        .between([batchId, Dexie.minKey], [batchId, Dexie.maxKey])
        .toArray();
      const copyIds = copies.map((copy) => copy.id);
      const grades = await db.grades.bulkGet(copyIds);
      const outbox = await db.outbox.bulkGet(copyIds);
      const conflicts = await db.conflicts.bulkGet(copyIds);
      const withdrawn = await readWithdrawnBatches(db);

      return {
        batch,
        scheme: (await db.schemes.get(batch.schemeId)) ?? null,
        withdrawnAt: withdrawn.get(batchId) ?? null,
        copies: copies.map((copy, index) => ({
          copy,
          grade: gradeSyncState(
            grades[index] !== undefined,
            outbox[index],
            conflicts[index] !== undefined,
          ),
          marking: markingStateOf(grades[index]),
        })),
      };
    },
  );
}

function markingStateOf(grade: GradeRow | undefined): MarkingState {
  return markingState(grade?.summary ?? null);
}

function gradeSyncState(
  hasGrade: boolean,
  entry: OutboxRow | undefined,
  hasConflict: boolean,
): GradeSyncState {
  if (hasConflict || (entry !== undefined && !isPushable(entry))) {
    return 'problem';
  }
  if (entry !== undefined) {
    return 'unsynced';
  }
  return hasGrade ? 'synced' : 'none';
}

const titleCollator = new Intl.Collator('fr', { numeric: true });

function byDeadlineThenTitle(a: BatchOverview, b: BatchOverview): number {
  const deadline = Date.parse(a.batch.deadline) - Date.parse(b.batch.deadline);
  if (deadline !== 0) {
    return deadline;
  }

  const title = titleCollator.compare(a.batch.title, b.batch.title);
  if (title !== 0) {
    return title;
  }
  return a.batch.id < b.batch.id ? -1 : 1;
}
