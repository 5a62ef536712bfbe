/**
 * After a marking scheme changes on the server, finds the local grades it
 * no longer accepts as they are: a mark out of the new bounds or step, a
 * question removed, or a final grade with a question added since. The list
 * is kept under `SCHEME_ATTENTION_KEY` for the screens, which hide an entry
 * once its grade passes the checks again.
 */
import type { CopydeskDatabase } from '../store/database';
import type { GradeStore } from '../store/grades';
import { failingQuestions } from './copy-sync-state';

/** The `kv` key of the grades needing attention after scheme changes. */
export const SCHEME_ATTENTION_KEY = 'scheme-attention';

/** A grade that a changed scheme no longer accepts as it is. */
export interface SchemeAttention {
  copyId: string;
  schemeId: string;
  schemeVersion: number;
  /** Questions whose mark the new scheme rejects, or that a final grade lacks. */
  questionIds: string[];
  detectedAt: string;
}

/**
 * Checks every local grade of the batches marked against `schemeIds`, and
 * stores the result: entries for other schemes are kept, entries for
 * these schemes are replaced.
 */
export async function findGradesNeedingAttention(
  db: CopydeskDatabase,
  grades: Pick<GradeStore, 'readGrade'>,
  schemeIds: readonly string[],
  now: string,
): Promise<SchemeAttention[]> {
  const found: SchemeAttention[] = [];

  for (const schemeId of new Set(schemeIds)) {
    const scheme = await db.schemes.get(schemeId);
    if (scheme === undefined) {
      continue;
    }
    const batches = await db.batches
      .filter((batch) => batch.schemeId === schemeId)
      .toArray();
    const copies = await db.copies
      .where('batchId')
      .anyOf(batches.map((batch) => batch.id))
      .toArray();

    for (const copy of copies) {
      const grade = await grades.readGrade(copy.id);
      if (grade === null) {
        continue;
      }

      const questionIds = failingQuestions(scheme, grade);
      if (questionIds.length > 0) {
        found.push({
          copyId: copy.id,
          schemeId,
          schemeVersion: scheme.version,
          questionIds,
          detectedAt: now,
        });
      }
    }
  }

  await db.transaction('rw', db.kv, async () => {
    const stored = parseAttention(
      (await db.kv.get(SCHEME_ATTENTION_KEY))?.value,
    );
    const kept = stored.filter((entry) => !schemeIds.includes(entry.schemeId));
    await db.kv.put({ key: SCHEME_ATTENTION_KEY, value: [...kept, ...found] });
  });
  return found;
}

/** Reads the stored list; anything malformed counts as empty. */
export function parseAttention(value: unknown): SchemeAttention[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(
    (entry): entry is SchemeAttention =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as SchemeAttention).copyId === 'string' &&
      Array.isArray((entry as SchemeAttention).questionIds),
  );
}
