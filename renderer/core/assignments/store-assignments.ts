import type {
  AssignmentsResponse,
  BatchDetail,
  MarkingScheme,
} from '../../../shared/api/schemas';
import type { CopydeskDatabase } from '../store/database';
import { withQuotaCheck } from '../store/quota';
import type { CopyRow } from '../store/rows';
import { CHANGES_CURSOR_KEY } from './changes-cursor';
import { mergeCopies, type StoredScanVersion } from './merge-copies';
import {
  parseWithdrawnBatches,
  updateWithdrawnBatches,
  WITHDRAWN_BATCHES_KEY,
} from './withdrawn-batches';

/** Counts of what one refresh wrote to the store. */
export interface StoredAssignments {
  /** Batches listed by the server. */
  batches: number;
  /** Copies listed by the server, over all its batches. */
  copies: number;
  /** Copies stored for the first time. */
  addedCopies: number;
  /** Listed copies whose stored scan is an older one, to download again. */
  outdatedScans: number;
  /** Copies found withdrawn by this refresh. */
  withdrawnCopies: number;
  /** Batches found withdrawn by this refresh. */
  withdrawnBatches: number;
}

/**
 * Writes what the server returned in one transaction, so a live query sees
 * either the previous assignments or these, never a mix. Rejects with
 * `StorageFullError` when there is no room, with the store unchanged.
 */
export function storeAssignments(
  db: CopydeskDatabase,
  assignments: AssignmentsResponse,
  details: readonly BatchDetail[],
  now: string,
): Promise<StoredAssignments> {
  const assignedBatchIds = new Set(details.map((detail) => detail.batch.id));
  const serverCopies = details.flatMap((detail) => detail.copies);
  const copyIds = serverCopies.map((copy) => copy.id);
  const schemes = latestSchemes([
    ...assignments.schemes,
    ...details.map((detail) => detail.scheme),
  ]);

  const write = () =>
    db.transaction(
      'rw',
      [db.batches, db.schemes, db.copies, db.scans, db.partials, db.kv],
      async () => {
        const storedBatchIds = await db.batches.toCollection().primaryKeys();
        const previousWithdrawn = parseWithdrawnBatches(
          (await db.kv.get(WITHDRAWN_BATCHES_KEY))?.value,
        );
        const merge = mergeCopies({
          serverCopies,
          assignedBatchIds,
          storedCopies: await readStoredCopies(db, assignedBatchIds, copyIds),
          storedScans: await readStoredScans(db, copyIds),
          partialSha256: await readPartialSha256(db, copyIds),
          now,
        });

        await db.batches.bulkPut(details.map((detail) => detail.batch));
        await db.schemes.bulkPut(schemes);
        await db.copies.bulkPut(merge.rows);
        await db.partials.bulkDelete(merge.withdrawn);

        const withdrawnBatches = updateWithdrawnBatches(
          previousWithdrawn,
          storedBatchIds,
          assignedBatchIds,
          now,
        );
        await db.kv.put({
          key: WITHDRAWN_BATCHES_KEY,
          value: withdrawnBatches,
        });
        await db.kv.put({ key: CHANGES_CURSOR_KEY, value: assignments.cursor });

        return {
          batches: details.length,
          copies: serverCopies.length,
          addedCopies: merge.added,
          outdatedScans: merge.outdated,
          withdrawnCopies: merge.withdrawn.length,
          withdrawnBatches: withdrawnBatches.filter(
            (entry) => !previousWithdrawn.has(entry.batchId),
          ).length,
        };
      },
    );

  return withQuotaCheck(
    write,
    `Not enough storage space to save the assignments (batches: ${details.length}, copies: ${serverCopies.length}); the assignments stored before are kept. Free disk space or remove downloaded batches that are fully synced, then refresh again.`,
  );
}

// Copies of the assigned batches, and listed copies that were stored under
// another batch before the server moved them.
async function readStoredCopies(
  db: CopydeskDatabase,
  batchIds: ReadonlySet<string>,
  copyIds: readonly string[],
): Promise<Map<string, CopyRow>> {
  const stored = new Map<string, CopyRow>();
  const ofBatches = await db.copies
    .where('batchId')
    .anyOf([...batchIds])
    .toArray();
  const listed = await db.copies.bulkGet([...copyIds]);

  for (const row of [...ofBatches, ...listed]) {
    if (row !== undefined) {
      stored.set(row.id, row);
    }
  }
  return stored;
}

async function readStoredScans(
  db: CopydeskDatabase,
  copyIds: readonly string[],
): Promise<Map<string, StoredScanVersion>> {
  const scans = new Map<string, StoredScanVersion>();
  for (const row of await db.scans.bulkGet([...copyIds])) {
    if (row !== undefined) {
      scans.set(row.copyId, { revision: row.revision, sha256: row.sha256 });
    }
  }
  return scans;
}

async function readPartialSha256(
  db: CopydeskDatabase,
  copyIds: readonly string[],
): Promise<Map<string, string>> {
  const partials = new Map<string, string>();
  for (const row of await db.partials.bulkGet([...copyIds])) {
    if (row !== undefined) {
      partials.set(row.copyId, row.sha256);
    }
  }
  return partials;
}

// A scheme comes with the assignments and again with each of its batches;
// the highest version wins, and the later response on a tie.
function latestSchemes(schemes: readonly MarkingScheme[]): MarkingScheme[] {
  const latest = new Map<string, MarkingScheme>();
  for (const scheme of schemes) {
    const previous = latest.get(scheme.id);
    if (previous === undefined || scheme.version >= previous.version) {
      latest.set(scheme.id, scheme);
    }
  }
  return [...latest.values()];
}
