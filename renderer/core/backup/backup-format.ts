/**
 * The backup file: a JSON text whose header stays in clear (who made it,
 * when, how the key is derived) and whose grades are one AES-GCM
 * ciphertext. The header is the ciphertext's additional authenticated
 * data, so a changed header fails to decrypt like a changed ciphertext.
 *
 * ```json
 * {
 *   "format": "copydesk-grade-backup",
 *   "formatVersion": 1,
 *   "appVersion": "1.4.0",
 *   "createdAt": "2026-06-20T18:02:11.000Z",
 *   "grader": { "id": "g-12", "displayName": "A. Martin" },
 *   "copyCount": 3,
 *   "encryption": {
 *     "kdf": {
 *       "name": "PBKDF2",
 *       "hash": "SHA-256",
 *       "iterations": 600000,
 *       "salt": "<base64>"
 *     },
 *     "cipher": { "name": "AES-GCM", "iv": "<base64>" }
 *   },
 *   "ciphertext": "<base64 of the encrypted BackupContent JSON>"
 * }
 * ```
 */
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';

import { FLAGS, GRADE_STATUSES } from '../../../shared/api/schemas';
import { BackupError } from './backup-errors';

/** The `format` field that marks a file as a Copydesk grade backup. */
export const BACKUP_FORMAT = 'copydesk-grade-backup';

/** The layout this code writes and reads. Other versions are rejected. */
export const BACKUP_FORMAT_VERSION = 1;

/**
 * Maximum size of a backup file, in characters, because the bridge's file
 * export accepts at most 50 million.
 */
export const MAX_BACKUP_CHARACTERS = 50_000_000;

/** Maximum size of a backup file in bytes: 4 UTF-8 bytes per character. */
export const MAX_BACKUP_FILE_BYTES = 4 * MAX_BACKUP_CHARACTERS;

const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$' });

const BackupHeaderSchema = Type.Object({
  format: Type.Literal(BACKUP_FORMAT),
  formatVersion: Type.Literal(BACKUP_FORMAT_VERSION),
  appVersion: Type.String({ maxLength: 100 }),
  createdAt: Type.String({ minLength: 1, maxLength: 100 }),
  grader: Type.Object({
    id: Type.String({ minLength: 1, maxLength: 200 }),
    displayName: Type.String({ maxLength: 500 }),
  }),
  copyCount: Type.Integer({ minimum: 0 }),
  encryption: Type.Object({
    kdf: Type.Object({
      name: Type.Literal('PBKDF2'),
      hash: Type.Literal('SHA-256'),
      iterations: Type.Integer({ minimum: 1 }),
      salt: Base64,
    }),
    cipher: Type.Object({
      name: Type.Literal('AES-GCM'),
      iv: Base64,
    }),
  }),
});

/** The clear part of a backup file, authenticated with the ciphertext. */
export type BackupHeader = Static<typeof BackupHeaderSchema>;

const GradeContentSchema = Type.Object({
  status: Type.Enum(GRADE_STATUSES),
  marks: Type.Record(Type.String(), Type.Number()),
  comment: Type.String(),
  flags: Type.Array(Type.Enum(FLAGS)),
  annotations: Type.Array(
    Type.Object({
      id: Type.String(),
      page: Type.Integer(),
      kind: Type.String(),
      geometry: Type.Unknown(),
      text: Type.Optional(Type.String()),
      color: Type.Optional(Type.String()),
    }),
  ),
});

const BackedUpCopySchema = Type.Object({
  copyId: Type.String({ minLength: 1 }),
  /** Null when the copy's row was missing from the store. */
  anonymousCode: Type.Union([Type.String(), Type.Null()]),
  batchId: Type.Union([Type.String(), Type.Null()]),
  /** Server version the local edits started from, or null if none. */
  baseVersion: Type.Union([Type.Integer(), Type.Null()]),
  /** Time of the last local edit. */
  updatedAt: Type.String(),
  grade: GradeContentSchema,
  /** The server's version when the copy was in conflict, else null. */
  conflict: Type.Union([
    Type.Object({
      serverVersion: Type.Integer(),
      server: Type.Intersect([
        GradeContentSchema,
        Type.Object({ updatedAt: Type.String(), updatedBy: Type.String() }),
      ]),
    }),
    Type.Null(),
  ]),
});

