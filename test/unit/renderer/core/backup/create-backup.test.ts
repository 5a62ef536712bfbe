import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { decryptBackup } from '../../../../../renderer/core/backup/backup-cipher';
import { parseBackupFile } from '../../../../../renderer/core/backup/backup-format';
import {
  backupFileName,
  collectUnsyncedCopies,
  createBackupFile,
} from '../../../../../renderer/core/backup/create-backup';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import { completeOutboxEntry } from '../../../../../renderer/core/store/outbox';
import { ServerGradeStore } from '../../../../../renderer/core/store/server-grades';
import { countUnsynced } from '../../../../../renderer/core/sync/sync-backlog';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';

let store: TestStore;
let grades: GradeStore;
let serverGrades: ServerGradeStore;

beforeEach(async () => {
  store = openTestStore();
  let clock = Date.parse('2026-06-20T10:00:00.000Z');
  const now = () => {
    clock += 1000;
    return new Date(clock);
  };
  grades = new GradeStore(store.db, store.cipher, now);
  serverGrades = new ServerGradeStore(store.db, store.cipher, now);
  await store.db.copies.bulkPut([
    copyRow('c1'),
    copyRow('c2'),
    copyRow('c3', { batchId: 'b2' }),
  ]);
});

afterEach(() => {
  store.db.close();
});

function source() {
  return { db: store.db, grades, serverGrades };
}

describe('collectUnsyncedCopies', () => {
  it('takes pending copies and leaves synced ones', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 3.5 }, comment: 'Bien' });
    await grades.saveGradeEdit('c2', { marks: { q1: 2 } });
    const synced = await store.db.outbox.get('c2');
    await completeOutboxEntry(store.db, 'c2', synced!.idempotencyKey, 1);
    await grades.saveGradeEdit('c3', { status: 'final', flags: ['other'] });

    const copies = await collectUnsyncedCopies(source());

    expect(copies.map((copy) => copy.copyId)).toEqual(['c1', 'c3']);
    expect(copies[0]).toEqual({
      copyId: 'c1',
      anonymousCode: 'Ac1',
      batchId: 'b1',
      baseVersion: null,
      updatedAt: '2026-06-20T10:00:01.000Z',
      grade: {
        status: 'draft',
        marks: { q1: 3.5 },
        comment: 'Bien',
        flags: [],
        annotations: [],
      },
      conflict: null,
    });
    expect(copies[1]).toMatchObject({
      anonymousCode: 'Ac3',
      batchId: 'b2',
      grade: { status: 'final', flags: ['other'] },
    });
    expect(copies).toHaveLength(await countUnsynced(store.db));
  });

  it('keeps the server version of a conflict', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 3.5 } });
    await serverGrades.recordPushConflict({
      copyId: 'c1',
      version: 4,
      status: 'draft',
      marks: { q1: 1 },
      comment: 'Revu par le jury',
      flags: [],
      annotations: [],
      updatedAt: '2026-06-20T09:00:00.000Z',
      updatedBy: 'g-chef',
    });

    const [copy] = await collectUnsyncedCopies(source());

    expect(copy?.grade.marks).toEqual({ q1: 3.5 });
    expect(copy?.conflict).toEqual({
      serverVersion: 4,
      server: {
        status: 'draft',
        marks: { q1: 1 },
        comment: 'Revu par le jury',
        flags: [],
        annotations: [],
        updatedAt: '2026-06-20T09:00:00.000Z',
        updatedBy: 'g-chef',
      },
    });
  });

  it('returns nothing when all is synced', async () => {
    expect(await collectUnsyncedCopies(source())).toEqual([]);
  });
});

describe('createBackupFile', () => {
  it('writes a file that decrypts to the unsynced copies', async () => {
    await grades.saveGradeEdit('c2', { marks: { q2: 9.75 } });
    const createdAt = new Date('2026-06-20T18:02:11.000Z');

    const file = await createBackupFile(
      source(),
      {
        grader: { id: 'g-amartin', displayName: 'A. Martin' },
        appVersion: '1.4.0',
        createdAt,
      },
      'cheval agrafe pile correcte',
    );

    expect(file.fileName).toBe('copydesk-backup-2026-06-20-1802.json');
    expect(file.mediaType).toBe('application/json');
    expect(file.copyCount).toBe(1);
    const content = await decryptBackup(
      parseBackupFile(file.text),
      'cheval agrafe pile correcte',
    );
    expect(content.copies.map((copy) => copy.grade.marks)).toEqual([
      { q2: 9.75 },
    ]);
  });

  it('names files by UTC minute', () => {
    expect(backupFileName(new Date('2026-01-02T03:04:59.999Z'))).toBe(
      'copydesk-backup-2026-01-02-0304.json',
    );
  });
});
