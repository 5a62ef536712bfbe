/**
 * The batch's copies as the copy list shows them. Their state, flags and
 * reports are read in clear through a live query. Totals need the grades
 * decrypted, which happens after each change of the grade rows.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';

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
  // One key per set of stored grades, so the effect below runs only when a
  // grade row changed, and one per scheme version, whose totals differ.
  const gradesKey =
    clear
      ?.map((row) => `${row.copy.id}:${row.grade?.editCount ?? 0}`)
      .join(',') ?? '';
  const schemeKey = scheme === null ? '' : `${scheme.id}:${scheme.version}`;
  const latestScheme = useRef(scheme);
  latestScheme.current = scheme;

  // Totals by copy with the edit count they were computed at. A save while
  // the examiner types changes one row, so only that grade is decrypted
  // again, not the whole batch.
  const computed = useRef({
    schemeKey: '',
    totals: new Map<string, { editCount: number; total: number }>(),
  });

  useEffect(() => {
    const current = latestScheme.current;
    if (clear === undefined || current === null) {
      return;
    }
    let cancelled = false;
    if (computed.current.schemeKey !== schemeKey) {
      computed.current = { schemeKey, totals: new Map() };
    }
    const cache = computed.current.totals;
    const graded = clear.flatMap((row) =>
      row.grade === null
        ? []
        : [{ copyId: row.copy.id, editCount: row.grade.editCount }],
    );
    const stale = graded.filter(
      (row) => cache.get(row.copyId)?.editCount !== row.editCount,
    );

    Promise.all(
      stale.map(async (row) => {
        const grade = await store.grades.readGrade(row.copyId);
        if (grade !== null) {
          cache.set(row.copyId, {
            editCount: row.editCount,
            total: gradeTotal(current, grade.marks),
          });
        }
      }),
    )
      .then(() => {
        if (cancelled) {
          return;
        }
        const next = new Map<string, number>();
        for (const row of graded) {
          const entry = cache.get(row.copyId);
          if (entry !== undefined) {
            next.set(row.copyId, entry.total);
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
    // `clear` changes with `gradesKey`, and the scheme with `schemeKey`.
  }, [gradesKey, schemeKey, store]);

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
