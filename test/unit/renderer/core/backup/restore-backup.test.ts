import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BackedUpCopy } from '../../../../../renderer/core/backup/backup-format';
import { restoreBackup } from '../../../../../renderer/core/backup/restore-backup';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import { completeOutboxEntry } from '../../../../../renderer/core/store/outbox';
import type { GradeContent } from '../../../../../renderer/core/store/rows';
import { ServerGradeStore } from '../../../../../renderer/core/store/server-grades';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';

let store: TestStore;
let grades: GradeStore;
let serverGrades: ServerGradeStore;

const BACKED_UP: GradeContent = {
  status: 'final',
  marks: { q1: 3.5, q2: 9.75, q3: 4 },
  comment: 'Bonne copie, conclusion un peu rapide.',
  flags: ['illegible'],
  annotations: [{ id: 'n1', page: 2, kind: 'tick', geometry: [0.5, 0.25] }],
};

beforeEach(async () => {
  store = openTestStore();
  grades = new GradeStore(store.db, store.cipher);
  serverGrades = new ServerGradeStore(store.db, store.cipher);
  await store.db.copies.bulkPut([copyRow('c1'), copyRow('c2')]);
});

afterEach(() => {
  store.db.close();
});

function backedUp(
  copyId: string,
  overrides: Partial<BackedUpCopy> = {},
): BackedUpCopy {
  return {
    copyId,
    anonymousCode: `A${copyId}`,
    batchId: 'b1',
    baseVersion: null,
    updatedAt: '2026-06-20T17:58:00.000Z',
    grade: BACKED_UP,
    conflict: null,
    ...overrides,
  };
}

function restore(...copies: BackedUpCopy[]) {
  return restoreBackup({ db: store.db, grades, serverGrades }, { copies });
}

/** Stores `change` for `copyId` as synced at server version `version`. */
async function syncedGrade(
  copyId: string,
  change: Partial<GradeContent>,
  version: number,
): Promise<void> {
  await grades.saveGradeEdit(copyId, change);
  const entry = await store.db.outbox.get(copyId);
  await completeOutboxEntry(store.db, copyId, entry!.idempotencyKey, version);
}

