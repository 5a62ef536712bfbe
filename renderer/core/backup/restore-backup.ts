/**
 * Puts the grades of a decrypted backup back into the local store as local
 * edits, which the sync engine then pushes like any other.
 *
 * A restored grade is pushed on top of the server version it was edited
 * from (the backup's `baseVersion`), so the server's version check turns
 * any write made since into a conflict for the examiner, rather than
 * overwriting it. For the same reason a grade is never restored over
 * something local the examiner has not chosen about:
 *
 * - a pending or parked push, or a conflict, with another grade;
 * - a synced local grade from a server version the backup's edits did not
 *   start from (a later one, or any one when the backup had none).
 */
import type { CopydeskDatabase } from '../store/database';
import type { GradeStore } from '../store/grades';
import {
  contentOf,
  sameContent,
  type ServerGradeStore,
} from '../store/server-grades';
import type { BackedUpCopy, BackupContent } from './backup-format';

/** The store parts a restore reads and writes. */
export interface RestoreTarget {
  db: CopydeskDatabase;
  grades: Pick<GradeStore, 'readGrade' | 'saveGradeEdit'>;
  serverGrades: Pick<ServerGradeStore, 'rebaseGrade'>;
}

/** A copy of the backup, as the restore report names it. */
export interface RestoredCopyRef {
  copyId: string;
  /** From the local store when it has the copy, else from the backup. */
  anonymousCode: string | null;
}

/**
 * Why a backed-up grade was left for the examiner: `pending-edit` (this
 * computer has its own unsynced grade for the copy) or
 * `changed-since-backup` (the grade here changed while it was restored).
 */
export type ChoiceReason = 'pending-edit' | 'changed-since-backup';

/** The outcome of a restore, copy by copy. */
export interface RestoreReport {
  /** Grades written as local edits, to be pushed by the next sync. */
  restored: RestoredCopyRef[];
  /** Copies whose local grade already equals the backed-up one. */
  identical: RestoredCopyRef[];
  /** Copies not in the store, or withdrawn from the grader. */
  unknown: RestoredCopyRef[];
  /** Copies left as they are, for the examiner to compare by hand. */
  needsChoice: (RestoredCopyRef & { reason: ChoiceReason })[];
}

/**
 * Restores every copy of `content`, one after another. Raises what the
 * store raises (`StorageFullError`, `RecordDecryptionError`); the copies
 * restored before the failure stay restored.
 */
export async function restoreBackup(
  target: RestoreTarget,
  content: BackupContent,
): Promise<RestoreReport> {
  const report: RestoreReport = {
    restored: [],
    identical: [],
    unknown: [],
    needsChoice: [],
  };

  for (const copy of content.copies) {
    const stored = await target.db.copies.get(copy.copyId);
    if (stored === undefined || stored.withdrawnAt !== null) {
      report.unknown.push({
        copyId: copy.copyId,
        anonymousCode: copy.anonymousCode,
      });
      continue;
    }

    const ref = { copyId: copy.copyId, anonymousCode: stored.anonymousCode };
    const outcome = await restoreCopy(target, copy);
    if (outcome === 'restored' || outcome === 'identical') {
      report[outcome].push(ref);
    } else {
      report.needsChoice.push({ ...ref, reason: outcome });
    }
  }
  return report;
}

async function restoreCopy(
  target: RestoreTarget,
  copy: BackedUpCopy,
): Promise<'restored' | 'identical' | ChoiceReason> {
  const { db, grades, serverGrades } = target;
  const local = await grades.readGrade(copy.copyId);
  if (local !== null && sameContent(contentOf(local), copy.grade)) {
    return 'identical';
  }

  const pending =
    (await db.outbox.get(copy.copyId)) !== undefined ||
    (await db.conflicts.get(copy.copyId)) !== undefined;
  if (pending) {
    return 'pending-edit';
  }

  // The edit below must start from the version the backed-up edits
  // started from. When the server has moved on since, as after a
  // supervisor's change, the push then answers 412 and both versions are
  // shown for the examiner to choose. A grade changed during the restore,
  // as by a pull, is left for the examiner.
  const backupBase = copy.baseVersion;
  if (local !== null && local.baseVersion !== backupBase) {
    const rebased = await serverGrades.rebaseGrade(
      copy.copyId,
      local.baseVersion,
      backupBase,
    );
    if (!rebased) {
      return 'changed-since-backup';
    }
  }

  const saved = await grades.saveGradeEdit(copy.copyId, {
    status: copy.grade.status,
    marks: copy.grade.marks,
    comment: copy.grade.comment,
    flags: copy.grade.flags,
    annotations: copy.grade.annotations,
  });

  // A new grade row starts from no server version, so it gets the backup's.
  // A sync run that pushes in between sends the grade without a version,
  // and the server responds with a conflict, so nothing is overwritten.
  if (saved.baseVersion === null && backupBase !== null) {
    await serverGrades.rebaseGrade(copy.copyId, null, backupBase);
  }
  return 'restored';
}
