import { describe, expect, it } from 'vitest';

import {
  checkBackupGrader,
  decryptBackup,
  encryptBackup,
  PBKDF2_ITERATIONS,
  type BackupIdentity,
} from '../../../../../renderer/core/backup/backup-cipher';
import {
  BackupError,
  type BackupProblem,
} from '../../../../../renderer/core/backup/backup-errors';
import {
  parseBackupFile,
  type BackupContent,
} from '../../../../../renderer/core/backup/backup-format';

const PASSPHRASE = 'cheval agrafe pile correcte';

const IDENTITY: BackupIdentity = {
  grader: { id: 'g-amartin', displayName: 'A. Martin' },
  appVersion: '1.4.0',
  createdAt: new Date('2026-06-20T18:02:11.000Z'),
};

const CONTENT: BackupContent = {
  copies: [
    {
      copyId: 'c1',
      anonymousCode: 'A000000001',
      batchId: 'b1',
      baseVersion: null,
      updatedAt: '2026-06-20T17:58:00.000Z',
      grade: {
        status: 'final',
        marks: { q1: 3.5, q2: 9.75, q3: 4 },
        comment: 'Bonne copie, conclusion un peu rapide.',
        flags: ['illegible'],
        annotations: [
          { id: 'n1', page: 2, kind: 'tick', geometry: [0.5, 0.25] },
        ],
      },
      conflict: null,
    },
    {
      copyId: 'c2',
      anonymousCode: 'A000000002',
      batchId: 'b1',
      baseVersion: 3,
      updatedAt: '2026-06-20T17:59:00.000Z',
      grade: {
        status: 'draft',
        marks: { q1: 2 },
        comment: '',
        flags: [],
        annotations: [],
      },
      conflict: {
        serverVersion: 4,
        server: {
          status: 'draft',
          marks: { q1: 1.5 },
          comment: 'Revu par le jury',
          flags: [],
          annotations: [],
          updatedAt: '2026-06-20T17:00:00.000Z',
          updatedBy: 'g-chef',
        },
      },
    },
  ],
};

// Fewer iterations keep the tests that do not check the key derivation fast.
const FAST_ITERATIONS = 1_000;

function encryptFast(
  content: BackupContent = CONTENT,
  passphrase = PASSPHRASE,
): Promise<string> {
  return encryptBackup(content, IDENTITY, passphrase, FAST_ITERATIONS);
}

/** Returns the problem of the `BackupError` that `action` raises. */
async function problemOf(action: () => unknown): Promise<BackupProblem> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(BackupError);
    return (error as BackupError).problem;
  }
  throw new Error('expected a BackupError, but nothing was raised');
}

/** Returns `text` with the JSON field at `path` replaced by `value`. */
function editField(text: string, path: string[], value: unknown): string {
  const file = JSON.parse(text) as Record<string, unknown>;
  let parent = file;
  for (const key of path.slice(0, -1)) {
    parent = parent[key] as Record<string, unknown>;
  }
  parent[path.at(-1)!] = value;
  return JSON.stringify(file);
}