describe('restoreBackup', () => {
  it('restores a grade into an empty store', async () => {
    const report = await restore(backedUp('c1'));

    expect(report.restored).toEqual([{ copyId: 'c1', anonymousCode: 'Ac1' }]);
    expect(await grades.readGrade('c1')).toMatchObject({
      ...BACKED_UP,
      baseVersion: null,
    });
    expect(await store.db.outbox.get('c1')).toMatchObject({
      copyId: 'c1',
      sentAt: null,
      parked: null,
    });
  });

  it('pushes on top of the backup base', async () => {
    await restore(backedUp('c1', { baseVersion: 3 }));

    expect((await grades.readGrade('c1'))?.baseVersion).toBe(3);
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('skips a grade already identical here', async () => {
    await syncedGrade('c1', BACKED_UP, 2);

    const report = await restore(backedUp('c1', { baseVersion: 1 }));

    expect(report.identical).toEqual([{ copyId: 'c1', anonymousCode: 'Ac1' }]);
    expect(report.restored).toEqual([]);
    expect(await store.db.outbox.count()).toBe(0);
    expect((await grades.readGrade('c1'))?.baseVersion).toBe(2);
  });

  it('counts a pending identical grade as identical', async () => {
    await grades.saveGradeEdit('c1', BACKED_UP);
    const before = await store.db.outbox.get('c1');

    const report = await restore(backedUp('c1'));

    expect(report.identical).toHaveLength(1);
    expect(await store.db.outbox.get('c1')).toEqual(before);
  });

  it('leaves a different pending edit for a choice', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    const before = await store.db.outbox.get('c1');

    const report = await restore(backedUp('c1'));

    expect(report.needsChoice).toEqual([
      { copyId: 'c1', anonymousCode: 'Ac1', reason: 'pending-edit' },
    ]);
    expect(report.restored).toEqual([]);
    expect((await grades.readGrade('c1'))?.marks).toEqual({ q1: 1 });
    expect(await store.db.outbox.get('c1')).toEqual(before);
  });

  it('leaves a conflict for a choice', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    await serverGrades.recordPushConflict({
      copyId: 'c1',
      version: 4,
      ...BACKED_UP,
      marks: { q1: 0.5 },
      updatedAt: '2026-06-20T09:00:00.000Z',
      updatedBy: 'g-chef',
    });

    const report = await restore(backedUp('c1', { baseVersion: 3 }));

    expect(report.needsChoice).toEqual([
      { copyId: 'c1', anonymousCode: 'Ac1', reason: 'pending-edit' },
    ]);
    expect((await grades.readGrade('c1'))?.marks).toEqual({ q1: 1 });
    expect((await serverGrades.readConflict('c1'))?.serverVersion).toBe(4);
  });

  it('lists copies the store does not know', async () => {
    await store.db.copies.put(
      copyRow('c2', { withdrawnAt: '2026-06-19T08:00:00.000Z' }),
    );

    const report = await restore(
      backedUp('gone', { anonymousCode: 'A000000099' }),
      backedUp('c2'),
    );

    expect(report.unknown).toEqual([
      { copyId: 'gone', anonymousCode: 'A000000099' },
      { copyId: 'c2', anonymousCode: 'Ac2' },
    ]);
    expect(await store.db.grades.count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
  });

  // The server moved on since the backup, as after a supervisor's change:
  // the restored grade goes out from the backup's base, so the push meets
  // a 412 and both versions are shown instead of one being dropped.
  it('restores over a grade synced after the backup base', async () => {
    await syncedGrade('c1', { marks: { q1: 2 } }, 5);

    const report = await restore(backedUp('c1', { baseVersion: 3 }));

    expect(report.restored).toHaveLength(1);
    expect(report.needsChoice).toEqual([]);
    expect(await grades.readGrade('c1')).toMatchObject({
      ...BACKED_UP,
      baseVersion: 3,
    });
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('restores a backup without base as a first write', async () => {
    await syncedGrade('c1', { marks: { q1: 2 } }, 1);

    const report = await restore(backedUp('c1', { baseVersion: null }));

    expect(report.restored).toHaveLength(1);
    expect(await grades.readGrade('c1')).toMatchObject({
      ...BACKED_UP,
      baseVersion: null,
    });
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('restores over the grade it started from', async () => {
    await syncedGrade('c1', { marks: { q1: 2 } }, 3);

    const report = await restore(backedUp('c1', { baseVersion: 3 }));

    expect(report.restored).toHaveLength(1);
    expect(await grades.readGrade('c1')).toMatchObject({
      ...BACKED_UP,
      baseVersion: 3,
    });
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('moves an older local base up to the backup base', async () => {
    await syncedGrade('c1', { marks: { q1: 2 } }, 2);

    const report = await restore(backedUp('c1', { baseVersion: 3 }));

    expect(report.restored).toHaveLength(1);
    expect(await grades.readGrade('c1')).toMatchObject({
      ...BACKED_UP,
      baseVersion: 3,
    });
  });

  it('reports every case of a mixed backup', async () => {
    await store.db.copies.put(copyRow('c3'));
    await grades.saveGradeEdit('c2', { comment: 'Autre version' });
    await syncedGrade('c3', BACKED_UP, 1);

    const report = await restore(
      backedUp('c1'),
      backedUp('c2'),
      backedUp('c3', { baseVersion: 1 }),
      backedUp('c4'),
    );

    expect(report.restored.map((copy) => copy.copyId)).toEqual(['c1']);
    expect(report.needsChoice.map((copy) => copy.copyId)).toEqual(['c2']);
    expect(report.identical.map((copy) => copy.copyId)).toEqual(['c3']);
    expect(report.unknown.map((copy) => copy.copyId)).toEqual(['c4']);
  });
});