/** One unsynced copy as the backup keeps it. */
export type BackedUpCopy = Static<typeof BackedUpCopySchema>;

const BackupContentSchema = Type.Object({
  copies: Type.Array(BackedUpCopySchema),
});

/** The encrypted part of a backup file. */
export type BackupContent = Static<typeof BackupContentSchema>;

/** A backup file read and checked, not decrypted yet. */
export interface ParsedBackupFile {
  header: BackupHeader;
  ciphertext: string;
}

/**
 * Reads the clear part of a backup file. Raises `BackupError` with
 * `not-a-backup` for any other file, `unsupported-version` for a layout
 * this code does not support, and `damaged` when a header field is
 * missing or invalid.
 */
export function parseBackupFile(text: string): ParsedBackupFile {
  if (text.length > MAX_BACKUP_CHARACTERS) {
    throw new BackupError(
      'not-a-backup',
      `The file has ${text.length} characters, more than a backup's ${MAX_BACKUP_CHARACTERS}.`,
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupError('not-a-backup', 'The file is not JSON.');
  }
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) {
    throw new BackupError(
      'not-a-backup',
      `The file has no "format": "${BACKUP_FORMAT}" field.`,
    );
  }
  if (value.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      'unsupported-version',
      `The backup has format version ${JSON.stringify(value.formatVersion)}; this version of Copydesk reads version ${BACKUP_FORMAT_VERSION} only.`,
      { formatVersion: String(value.formatVersion) },
    );
  }

  const { ciphertext, ...header } = value;
  if (!Value.Check(BackupHeaderSchema, header)) {
    const [first] = Value.Errors(BackupHeaderSchema, header);
    throw new BackupError(
      'damaged',
      `The backup's header is invalid at ${first?.instancePath || '/'}: ${first?.message ?? 'unknown error'}.`,
    );
  }
  if (typeof ciphertext !== 'string' || !Value.Check(Base64, ciphertext)) {
    throw new BackupError(
      'damaged',
      'The backup has no valid "ciphertext" field.',
    );
  }
  return { header, ciphertext };
}

/** Writes a backup file as indented JSON, header first. */
export function serializeBackupFile(file: ParsedBackupFile): string {
  const value = { ...file.header, ciphertext: file.ciphertext };
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Returns the additional authenticated data of a header: every field in a
 * fixed order, so the bytes do not depend on the key order in the file.
 */
export function headerAdditionalData(
  header: BackupHeader,
): Uint8Array<ArrayBuffer> {
  const { kdf, cipher } = header.encryption;
  const parts = [
    header.format,
    header.formatVersion,
    header.appVersion,
    header.createdAt,
    header.grader.id,
    header.grader.displayName,
    header.copyCount,
    kdf.name,
    kdf.hash,
    kdf.iterations,
    kdf.salt,
    cipher.name,
    cipher.iv,
  ];
  return new TextEncoder().encode(JSON.stringify(parts));
}

/**
 * Checks the decrypted content's shape. Raises `BackupError` with
 * `damaged` when it is not what this code writes, or when its number of
 * copies differs from the header's.
 */
export function checkBackupContent(
  value: unknown,
  header: BackupHeader,
): BackupContent {
  if (!Value.Check(BackupContentSchema, value)) {
    const [first] = Value.Errors(BackupContentSchema, value);
    throw new BackupError(
      'damaged',
      `The backup's content is invalid at ${first?.instancePath || '/'}: ${first?.message ?? 'unknown error'}.`,
    );
  }
  if (value.copies.length !== header.copyCount) {
    throw new BackupError(
      'damaged',
      `The backup holds ${value.copies.length} copies, but its header says ${header.copyCount}.`,
    );
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
