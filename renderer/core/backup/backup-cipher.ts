/**
 * Encryption of a backup file with a passphrase the examiner types: the
 * key comes from PBKDF2-SHA-256 over the passphrase and a random salt, and
 * AES-GCM encrypts the content with the clear header as additional data.
 */
import { decodeBase64, encodeBase64 } from './base64';
import { BackupError } from './backup-errors';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  checkBackupContent,
  headerAdditionalData,
  MAX_BACKUP_CHARACTERS,
  serializeBackupFile,
  type BackupContent,
  type BackupHeader,
  type ParsedBackupFile,
} from './backup-format';
import { MIN_PASSPHRASE_LENGTH } from './passphrase';

/**
 * PBKDF2-HMAC-SHA-256 iterations for new backups: the 600,000 that the
 * OWASP Password Storage Cheat Sheet recommends for this hash (2023
 * revision). Deriving the key took 0.08 to 0.12 s in Chromium 156 and
 * about 0.15 s in Node 20, on a 2-core AMD EPYC virtual machine. The
 * examiner waits that long once per save and once per restore, and an
 * attacker who has the file pays it for every guess.
 */
export const PBKDF2_ITERATIONS = 600_000;

/**
 * Maximum iterations a file may request, so a crafted file cannot block the
 * app for minutes (10 million take a few seconds).
 */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;

const SALT_BYTES = 16;
const IV_BYTES = 12;

/** The grader, app version and creation time of a backup. */
export interface BackupIdentity {
  grader: { id: string; displayName: string };
  appVersion: string;
  createdAt: Date;
}

/**
 * Encrypts `content` with `passphrase` and returns the backup file's text.
 * Raises an `Error` when the passphrase is shorter than the minimum, or
 * when the file would exceed what the file export accepts.
 */
export async function encryptBackup(
  content: BackupContent,
  identity: BackupIdentity,
  passphrase: string,
  iterations: number = PBKDF2_ITERATIONS,
): Promise<string> {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(
      `The backup passphrase has fewer than ${MIN_PASSPHRASE_LENGTH} characters: choose a longer one.`,
    );
  }

  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: identity.appVersion,
    createdAt: identity.createdAt.toISOString(),
    grader: {
      id: identity.grader.id,
      displayName: identity.grader.displayName,
    },
    copyCount: content.copies.length,
    encryption: {
      kdf: {
        name: 'PBKDF2',
        hash: 'SHA-256',
        iterations,
        salt: encodeBase64(salt),
      },
      cipher: { name: 'AES-GCM', iv: encodeBase64(iv) },
    },
  };

  const key = await deriveBackupKey(passphrase, salt, iterations, 'encrypt');
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: headerAdditionalData(header) },
    key,
    new TextEncoder().encode(JSON.stringify(content)),
  );

  const text = serializeBackupFile({
    header,
    ciphertext: encodeBase64(new Uint8Array(ciphertext)),
  });
  if (text.length > MAX_BACKUP_CHARACTERS) {
    throw new Error(
      `The backup would have ${text.length} characters, more than the ${MAX_BACKUP_CHARACTERS} a file export accepts. Sync first so fewer grades need a backup.`,
    );
  }
  return text;
}

/**
 * Raises `BackupError` with `other-grader` unless the backup belongs to
 * `graderId`. Call it before asking for the passphrase.
 */
export function checkBackupGrader(
  header: BackupHeader,
  graderId: string,
): void {
  if (header.grader.id !== graderId) {
    throw new BackupError(
      'other-grader',
      `The backup belongs to grader ${header.grader.id} (${header.grader.displayName}), not to the signed-in grader ${graderId}.`,
      { name: header.grader.displayName },
    );
  }
}

/**
 * Decrypts a parsed backup file. Raises `BackupError` with
 * `wrong-passphrase-or-damaged` when AES-GCM rejects the passphrase, the
 * header or the ciphertext, and `damaged` when the file's parameters or
 * content are invalid.
 */
export async function decryptBackup(
  file: ParsedBackupFile,
  passphrase: string,
): Promise<BackupContent> {
  const { header } = file;
  const { kdf, cipher } = header.encryption;
  if (kdf.iterations > MAX_PBKDF2_ITERATIONS) {
    throw new BackupError(
      'damaged',
      `The backup asks for ${kdf.iterations} PBKDF2 iterations, more than the ${MAX_PBKDF2_ITERATIONS} allowed.`,
    );
  }

  const salt = decodeBase64(kdf.salt);
  const iv = decodeBase64(cipher.iv);
  const ciphertext = decodeBase64(file.ciphertext);
  if (salt === null || iv === null || ciphertext === null) {
    throw new BackupError('damaged', 'The backup has invalid base64 data.');
  }
  if (iv.length !== IV_BYTES || salt.length < SALT_BYTES) {
    throw new BackupError(
      'damaged',
      `The backup's salt (${salt.length} bytes) or IV (${iv.length} bytes) has the wrong length.`,
    );
  }

  const key = await deriveBackupKey(
    passphrase,
    salt,
    kdf.iterations,
    'decrypt',
  );
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: headerAdditionalData(header) },
      key,
      ciphertext,
    );
  } catch (error) {
    throw new BackupError(
      'wrong-passphrase-or-damaged',
      'Decryption of the backup failed: the passphrase is wrong, or the file was changed or damaged.',
      {},
      { cause: error },
    );
  }

  let content: unknown;
  try {
    content = JSON.parse(new TextDecoder().decode(plaintext));
  } catch (error) {
    throw new BackupError(
      'damaged',
      'The decrypted backup is not JSON.',
      {},
      { cause: error },
    );
  }
  return checkBackupContent(content, header);
}

/**
 * Derives the AES-GCM key from the passphrase. The passphrase is
 * normalized to NFC first, so the same typed text gives the same bytes on
 * every operating system.
 */
async function deriveBackupKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}
