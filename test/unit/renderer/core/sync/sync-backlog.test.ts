import 'fake-indexeddb/auto';

import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Grade } from '../../../../../shared/api/schemas';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import {
  completeOutboxEntry,
  markOutboxEntrySent,
  parkOutboxEntry,
} from '../../../../../renderer/core/store/outbox';
import { ServerGradeStore } from '../../../../../renderer/core/store/server-grades';
import {
  countUnsynced,
  readSyncBacklog,
  type SyncBacklog,
} from '../../../../../renderer/core/sync/sync-backlog';
import { batch } from '../assignments/fake-server';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';

let store: TestStore;
let grades: GradeStore;
let serverGrades: ServerGradeStore;
let clock: Date;

function at(iso: string): void {
  clock = new Date(iso);
}

/** Parks the copy's pending push as the sync engine does after a response. */
async function park(
  copyId: string,
  reason: 'locked' | 'invalid',
  status: number,
  detail: string,
): Promise<void> {
  const entry = await markOutboxEntrySent(store.db, copyId, clock);
  await parkOutboxEntry(store.db, copyId, entry!.idempotencyKey, {
    reason,
    status,
    detail,
    parkedAt: clock.toISOString(),
  });
}

function serverGrade(copyId: string, version: number): Grade {
  return {
    copyId,
    version,
    status: 'final',
    marks: { q1: 12 },
    comment: '',
    flags: [],
    annotations: [],
    updatedAt: clock.toISOString(),
    updatedBy: 'chef',
  };
}

beforeEach(async () => {
  store = openTestStore();
  at('2026-06-20T10:00:00.000Z');
  grades = new GradeStore(store.db, store.cipher, () => clock);
  serverGrades = new ServerGradeStore(store.db, store.cipher, () => clock);
  await store.db.batches.bulkPut([
    batch('b1', { title: 'Lot 1' }),
    batch('b2', { title: 'Lot 2' }),
  ]);
  await store.db.copies.bulkPut([
    copyRow('c1', { anonymousCode: 'A001' }),
    copyRow('c2', { anonymousCode: 'A002' }),
    copyRow('c3', { anonymousCode: 'A003' }),
    copyRow('c4', { batchId: 'b2', anonymousCode: 'B001' }),
  ]);
});

afterEach(() => {
  store.db.close();
});

