import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { PROBLEM_TYPES } from '../../../../../shared/api/schemas';
import { NetworkError } from '../../../../../renderer/core/api/errors';
import type { LocalGrade } from '../../../../../renderer/core/store/grades';
import type { GradeRow } from '../../../../../renderer/core/store/rows';
import {
  pushGrade,
  type PushContext,
} from '../../../../../renderer/core/sync/push-grade';
import {
  apiError,
  GRADER_ID,
  openSyncStore,
  StubServer,
  SUPERVISOR_ID,
  type SyncTestStore,
} from './sync-fixtures';

const NOW = new Date('2026-06-20T10:00:00.000Z');
const EDIT = { marks: { q1: 3.5 }, comment: 'Bien construit' };

describe('pushGrade', () => {
  let store: SyncTestStore;
  let server: StubServer;
  let context: PushContext;

  beforeEach(() => {
    store = openSyncStore();
    server = new StubServer();
    context = {
      db: store.db,
      grades: store.grades,
      serverGrades: store.serverGrades,
      api: server,
      graderId: GRADER_ID,
      now: () => NOW,
    };
  });

  afterEach(() => {
    store.db.close();
  });

  async function entryOf(copyId = 'c1') {
    return store.db.outbox.get(copyId);
  }

  it('stores a first write and removes the entry', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    const key = (await entryOf())!.idempotencyKey;

    const outcome = await pushGrade(context, 'c1');

    expect(outcome).toEqual({ kind: 'stored', version: 1, removed: true });
    const [call] = server.putCalls();
    expect(call?.options?.baseVersion).toBeNull();
    expect(call?.options?.idempotencyKey).toBe(key);
    expect(call?.body?.marks).toEqual(EDIT.marks);
    expect(call?.body?.comment).toBe(EDIT.comment);
    expect(await entryOf()).toBeUndefined();
    expect((await store.grades.readGrade('c1'))?.baseVersion).toBe(1);
  });

  it('sends the next write from the stored version', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    await pushGrade(context, 'c1');
    await store.grades.saveGradeEdit('c1', { comment: 'Relu' });

    const outcome = await pushGrade(context, 'c1');

    expect(outcome).toEqual({ kind: 'stored', version: 2, removed: true });
    expect(server.putCalls()[1]?.options?.baseVersion).toBe(1);
    expect(server.grades.get('c1')?.comment).toBe('Relu');
  });

  it('keeps an entry edited during the request', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    const sentKey = (await entryOf())!.idempotencyKey;
    server.beforeWrite = async () => {
      server.beforeWrite = null;
      await store.grades.saveGradeEdit('c1', { comment: 'Ajout' });
    };

    const outcome = await pushGrade(context, 'c1');

    expect(outcome).toEqual({ kind: 'stored', version: 1, removed: false });
    const entry = await entryOf();
    expect(entry?.idempotencyKey).not.toBe(sentKey);
    expect(entry?.sentAt).toBeNull();
    expect(entry?.afterUnconfirmedSend).toBe(true);
    const local = await store.grades.readGrade('c1');
    expect(local?.baseVersion).toBe(1);
    expect(local?.comment).toBe('Ajout');
    expect(server.grades.get('c1')?.comment).toBe(EDIT.comment);
  });

  it('never sends an edit under the key it replaced', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    const oldKey = (await entryOf())!.idempotencyKey;
    // The edit lands after the entry is marked sent and its grade row read,
    // before the request: the old key must carry the old body only.
    let edited = false;
    context.grades = {
      decryptGrade: async (row: GradeRow): Promise<LocalGrade> => {
        if (!edited) {
          edited = true;
          await store.grades.saveGradeEdit(row.copyId, { comment: 'Ajout' });
        }
        return store.grades.decryptGrade(row);
      },
    };

    const first = await pushGrade(context, 'c1');
    const second = await pushGrade(context, 'c1');

    const underOldKey = server
      .putCalls()
      .filter((call) => call.options?.idempotencyKey === oldKey);
    expect(underOldKey.map((call) => call.body?.comment)).toEqual([
      EDIT.comment,
    ]);
    expect(first).toEqual({ kind: 'stored', version: 1, removed: false });
    expect(second).toEqual({ kind: 'stored', version: 2, removed: true });
    expect(server.grades.get('c1')?.comment).toBe('Ajout');
    expect(await entryOf()).toBeUndefined();
  });

  it('skips a copy without entry', async () => {
    expect(await pushGrade(context, 'c1')).toEqual({ kind: 'skipped' });
    expect(server.calls).toEqual([]);
  });

  it('skips a parked entry', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    const entry = (await entryOf())!;
    await store.db.outbox.put({
      ...entry,
      parked: {
        reason: 'locked',
        status: 423,
        detail: 'closed',
        parkedAt: NOW.toISOString(),
      },
    });

    expect(await pushGrade(context, 'c1')).toEqual({ kind: 'skipped' });
    expect(server.calls).toEqual([]);
    expect((await entryOf())?.attempts).toBe(0);
  });

  it("412 keeps the server's version as a conflict", async () => {
    server.writeAs(SUPERVISOR_ID, 'c1', {
      marks: { q1: 1 },
      comment: 'Avis du jury',
    });
    await store.grades.saveGradeEdit('c1', EDIT);

    const outcome = await pushGrade(context, 'c1');

    expect(outcome).toEqual({
      kind: 'parked',
      reason: 'conflict',
      status: 412,
    });
    const entry = await entryOf();
    expect(entry?.parked?.reason).toBe('conflict');
    expect(entry?.parked?.detail).toContain(SUPERVISOR_ID);
    const conflict = await store.serverGrades.readConflict('c1');
    expect(conflict?.serverVersion).toBe(1);
    expect(conflict?.source).toBe('push');
    expect(conflict?.server.comment).toBe('Avis du jury');
    expect(conflict?.server.updatedBy).toBe(SUPERVISOR_ID);
    const local = await store.grades.readGrade('c1');
    expect(local?.comment).toBe(EDIT.comment);
    expect(local?.baseVersion).toBeNull();
  });

  it('rebases on its own unconfirmed write', async () => {
    await store.grades.saveGradeEdit('c1', { comment: 'premier jet' });
    server.fail('putGrade', new NetworkError('cut after the request'));
    // The first write reaches the server, and its response is lost.
    server.beforeWrite = async (copyId) => {
      server.beforeWrite = null;
      server.writeAs(GRADER_ID, copyId, { comment: 'premier jet' });
    };
    await expect(pushGrade(context, 'c1')).rejects.toThrow(NetworkError);
    await store.grades.saveGradeEdit('c1', EDIT);
    const replacedKey = (await entryOf())!.idempotencyKey;

    const outcome = await pushGrade(context, 'c1');

    expect(outcome).toEqual({ kind: 'retry', why: 'rebased' });
    const entry = await entryOf();
    expect(entry?.idempotencyKey).not.toBe(replacedKey);
    expect(entry?.sentAt).toBeNull();
    expect(entry?.parked ?? null).toBeNull();
    expect((await store.grades.readGrade('c1'))?.baseVersion).toBe(1);
    expect(await store.serverGrades.readConflict('c1')).toBeNull();

    const retried = await pushGrade(context, 'c1');

    expect(retried).toEqual({ kind: 'stored', version: 2, removed: true });
    expect(server.grades.get('c1')?.comment).toBe(EDIT.comment);
  });

  it("another grader's write is a conflict after a lost response", async () => {
    await store.grades.saveGradeEdit('c1', { comment: 'premier jet' });
    server.fail('putGrade', new NetworkError('cut before the request'));
    await expect(pushGrade(context, 'c1')).rejects.toThrow(NetworkError);
    await store.grades.saveGradeEdit('c1', EDIT);
    server.writeAs(SUPERVISOR_ID, 'c1', { comment: 'Avis du jury' });

    const outcome = await pushGrade(context, 'c1');

    expect(outcome).toEqual({
      kind: 'parked',
      reason: 'conflict',
      status: 412,
    });
    expect(await store.serverGrades.readConflict('c1')).not.toBeNull();
  });

  it('reused key gets a new key', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    const reusedKey = (await entryOf())!.idempotencyKey;
    server.fail(
      'putGrade',
      apiError(422, { type: PROBLEM_TYPES.idempotencyKeyReused }),
    );

    const outcome = await pushGrade(context, 'c1');

    expect(outcome).toEqual({ kind: 'retry', why: 'new-key' });
    const entry = await entryOf();
    expect(entry?.idempotencyKey).not.toBe(reusedKey);
    expect(entry?.sentAt).toBeNull();
    expect(entry?.parked ?? null).toBeNull();
  });

  const refusals = [
    { status: 422, reason: 'invalid', type: PROBLEM_TYPES.invalidGrade },
    { status: 423, reason: 'locked', type: PROBLEM_TYPES.locked },
    { status: 404, reason: 'withdrawn', type: PROBLEM_TYPES.notFound },
    { status: 400, reason: 'rejected', type: PROBLEM_TYPES.badRequest },
    { status: 409, reason: 'rejected', type: PROBLEM_TYPES.conflict },
  ] as const;
  for (const { status, reason, type } of refusals) {
    it(`${status} parks the entry as ${reason}`, async () => {
      await store.grades.saveGradeEdit('c1', EDIT);
      const key = (await entryOf())!.idempotencyKey;
      server.fail(
        'putGrade',
        apiError(status, { type, detail: `refused with ${status}` }),
      );

      const outcome = await pushGrade(context, 'c1');

      expect(outcome).toEqual({ kind: 'parked', reason, status });
      const entry = await entryOf();
      expect(entry?.idempotencyKey).toBe(key);
      expect(entry?.parked).toEqual({
        reason,
        status,
        detail: `refused with ${status}`,
        parkedAt: NOW.toISOString(),
      });
      expect((await store.grades.readGrade('c1'))?.comment).toBe(EDIT.comment);
    });
  }

  // A 401 reaches the push only when the request failed again after a
  // token refresh: the sign-in, not the grade, is at fault.
  const retryable = [500, 502, 503, 429, 408, 401];
  for (const status of retryable) {
    it(`${status} is raised and keeps the key`, async () => {
      await store.grades.saveGradeEdit('c1', EDIT);
      const key = (await entryOf())!.idempotencyKey;
      server.fail('putGrade', apiError(status));

      await expect(pushGrade(context, 'c1')).rejects.toMatchObject({ status });

      const entry = await entryOf();
      expect(entry?.idempotencyKey).toBe(key);
      expect(entry?.parked ?? null).toBeNull();
      expect(entry?.attempts).toBe(1);
      expect(entry?.lastError).toContain(String(status));
    });
  }

  it('network failure keeps the key', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    const key = (await entryOf())!.idempotencyKey;
    server.fail('putGrade', new NetworkError('connection refused'));

    await expect(pushGrade(context, 'c1')).rejects.toThrow(NetworkError);
    const retried = await pushGrade(context, 'c1');

    expect(retried.kind).toBe('stored');
    const [failed, sent] = server.putCalls();
    expect(failed?.options?.idempotencyKey).toBe(key);
    expect(sent?.options?.idempotencyKey).toBe(key);
    expect(sent?.body).toEqual(failed?.body);
  });

  it('records the network failure on the entry', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    server.fail('putGrade', new NetworkError('connection refused'));

    await expect(pushGrade(context, 'c1')).rejects.toThrow(NetworkError);

    const entry = await entryOf();
    expect(entry?.lastError).toBe('NetworkError: connection refused');
    expect(entry?.sentAt).toBe(NOW.toISOString());
  });

  it('parks an entry whose grade is missing', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    await store.db.grades.delete('c1');

    const outcome = await pushGrade(context, 'c1');

    expect(outcome).toEqual({ kind: 'parked', reason: 'rejected', status: 0 });
    expect(server.calls).toEqual([]);
    expect((await entryOf())?.parked?.detail).toBe(
      'the local grade is missing',
    );
  });

  it('refusal of a replaced key leaves the new entry', async () => {
    await store.grades.saveGradeEdit('c1', EDIT);
    server.beforeWrite = async () => {
      server.beforeWrite = null;
      await store.grades.saveGradeEdit('c1', { marks: { q1: 4 } });
    };
    server.fail(
      'putGrade',
      apiError(422, { type: PROBLEM_TYPES.invalidGrade }),
    );

    await pushGrade(context, 'c1');

    const entry = await entryOf();
    expect(entry?.parked ?? null).toBeNull();
    expect(entry?.sentAt).toBeNull();
  });
});
