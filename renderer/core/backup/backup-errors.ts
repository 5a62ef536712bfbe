/**
 * Why a backup file cannot be read:
 *
 * - `not-a-backup`: the file is not JSON, or has no Copydesk backup
 *   `format` field.
 * - `unsupported-version`: a backup in a layout this version does not
 *   support, written by a newer Copydesk.
 * - `damaged`: a Copydesk backup with a header or content field missing or
 *   invalid.
 * - `wrong-passphrase-or-damaged`: AES-GCM rejected the ciphertext, which
 *   happens both with another passphrase and with a changed file, and
 *   cannot tell the two apart.
 * - `other-grader`: the backup belongs to another grader than the one
 *   signed in.
 */
export type BackupProblem =
  | 'not-a-backup'
  | 'unsupported-version'
  | 'damaged'
  | 'wrong-passphrase-or-damaged'
  | 'other-grader';

/** Raised when a backup file cannot be read, decrypted or restored here. */
export class BackupError extends Error {
  readonly problem: BackupProblem;
  /** Values included in the message shown to the examiner. */
  readonly details: Readonly<Record<string, string>>;

  constructor(
    problem: BackupProblem,
    message: string,
    details: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BackupError';
    this.problem = problem;
    this.details = details;
  }
}
