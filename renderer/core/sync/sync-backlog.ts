/**
 * What is not on the server yet, read from the store, for the sync status
 * and for checks before submitting a batch or signing out. Screens call
 * these inside live queries, so the counts follow every edit and push.
 */
import type { CopydeskDatabase } from '../store/database';
import { isPushable } from '../store/outbox';
import type { OutboxParking, ParkReason } from '../store/rows';

/**
 * Tests whether the examiner needs the server's own words for a refusal.
 * Only for an invalid grade (which mark) or an unexpected refusal: the
 * app explains a conflict, a locked batch and a withdrawn copy itself, and
 * the server's detail is English with internal ids.
 */
export function showsServerDetail(reason: ParkReason): boolean {
  return reason === 'invalid' || reason === 'rejected';
}

/** A push the server refused, waiting for the examiner. */
export interface ParkedPush {
  copyId: string;
  parking: OutboxParking;
}

/**
 * One copy that sync cannot finish without the examiner: a parked push, a
 * conflict, or both, which count once.
 */
export interface SyncProblem {
  copyId: string;
  /** The copy's batch, or null when the copy is no longer stored. */
  batchId: string | null;
  batchTitle: string | null;
  anonymousCode: string | null;
  /** The parked push's reason; a conflict without a parked push is `conflict`. */
  reason: ParkReason;
  /** HTTP status of the response that parked the push, when one did. */
  status: number | null;
  /** The server's problem `detail`, when a response parked the push. */
  detail: string | null;
  /** When the push was parked or the conflict found. */
  since: string;
}

export interface SyncBacklog {
  /** Grades waiting to be pushed, parked ones excluded. */
  pending: number;
  /** When the oldest of those was first queued, or null when none is. */
  oldestPendingAt: string | null;
  /** Pushes the server refused, conflicts included, oldest first. */
  parked: ParkedPush[];
  /** Copies with a server version and a local version to choose between. */
  conflicts: string[];
  /** Parked pushes and conflicts by copy, oldest first. */
  problems: SyncProblem[];
}

/** Reads the whole backlog in one transaction. */
export function readSyncBacklog(db: CopydeskDatabase): Promise<SyncBacklog> {
  return db.transaction(
    'r',
    [db.outbox, db.conflicts, db.copies, db.batches],
    async () => {
      const entries = await db.outbox.orderBy('createdAt').toArray();
      const conflictRows = await db.conflicts.toArray();
      const pushable = entries.filter(isPushable);
      const parked: ParkedPush[] = [];
      for (const entry of entries) {
        if (entry.parked) {
          parked.push({ copyId: entry.copyId, parking: entry.parked });
        }
      }

      const found = new Map<string, SyncProblem>();
      for (const { copyId, parking } of parked) {
        found.set(copyId, {
          ...UNKNOWN_COPY,
          copyId,
          reason: parking.reason,
          status: parking.status,
          detail: parking.detail,
          since: parking.parkedAt,
        });
      }
      for (const row of conflictRows) {
        if (!found.has(row.copyId)) {
          found.set(row.copyId, {
            ...UNKNOWN_COPY,
            copyId: row.copyId,
            reason: 'conflict',
            status: null,
            detail: null,
            since: row.detectedAt,
          });
        }
      }
      const problems = await describeCopies(db, [...found.values()]);

      return {
        pending: pushable.length,
        oldestPendingAt: pushable[0]?.createdAt ?? null,
        parked,
        conflicts: conflictRows.map((row) => row.copyId),
        problems: problems.sort((a, b) => a.since.localeCompare(b.since)),
      };
    },
  );
}

const UNKNOWN_COPY = { batchId: null, batchTitle: null, anonymousCode: null };

/** Fills in each problem's batch and anonymous code from the stored copies. */
async function describeCopies(
  db: CopydeskDatabase,
  problems: SyncProblem[],
): Promise<SyncProblem[]> {
  const copies = await db.copies.bulkGet(problems.map((p) => p.copyId));
  const batchIds = [
    ...new Set(copies.flatMap((copy) => (copy ? [copy.batchId] : []))),
  ];
  const batches = await db.batches.bulkGet(batchIds);
  const titles = new Map<string, string>();
  for (const batch of batches) {
    if (batch !== undefined) {
      titles.set(batch.id, batch.title);
    }
  }

  return problems.map((problem, index) => {
    const copy = copies[index];
    if (copy === undefined) {
      return problem;
    }
    return {
      ...problem,
      batchId: copy.batchId,
      batchTitle: titles.get(copy.batchId) ?? null,
      anonymousCode: copy.anonymousCode,
    };
  });
}

/**
 * Counts what would be lost if the store were cleared: pushes pending or
 * parked, and conflicts not resolved.
 */
export async function countUnsynced(db: CopydeskDatabase): Promise<number> {
  const copyIds = new Set<string>(
    (await db.outbox.toCollection().primaryKeys()) as string[],
  );
  for (const copyId of (await db.conflicts
    .toCollection()
    .primaryKeys()) as string[]) {
    copyIds.add(copyId);
  }
  return copyIds.size;
}
