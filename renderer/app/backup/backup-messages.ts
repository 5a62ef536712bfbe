import type { TFunction } from 'i18next';

import { BackupError } from '../../core/backup/backup-errors';
import { StorageFullError } from '../../core/download/scan-store';

/**
 * Returns the message shown for a failed backup read, decryption or
 * restore: the problem in the examiner's words for a `BackupError`,
 * otherwise the technical detail inside a generic sentence.
 */
export function describeBackupFailure(error: unknown, t: TFunction): string {
  if (error instanceof BackupError) {
    return t(`backup.errors.${error.problem}`, { ...error.details });
  }
  if (error instanceof StorageFullError) {
    return t('backup.errors.storageFull');
  }
  return t('backup.errors.restoreFailed', { detail: describeError(error) });
}

/** Returns an error's message, for the part of a message that names it. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