describe('readSyncBacklog', () => {
  it('is empty for an empty store', async () => {
    expect(await readSyncBacklog(store.db)).toEqual({
      pending: 0,
      oldestPendingAt: null,
      parked: [],
      conflicts: [],
      problems: [],
    });
  });

  it('counts pending pushes from the oldest', async () => {
    at('2026-06-20T10:00:00.000Z');
    await grades.saveGradeEdit('c2', { marks: { q1: 2 } });
    at('2026-06-20T10:05:00.000Z');
    await grades.saveGradeEdit('c1', { marks: { q1: 3 } });
    // A later edit of the first copy keeps its place in the queue.
    at('2026-06-20T10:07:00.000Z');
    await grades.saveGradeEdit('c2', { marks: { q1: 4 } });

    const backlog = await readSyncBacklog(store.db);

    expect(backlog.pending).toBe(2);
    expect(backlog.oldestPendingAt).toBe('2026-06-20T10:00:00.000Z');
    expect(backlog.problems).toEqual([]);
  });

  it('leaves a pushed grade out', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 3 } });
    const entry = await markOutboxEntrySent(store.db, 'c1', clock);
    await completeOutboxEntry(store.db, 'c1', entry!.idempotencyKey, 1);

    const backlog = await readSyncBacklog(store.db);

    expect(backlog.pending).toBe(0);
    expect(backlog.oldestPendingAt).toBeNull();
  });

  it('lists a parked push as a problem with its copy', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 3 } });
    at('2026-06-20T11:00:00.000Z');
    await grades.saveGradeEdit('c4', { marks: { q1: 5 } });
    await park('c4', 'locked', 423, 'Batch "b2" is closed');

    const backlog = await readSyncBacklog(store.db);

    expect(backlog.pending).toBe(1);
    expect(backlog.oldestPendingAt).toBe('2026-06-20T10:00:00.000Z');
    expect(backlog.parked.map((push) => push.copyId)).toEqual(['c4']);
    expect(backlog.problems).toEqual([
      {
        copyId: 'c4',
        batchId: 'b2',
        batchTitle: 'Lot 2',
        anonymousCode: 'B001',
        reason: 'locked',
        status: 423,
        detail: 'Batch "b2" is closed',
        since: '2026-06-20T11:00:00.000Z',
      },
    ]);
  });

  it('counts a conflict once with its parked push', async () => {
    await grades.saveGradeEdit('c2', { marks: { q1: 3 } });
    at('2026-06-20T10:30:00.000Z');
    expect(await serverGrades.applyServerGrade(serverGrade('c2', 2))).toBe(
      'conflict',
    );

    const backlog = await readSyncBacklog(store.db);

    expect(backlog.pending).toBe(0);
    expect(backlog.conflicts).toEqual(['c2']);
    expect(backlog.problems).toHaveLength(1);
    expect(backlog.problems[0]).toMatchObject({
      copyId: 'c2',
      anonymousCode: 'A002',
      reason: 'conflict',
      status: 412,
      since: '2026-06-20T10:30:00.000Z',
    });
  });

  it('lists a conflict without a parked push', async () => {
    await store.db.conflicts.put({
      copyId: 'c3',
      serverVersion: 4,
      server: { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(8) },
      source: 'pull',
      detectedAt: '2026-06-20T09:00:00.000Z',
    });

    const [problem] = (await readSyncBacklog(store.db)).problems;

    expect(problem).toEqual({
      copyId: 'c3',
      batchId: 'b1',
      batchTitle: 'Lot 1',
      anonymousCode: 'A003',
      reason: 'conflict',
      status: null,
      detail: null,
      since: '2026-06-20T09:00:00.000Z',
    });
  });

  it('orders problems oldest first', async () => {
    at('2026-06-20T12:00:00.000Z');
    await grades.saveGradeEdit('c1', { marks: { q1: 3 } });
    await park('c1', 'invalid', 422, 'q1: 3.3 is not a multiple of 0.5');
    at('2026-06-20T08:00:00.000Z');
    await grades.saveGradeEdit('c3', { marks: { q1: 3 } });
    await park('c3', 'locked', 423, 'closed');

    const backlog = await readSyncBacklog(store.db);

    expect(backlog.problems.map((problem) => problem.copyId)).toEqual([
      'c3',
      'c1',
    ]);
  });

  it('names no batch for a copy no longer stored', async () => {
    await grades.saveGradeEdit('gone', { marks: { q1: 1 } });
    await park('gone', 'locked', 423, 'closed');

    const [problem] = (await readSyncBacklog(store.db)).problems;

    expect(problem?.copyId).toBe('gone');
    expect(problem?.batchId).toBeNull();
    expect(problem?.anonymousCode).toBeNull();
  });

  it('follows edits in a live query', async () => {
    const seen: SyncBacklog[] = [];
    const subscription = liveQuery(() => readSyncBacklog(store.db)).subscribe(
      (backlog) => seen.push(backlog),
    );
    await expect.poll(() => seen.length).toBe(1);

    await grades.saveGradeEdit('c1', { marks: { q1: 3 } });
    await expect.poll(() => seen.at(-1)?.pending).toBe(1);

    await park('c1', 'locked', 423, 'closed');
    await expect.poll(() => seen.at(-1)?.problems.length).toBe(1);
    subscription.unsubscribe();

    expect(seen.at(-1)?.pending).toBe(0);
  });
});

describe('countUnsynced', () => {
  it('counts pending, parked and conflicting copies once each', async () => {
    expect(await countUnsynced(store.db)).toBe(0);

    await grades.saveGradeEdit('c1', { marks: { q1: 3 } });
    await grades.saveGradeEdit('c2', { marks: { q1: 3 } });
    await park('c2', 'locked', 423, 'closed');
    await grades.saveGradeEdit('c3', { marks: { q1: 3 } });
    await serverGrades.applyServerGrade(serverGrade('c3', 2));

    expect(await countUnsynced(store.db)).toBe(3);
  });
});
