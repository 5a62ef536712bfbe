/**
 * The batch's copies as the copy list shows them. Their state, flags,
 * reports and sync state are read in clear through a live query. Totals,
 * and the scheme checks of grades a scheme change listed, need the grades
 * decrypted, which happens after each change of the grade rows.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';

import type { MarkingScheme } from '../../../shared/api/schemas';
import { gradeTotal } from '../../core/marking/grade-rules';
import type { CopyListEntry } from '../../core/marking/copy-list';
import {
  failingQuestions,
  readCopySyncState,
} from '../../core/sync/copy-sync-state';
import {
  parseAttention,
  SCHEME_ATTENTION_KEY,
} from '../../core/sync/scheme-attention';
import { useServices } from '../services/app-services';

/** The facts read from a stored grade once decrypted, at one edit count. */
interface DecryptedFacts {
  editCount: number;
  total: number;
  /** Whether the current scheme rejects the grade as it is. */
  failsScheme: boolean;
}

export function useCopyEntries(
  batchId: string,
  scheme: MarkingScheme | null,
): CopyListEntry[] | undefined {
  const { store } = useServices();
  const { db } = store;

  const clear = useLiveQuery(
    () =>
      db.transaction(
        'r',
        [db.copies, db.grades, db.reports, db.outbox, db.conflicts, db.kv],
        async () => {
          const copies = await db.copies
            .where('batchId')
            .equals(batchId)
            .toArray();
          const ids = copies.map((copy) => copy.id);
          const grades = await db.grades.bulkGet(ids);
          const reports = await db.reports.where('copyId').anyOf(ids).toArray();
          const outbox = await db.outbox.bulkGet(ids);
          const conflicts = new Set(
            await db.conflicts.where('copyId').anyOf(ids).primaryKeys(),
          );
          const attention = new Set(
            parseAttention((await db.kv.get(SCHEME_ATTENTION_KEY))?.value).map(
              (entry) => entry.copyId,
            ),
          );
          return copies.map((copy, index) => ({
            copy,
            grade: grades[index] ?? null,
            reportCount: reports.filter(
              (report) =>
                report.copyId === copy.id &&
                (report.state as string) !== 'rejected',
            ).length,
            outbox: outbox[index],
            hasConflict: conflicts.has(copy.id),
            listedForAttention: attention.has(copy.id),
          }));
        },
      ),
    [db, batchId],
  );

  const [facts, setFacts] = useState<Map<string, DecryptedFacts>>(new Map());
  // One key per set of stored grades, so the effect below runs only when a
  // grade row changed, and one per scheme version, whose totals differ.
  const gradesKey =
    clear
      ?.map((row) => `${row.copy.id}:${row.grade?.editCount ?? 0}`)
      .join(',') ?? '';
  const schemeKey = scheme === null ? '' : `${scheme.id}:${scheme.version}`;
  const latestScheme = useRef(scheme);
  latestScheme.current = scheme;

  // Facts by copy with the edit count they were computed at. A save while
  // the examiner types changes one row, so only that grade is decrypted
  // again, not the whole batch.
  const computed = useRef({
    schemeKey: '',
    facts: new Map<string, DecryptedFacts>(),
  });

  useEffect(() => {
    const current = latestScheme.current;
    if (clear === undefined || current === null) {
      return;
    }
    let cancelled = false;
    if (computed.current.schemeKey !== schemeKey) {
      computed.current = { schemeKey, facts: new Map() };
    }
    const cache = computed.current.facts;
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
            failsScheme: failingQuestions(current, grade).length > 0,
          });
        }
      }),
    )
      .then(() => {
        if (cancelled) {
          return;
        }
        const next = new Map<string, DecryptedFacts>();
        for (const row of graded) {
          const entry = cache.get(row.copyId);
          if (entry !== undefined) {
            next.set(row.copyId, entry);
          }
        }
        setFacts(next);
      })
      .catch(() => {
        // Totals only sort the list and the scheme check only adds a badge;
        // a grade that cannot be read shows neither.
      });

    return () => {
      cancelled = true;
    };
    // `clear` changes with `gradesKey`, and the scheme with `schemeKey`.
  }, [gradesKey, schemeKey, store]);

  if (clear === undefined) {
    return undefined;
  }
  return clear.map((row) => {
    const known = facts.get(row.copy.id);
    return {
      copy: row.copy,
      summary: row.grade?.summary ?? null,
      total: known?.total ?? null,
      reportCount: row.reportCount,
      sync: readCopySyncState({
        outbox: row.outbox,
        hasConflict: row.hasConflict,
        grade: row.grade ?? undefined,
        needsAttention: row.listedForAttention && known?.failsScheme === true,
      }),
    };
  });
}
