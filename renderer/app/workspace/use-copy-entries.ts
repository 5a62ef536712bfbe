/**
 * The batch's copies as the copy list shows them. Their state, flags and
 * reports are read in clear through a live query; totals need the grades
 * decrypted, which happens after each change of the grade rows.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';

import type { MarkingScheme } from '../../../shared/api/schemas';
import { gradeTotal } from '../../core/marking/grade-rules';
import type { CopyListEntry } from '../../core/marking/copy-list';
import { useServices } from '../services/app-services';

export function useCopyEntries(
  batchId: string,
  scheme: MarkingScheme | null,
): CopyListEntry[] | undefined {
  const { store } = useServices();
  const { db } = store;

  const clear = useLiveQuery(
    () =>
      db.transaction('r', [db.copies, db.grades, db.reports], async () => {
        const copies = await db.copies
          .where('batchId')
          .equals(batchId)
          .toArray();
        const ids = copies.map((copy) => copy.id);
        const grades = await db.grades.bulkGet(ids);
        const reports = await db.reports.where('copyId').anyOf(ids).toArray();
        return copies.map((copy, index) => ({
          copy,
          grade: grades[index] ?? null,
          reportCount: reports.filter(
            (report) =>
              report.copyId === copy.id &&
              (report.state as string) !== 'rejected',
          ).length,
        }));
      }),
    [db, batchId],
  );

  const [totals, setTotals] = useState<Map<string, number>>(new Map());
  // One key per set of stored grades: the decryption runs again only when
  // a grade row changed.
  const gradesKey =
    clear
      ?.map((row) => `${row.copy.id}:${row.grade?.editCount ?? 0}`)
      .join(',') ?? '';

  useEffect(() => {
    if (clear === undefined || scheme === null) {
      return;
    }
    let cancelled = false;
    const graded = clear.filter((row) => row.grade !== null);

    Promise.all(
      graded.map(async (row) => {
        const grade = await store.grades.readGrade(row.copy.id);
        return [row.copy.id, grade] as const;
      }),
    )
      .then((read) => {
        if (cancelled) {
          return;
        }
        const next = new Map<string, number>();
        for (const [copyId, grade] of read) {
          if (grade !== null) {
            next.set(copyId, gradeTotal(scheme, grade.marks));
          }
        }
        setTotals(next);
      })
      .catch(() => {
        // Totals only sort the list; a grade that cannot be read shows none.
      });

    return () => {
      cancelled = true;
    };
  }, [gradesKey, scheme, store]);

  if (clear === undefined) {
    return undefined;
  }
  return clear.map((row) => ({
    copy: row.copy,
    summary: row.grade?.summary ?? null,
    total: totals.get(row.copy.id) ?? null,
    reportCount: row.reportCount,
  }));
}
