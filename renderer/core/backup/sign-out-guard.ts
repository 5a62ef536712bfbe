/**
 * The rule that keeps a sign-out from losing grades: the local store may
 * be cleared once the grader is gone (by the next grader's sign-in, or on
 * a shared computer), so signing out with unsynced work needs a backup.
 */
import type { CopydeskDatabase } from '../store/database';
import { countUnsynced } from '../sync/sync-backlog';

/** Raised by a sign-out while copies are unsynced and no backup was saved. */
export class UnsyncedWorkError extends Error {
  /** Copies with a pending or parked push, or a conflict. */
  readonly unsynced: number;

  constructor(unsynced: number) {
    super(
      `Sign-out rejected: ${unsynced} copies have grades the server does not have yet. Sync them, or save an encrypted backup first.`,
    );
    this.name = 'UnsyncedWorkError';
    this.unsynced = unsynced;
  }
}

/**
 * Raises `UnsyncedWorkError` when something is unsynced, unless the caller
 * states that a backup of it was saved.
 */
export async function checkSignOutAllowed(
  db: CopydeskDatabase,
  options: { backupSaved?: boolean } = {},
): Promise<void> {
  if (options.backupSaved === true) {
    return;
  }
  const unsynced = await countUnsynced(db);
  if (unsynced > 0) {
    throw new UnsyncedWorkError(unsynced);
  }
}
