/**
 * The check before a kiosk sign-out erases the local store: the shared
 * computer keeps nothing afterwards, so everything the server does not
 * have yet must be sent first. Unlike a sign-out at home, an encrypted
 * backup file is no way out, because the next person at the computer
 * could take it.
 */
import { countPendingReports } from '../reports/report-store';
import type { CopydeskDatabase } from '../store/database';
import { readSyncBacklog } from '../sync/sync-backlog';

/** Counts of the work the server does not have yet, by kind. */
export interface UnsyncedSummary {
  /** Grades waiting to be pushed. */
  pendingGrades: number;
  /** Grade pushes the server refused, waiting for the examiner. */
  parkedGrades: number;
  /** Copies with a server and a local version to choose between. */
  conflicts: number;
  /** Scan reports not sent yet. */
  pendingReports: number;
}

/** Raised by `checkWipeAllowed` while something is unsynced. */
export class UnsyncedDataError extends Error {
  constructor(readonly summary: UnsyncedSummary) {
    super(
      `Sign-out rejected: this shared computer would erase work the server does not have yet (${describeSummary(summary)}). Sync it, or resolve the refused grades and conflicts, then sign out again.`,
    );
    this.name = 'UnsyncedDataError';
  }
}

function describeSummary(summary: UnsyncedSummary): string {
  return [
    `${summary.pendingGrades} grades pending`,
    `${summary.parkedGrades} refused by the server`,
    `${summary.conflicts} conflicts`,
    `${summary.pendingReports} scan reports pending`,
  ].join(', ');
}

export function isEmptySummary(summary: UnsyncedSummary): boolean {
  return (
    summary.pendingGrades === 0 &&
    summary.parkedGrades === 0 &&
    summary.conflicts === 0 &&
    summary.pendingReports === 0
  );
}

/** Reads what is unsynced; screens call it inside a live query. */
export async function readUnsyncedSummary(
  db: CopydeskDatabase,
): Promise<UnsyncedSummary> {
  const backlog = await readSyncBacklog(db);
  return {
    pendingGrades: backlog.pending,
    parkedGrades: backlog.parked.length,
    conflicts: backlog.conflicts.length,
    pendingReports: await countPendingReports(db),
  };
}

/** Raises `UnsyncedDataError` unless nothing is unsynced. */
export async function checkWipeAllowed(db: CopydeskDatabase): Promise<void> {
  const summary = await readUnsyncedSummary(db);
  if (!isEmptySummary(summary)) {
    throw new UnsyncedDataError(summary);
  }
}
