/**
 * Reads of the stored integrity findings for the screens, in clear, so the
 * copy list and the batch list show badges without decrypting anything.
 */
import type { CopydeskDatabase } from '../store/database';
import type { IntegrityFinding } from './integrity-finding';

/**
 * Returns the findings of each copy of a batch at its stored revision, by
 * copy id. Copies not checked yet are absent; checked copies with no
 * finding map to an empty list.
 */
export async function readBatchFindings(
  db: CopydeskDatabase,
  batchId: string,
): Promise<Map<string, IntegrityFinding[]>> {
  return db.transaction('r', [db.copies, db.ocrChecks], async () => {
    const copies = await db.copies.where('batchId').equals(batchId).toArray();
    const revisions = new Map(
      copies.map((copy) => [copy.id, copy.storedRevision]),
    );

    const rows = await db.ocrChecks.where('batchId').equals(batchId).toArray();
    const findings = new Map<string, IntegrityFinding[]>();
    for (const row of rows) {
      if (revisions.get(row.copyId) === row.revision) {
        findings.set(row.copyId, row.findings);
      }
    }
    return findings;
  });
}

/** Returns the findings of a copy at its stored revision, or null if unchecked. */
export async function readCopyFindings(
  db: CopydeskDatabase,
  copyId: string,
): Promise<IntegrityFinding[] | null> {
  return db.transaction('r', [db.copies, db.ocrChecks], async () => {
    const copy = await db.copies.get(copyId);
    if (copy?.storedRevision == null) {
      return null;
    }

    const row = await db.ocrChecks.get([copyId, copy.storedRevision]);
    return row?.findings ?? null;
  });
}
