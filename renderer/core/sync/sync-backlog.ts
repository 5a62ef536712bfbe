/**
 * What is not on the server yet, read from the store, for the sync status
 * and for checks before submitting a batch or signing out. Screens call
 * these inside live queries, so the counts follow every edit and push.
 */
import type { CopydeskDatabase } from '../store/database';
import { isPushable } from '../store/outbox';
import type { OutboxParking } from '../store/rows';

/** A push the server refused, waiting for the examiner. */
export interface ParkedPush {
  copyId: string;
  parking: OutboxParking;
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
}

/** Reads the whole backlog. */
export async function readSyncBacklog(
  db: CopydeskDatabase,
): Promise<SyncBacklog> {
  const entries = await db.outbox.orderBy('createdAt').toArray();
  const pushable = entries.filter(isPushable);
  const parked: ParkedPush[] = [];
  for (const entry of entries) {
    if (entry.parked) {
      parked.push({ copyId: entry.copyId, parking: entry.parked });
    }
  }

  return {
    pending: pushable.length,
    oldestPendingAt: pushable[0]?.createdAt ?? null,
    parked,
    conflicts: (await db.conflicts.toCollection().primaryKeys()) as string[],
  };
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
