import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Grade } from '../../../../../shared/api/schemas';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import {
  contentOf,
  ServerGradeStore,
} from '../../../../../renderer/core/store/server-grades';
import { openTestStore, type TestStore } from './test-store';

const NOW = new Date('2026-06-20T12:00:00.000Z');

function grade(overrides: Partial<Grade> = {}): Grade {
  return {
    copyId: 'c1',
    version: 2,
    status: 'draft',
    marks: { q1: 3, q2: 7 },
    comment: 'Revu par le jury',
    flags: [],
    annotations: [],
    updatedAt: '2026-06-20T11:00:00.000Z',
    updatedBy: 'grader-chef',
    ...overrides,
  };
}

describe('ServerGradeStore', () => {
  let store: TestStore;
  let grades: GradeStore;
  let serverGrades: ServerGradeStore;

  beforeEach(() => {
    store = openTestStore();
    grades = new GradeStore(store.db, store.cipher, () => NOW);
    serverGrades = new ServerGradeStore(store.db, store.cipher, () => NOW);
  });

  afterEach(() => {
    store.db.close();
  });

  /** Saves a local grade pushed at version 1, then `pending` unsynced. */
  async function localGrade(pending?: { comment: string }) {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 }, comment: 'moi' });
    await store.db.outbox.delete('c1');
    await store.db.grades.update('c1', { baseVersion: 1 });
    if (pending !== undefined) {
      await grades.saveGradeEdit('c1', pending);
    }
  }

  it("replaces an unedited grade with the server's", async () => {
    await localGrade();

    expect(await serverGrades.applyServerGrade(grade())).toBe('replaced');

    const local = await grades.readGrade('c1');
    expect(local?.marks).toEqual({ q1: 3, q2: 7 });
    expect(local?.baseVersion).toBe(2);
    const row = await store.db.grades.get('c1');
    expect(row?.serverChange?.version).toBe(2);
    expect(row?.serverChange?.receivedAt).toBe(NOW.toISOString());
    expect(row?.summary?.markedCount).toBe(2);
  });

  it('keeps a pending edit beside the server grade', async () => {
    await localGrade({ comment: 'en cours' });

    expect(await serverGrades.applyServerGrade(grade())).toBe('conflict');

    expect((await grades.readGrade('c1'))?.comment).toBe('en cours');
    const conflict = await serverGrades.readConflict('c1');
    expect(conflict?.serverVersion).toBe(2);
    expect(conflict?.source).toBe('pull');
    expect(conflict?.server.comment).toBe('Revu par le jury');
    expect((await store.db.outbox.get('c1'))?.parked?.reason).toBe('conflict');
  });

  it('leaves a grade already at that version', async () => {
    await localGrade();
    await store.db.grades.update('c1', { baseVersion: 2 });

    expect(await serverGrades.applyServerGrade(grade())).toBe('up-to-date');
    expect((await grades.readGrade('c1'))?.comment).toBe('moi');
  });

  it('parks the pending push on a 412 whatever its key', async () => {
    await localGrade({ comment: 'en cours' });

    await serverGrades.recordPushConflict(grade());

    const entry = await store.db.outbox.get('c1');
    expect(entry?.parked?.reason).toBe('conflict');
    expect(entry?.parked?.status).toBe(412);
    expect((await serverGrades.readConflict('c1'))?.source).toBe('push');
  });

  it('rebases only from the expected version', async () => {
    await localGrade();

    expect(await serverGrades.rebaseGrade('c1', null, 3)).toBe(false);
    expect(await serverGrades.rebaseGrade('c1', 1, 3)).toBe(true);
    const local = await grades.readGrade('c1');
    expect(local?.baseVersion).toBe(3);
    expect(local?.comment).toBe('moi');
  });

  it("resolving with the server's grade leaves nothing to push", async () => {
    await localGrade({ comment: 'en cours' });
    await serverGrades.applyServerGrade(grade());

    await serverGrades.resolveConflict('c1', 2, contentOf(grade()));

    expect(await store.db.outbox.get('c1')).toBeUndefined();
    expect(await serverGrades.readConflict('c1')).toBeNull();
    const local = await grades.readGrade('c1');
    expect(local?.baseVersion).toBe(2);
    expect(local?.comment).toBe('Revu par le jury');
  });

  it('resolving with a mix queues it over the server version', async () => {
    await localGrade({ comment: 'en cours' });
    await serverGrades.applyServerGrade(grade());
    const parkedKey = (await store.db.outbox.get('c1'))!.idempotencyKey;
    const chosen = { ...contentOf(grade()), comment: 'en cours' };

    await serverGrades.resolveConflict('c1', 2, chosen);

    const entry = await store.db.outbox.get('c1');
    expect(entry?.idempotencyKey).not.toBe(parkedKey);
    expect(entry?.parked ?? null).toBeNull();
    expect(entry?.sentAt).toBeNull();
    expect(entry?.afterUnconfirmedSend).toBe(false);
    const local = await grades.readGrade('c1');
    expect(local?.baseVersion).toBe(2);
    expect(local?.marks).toEqual({ q1: 3, q2: 7 });
    expect(local?.comment).toBe('en cours');
    expect(await store.db.conflicts.count()).toBe(0);
  });

  it('rejects a resolution of a conflict that changed', async () => {
    await localGrade({ comment: 'en cours' });
    await serverGrades.applyServerGrade(grade());
    await serverGrades.applyServerGrade(grade({ version: 3 }));

    await expect(
      serverGrades.resolveConflict('c1', 2, contentOf(grade())),
    ).rejects.toThrow('compare the versions again');

    expect((await serverGrades.readConflict('c1'))?.serverVersion).toBe(3);
    expect((await grades.readGrade('c1'))?.comment).toBe('en cours');
    expect((await store.db.outbox.get('c1'))?.parked?.reason).toBe('conflict');
  });

  it('dismisses the notice of a replaced grade', async () => {
    await localGrade();
    await serverGrades.applyServerGrade(grade());

    await serverGrades.dismissServerChange('c1');

    expect((await store.db.grades.get('c1'))?.serverChange).toBeNull();
    expect((await grades.readGrade('c1'))?.comment).toBe('Revu par le jury');
  });
});
