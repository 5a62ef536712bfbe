/**
 * Builds the backup of what the server does not have yet, for an examiner
 * who must leave the computer before syncing.
 */
import type { CopydeskDatabase } from '../store/database';
import type { GradeStore } from '../store/grades';
import { contentOf, type ServerGradeStore } from '../store/server-grades';
import { encryptBackup, type BackupIdentity } from './backup-cipher';
import type { BackedUpCopy } from './backup-format';

/** The store parts a backup reads. */
export interface BackupSource {
  db: CopydeskDatabase;
  grades: Pick<GradeStore, 'readGrade'>;
  serverGrades: Pick<ServerGradeStore, 'readConflict'>;
}

/** A backup file ready to save. */
export interface BackupFile {
  fileName: string;
  mediaType: 'application/json';
  text: string;
  /** Copies the file holds. */
  copyCount: number;
}

/**
 * Reads every copy that `countUnsynced` counts (a push pending or parked,
 * or a conflict not resolved), with its local grade and the server's
 * version of a conflict, oldest pending first.
 *
 * NOTE: a copy with an outbox entry but no local grade, which only a
 * damaged store has, is left out because there is no grade to save.
 */
export async function collectUnsyncedCopies(
  source: BackupSource,
): Promise<BackedUpCopy[]> {
  const { db } = source;
  const copyIds: string[] = [];
  for (const entry of await db.outbox.orderBy('createdAt').toArray()) {
    copyIds.push(entry.copyId);
  }
  for (const copyId of (await db.conflicts
    .toCollection()
    .primaryKeys()) as string[]) {
    if (!copyIds.includes(copyId)) {
      copyIds.push(copyId);
    }
  }

  const copies: BackedUpCopy[] = [];
  for (const copyId of copyIds) {
    const grade = await source.grades.readGrade(copyId);
    if (grade === null) {
      continue;
    }
    const copy = await db.copies.get(copyId);
    const conflict = await source.serverGrades.readConflict(copyId);

    copies.push({
      copyId,
      anonymousCode: copy?.anonymousCode ?? null,
      batchId: copy?.batchId ?? null,
      baseVersion: grade.baseVersion,
      updatedAt: grade.updatedAt,
      grade: contentOf(grade),
      conflict:
        conflict === null
          ? null
          : {
              serverVersion: conflict.serverVersion,
              server: {
                ...contentOf(conflict.server),
                updatedAt: conflict.server.updatedAt,
                updatedBy: conflict.server.updatedBy,
              },
            },
    });
  }
  return copies;
}

/**
 * Collects the unsynced copies and encrypts them with `passphrase` into a
 * backup file. Raises what `encryptBackup` raises, and a
 * `RecordDecryptionError` when a stored grade cannot be read.
 */
export async function createBackupFile(
  source: BackupSource,
  identity: BackupIdentity,
  passphrase: string,
): Promise<BackupFile> {
  const copies = await collectUnsyncedCopies(source);
  const text = await encryptBackup({ copies }, identity, passphrase);
  return {
    fileName: backupFileName(identity.createdAt),
    mediaType: 'application/json',
    text,
    copyCount: copies.length,
  };
}

/**
 * Returns a file name that sorts by time and is valid on every system,
 * such as `copydesk-backup-2026-06-20-1802.json` (UTC).
 */
export function backupFileName(createdAt: Date): string {
  const stamp = createdAt
    .toISOString()
    .slice(0, 16)
    .replace('T', '-')
    .replace(':', '');
  return `copydesk-backup-${stamp}.json`;
}
