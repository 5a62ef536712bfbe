import type { Transaction } from 'dexie';

/**
 * One version of the store's schema: the tables it adds or changes, in
 * Dexie's `stores()` syntax, and how to migrate the rows already stored.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (transaction: Transaction) => Promise<void>;
}

/**
 * Every version of the schema, oldest first.
 *
 * To change the schema, append a version and never edit a released one:
 *
 * ```ts
 * {
 *   version: 2,
 *   // Only the tables that change. `null` deletes a table.
 *   stores: { grades: 'copyId, updatedAt, status' },
 *   async upgrade(transaction) {
 *     await transaction
 *       .table('grades')
 *       .toCollection()
 *       .modify((row) => {
 *         row.status = 'draft';
 *       });
 *   },
 * }
 * ```
 *
 * Dexie runs the `upgrade` of each version newer than the one on disk, in
 * order, inside the version-change transaction, so a failed migration
 * leaves the old database as it was. An upgrade may only use IndexedDB
 * requests: awaiting anything else, such as `crypto.subtle`, lets the
 * transaction commit early. Rows whose encrypted fields must change are
 * better migrated after opening.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      batches: 'id, sessionId',
      schemes: 'id',
      copies: 'id, batchId, [batchId+anonymousCode]',
      scans: 'copyId',
      partials: 'copyId',
      grades: 'copyId, updatedAt',
      outbox: 'copyId, createdAt',
      ocr: '[copyId+revision+page], copyId',
      kv: 'key',
    },
  },
  {
    // Marking: grades get a summary in clear (status, flags, questions
    // marked) so the copy list filters without the key. Rows stored before
    // have none until `GradeStore.addMissingSummaries` fills it in after
    // opening, because filling it needs decryption. New tables hold the
    // examiner's page rotations, queued scan reports, comment bank and time
    // spent per copy.
    version: 2,
    stores: {
      pageViews: 'copyId',
      reports: 'id, copyId, state',
      commentBank: 'id, createdAt',
      markingTimes: 'copyId, batchId',
    },
  },
  {
    // Sync: a grade that changed on the server while local edits were
    // pending keeps the server's version in `conflicts` until the examiner
    // chooses. Outbox entries and grades gain optional fields (`parked`,
    // `serverChange`) whose absence means none, so no row is rewritten.
    version: 3,
    stores: {
      conflicts: 'copyId',
    },
  },
  {
    // OCR: each page's reading (the header band or the whole page) is
    // indexed by revision and by batch, so a rescan's old readings are
    // found and batch progress is counted without the key. Integrity
    // findings get their own table, per copy and revision. No release
    // wrote the `ocr` table before, so rows without a batch are dropped and
    // read again.
    version: 4,
    stores: {
      ocr: '[copyId+revision+page], copyId, [copyId+revision], [batchId+scope]',
      ocrChecks: '[copyId+revision], copyId, batchId',
    },
    async upgrade(transaction) {
      await transaction
        .table('ocr')
        .filter((row: { batchId?: unknown }) => typeof row.batchId !== 'string')
        .delete();
    },
  },
];
