import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';

import { readMarkingTimes } from '../../core/marking/marking-time';
import { computePace, type Pace } from '../../core/marking/pace';
import type { CopydeskDatabase } from '../../core/store/database';
import type { CopyRow, GradeRow, MarkingTimeRow } from '../../core/store/rows';

// The days left change slowly, so the figures are computed again once a
// minute, besides every time the store changes.
const CLOCK_INTERVAL_MS = 60_000;

interface StoredPaceInput {
  deadline: string;
  copies: CopyRow[];
  grades: Pick<GradeRow, 'copyId' | 'summary'>[];
  markingTimes: MarkingTimeRow[];
}

/**
 * Returns the batch's pace figures from the local store, recomputed when a
 * grade or a marking time changes: `undefined` while loading, null when
 * the batch is not stored.
 */
export function useBatchPace(
  db: CopydeskDatabase,
  batchId: string,
): Pace | null | undefined {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);

  const stored = useLiveQuery(() => readPaceInput(db, batchId), [db, batchId]);

  if (stored === undefined || stored === null) {
    return stored;
  }
  return computePace({ ...stored, now });
}

/** Reads what the pace needs in one transaction, or null when the batch is not stored. */
function readPaceInput(
  db: CopydeskDatabase,
  batchId: string,
): Promise<StoredPaceInput | null> {
  return db.transaction(
    'r',
    [db.batches, db.copies, db.grades, db.markingTimes],
    async () => {
      const batch = await db.batches.get(batchId);
      if (batch === undefined) {
        return null;
      }

      const copies = await db.copies.where('batchId').equals(batchId).toArray();
      const grades = await db.grades.bulkGet(copies.map((copy) => copy.id));
      return {
        deadline: batch.deadline,
        copies,
        // Only the clear summary is kept: the marks stay encrypted.
        grades: grades
          .filter((grade) => grade !== undefined)
          .map((grade) => ({ copyId: grade.copyId, summary: grade.summary })),
        markingTimes: await readMarkingTimes(db, batchId),
      };
    },
  );
}