describe('backup encryption', () => {
  it('round trip gives back the content', async () => {
    const text = await encryptBackup(CONTENT, IDENTITY, PASSPHRASE);

    const file = parseBackupFile(text);
    expect(file.header).toMatchObject({
      format: 'copydesk-grade-backup',
      formatVersion: 1,
      appVersion: '1.4.0',
      createdAt: '2026-06-20T18:02:11.000Z',
      grader: { id: 'g-amartin', displayName: 'A. Martin' },
      copyCount: 2,
      encryption: {
        kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS },
        cipher: { name: 'AES-GCM' },
      },
    });
    expect(await decryptBackup(file, PASSPHRASE)).toEqual(CONTENT);
  });

  it('keeps marks and codes out of the clear text', async () => {
    const text = await encryptFast();

    expect(text).not.toContain('A000000001');
    expect(text).not.toContain('9.75');
    expect(text).not.toContain('conclusion');
  });

  it('uses a new salt and IV for each file', async () => {
    const first = parseBackupFile(await encryptFast()).header.encryption;
    const second = parseBackupFile(await encryptFast()).header.encryption;

    expect(first.kdf.salt).not.toBe(second.kdf.salt);
    expect(first.cipher.iv).not.toBe(second.cipher.iv);
  });

  it('rejects a wrong passphrase', async () => {
    const file = parseBackupFile(await encryptFast());

    expect(
      await problemOf(() => decryptBackup(file, 'cheval agrafe pile fausse')),
    ).toBe('wrong-passphrase-or-damaged');
  });

  it('reads a passphrase typed in another Unicode form', async () => {
    // "é" typed as one code point, then as "e" and a combining accent.
    const file = parseBackupFile(await encryptFast(CONTENT, 'clé du été 2026'));

    expect(
      await decryptBackup(file, 'cle\u0301 du e\u0301te\u0301 2026'),
    ).toEqual(CONTENT);
  });

  it('rejects a changed ciphertext', async () => {
    const text = await encryptFast();
    const file = parseBackupFile(text);
    const bytes = Uint8Array.from(atob(file.ciphertext), (character) =>
      character.charCodeAt(0),
    );
    bytes[10] = bytes[10]! ^ 0x01;
    const tampered = editField(
      text,
      ['ciphertext'],
      btoa(String.fromCharCode(...bytes)),
    );

    expect(
      await problemOf(() =>
        decryptBackup(parseBackupFile(tampered), PASSPHRASE),
      ),
    ).toBe('wrong-passphrase-or-damaged');
  });

  it.each([
    [['createdAt'], '2026-06-21T09:00:00.000Z'],
    [['appVersion'], '9.9.9'],
    [['copyCount'], 1],
    [['grader', 'displayName'], 'B. Dupont'],
    [['encryption', 'kdf', 'iterations'], FAST_ITERATIONS + 1],
  ])('rejects a changed header field %j', async (path, value) => {
    const tampered = editField(await encryptFast(), path, value);

    expect(
      await problemOf(() =>
        decryptBackup(parseBackupFile(tampered), PASSPHRASE),
      ),
    ).toBe('wrong-passphrase-or-damaged');
  });

  it('rejects a backup of another grader', async () => {
    const file = parseBackupFile(await encryptFast());

    expect(() => checkBackupGrader(file.header, 'g-amartin')).not.toThrow();
    const error = (() => {
      try {
        checkBackupGrader(file.header, 'g-bdupont');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).problem).toBe('other-grader');
    expect((error as BackupError).details).toEqual({ name: 'A. Martin' });
  });

  it('rejects a passphrase under 8 characters', async () => {
    await expect(encryptFast(CONTENT, 'court')).rejects.toThrow(
      /fewer than 8 characters/,
    );
  });

  it('rejects an excessive iteration count', async () => {
    const tampered = editField(
      await encryptFast(),
      ['encryption', 'kdf', 'iterations'],
      50_000_000,
    );

    expect(
      await problemOf(() =>
        decryptBackup(parseBackupFile(tampered), PASSPHRASE),
      ),
    ).toBe('damaged');
  });
});

describe('backup file parsing', () => {
  it.each([
    ['not JSON', 'Bonjour, voici mes notes.'],
    ['a JSON array', '[1, 2, 3]'],
    ['JSON without format', '{"copies": []}'],
    ['another format', '{"format": "something-else", "formatVersion": 1}'],
  ])('rejects %s as not a backup', async (_name, text) => {
    expect(await problemOf(() => parseBackupFile(text))).toBe('not-a-backup');
  });

  it('rejects an unknown format version', async () => {
    const newer = editField(await encryptFast(), ['formatVersion'], 2);

    let error: unknown = null;
    try {
      parseBackupFile(newer);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).problem).toBe('unsupported-version');
    expect((error as BackupError).details).toEqual({ formatVersion: '2' });
  });

  it.each([
    [['grader'], null],
    [['encryption', 'kdf', 'name'], 'scrypt'],
    [['encryption', 'cipher', 'iv'], 'not base64!'],
    [['ciphertext'], 42],
  ])('rejects an invalid field %j as damaged', async (path, value) => {
    const damaged = editField(await encryptFast(), path, value);

    expect(await problemOf(() => parseBackupFile(damaged))).toBe('damaged');
  });

  it('rejects a truncated IV as damaged', async () => {
    const damaged = editField(
      await encryptFast(),
      ['encryption', 'cipher', 'iv'],
      btoa('short'),
    );

    expect(
      await problemOf(() =>
        decryptBackup(parseBackupFile(damaged), PASSPHRASE),
      ),
    ).toBe('damaged');
  });
});
