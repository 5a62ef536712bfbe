import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Change } from '../../../../../shared/api/schemas';
import {
  CHANGES_CURSOR_KEY,
  readChangesCursor,
} from '../../../../../renderer/core/assignments/changes-cursor';
import { StorageFullError } from '../../../../../renderer/core/download/scan-store';
import { fileReport } from '../../../../../renderer/core/reports/report-store';
import { pullChanges } from '../../../../../renderer/core/sync/pull-changes';
import {
  parseAttention,
  SCHEME_ATTENTION_KEY,
} from '../../../../../renderer/core/sync/scheme-attention';
import { scheme } from '../assignments/fake-server';
import {
  apiError,
  openSyncStore,
  StubServer,
  SUPERVISOR_ID,
  type SyncTestStore,
} from './sync-fixtures';

const NOW = new Date('2026-06-20T12:00:00.000Z');

describe('pullChanges', () => {
  let store: SyncTestStore;
  let server: StubServer;

  beforeEach(() => {
    store = openSyncStore(() => NOW);
    server = new StubServer();
  });

  afterEach(() => {
    store.db.close();
  });

  function pull() {
    return pullChanges({
      db: store.db,
      grades: store.grades,
      serverGrades: store.serverGrades,
      api: server,
      now: () => NOW,
    });
  }

  /** Stores the assignments as a first sync does, at cursor `c-1`. */
  async function syncedOnce(): Promise<void> {
    server.cursor = 'c-1';
    await pull();
    server.calls.length = 0;
  }

  let seq = 0;
  function change(kind: Change['kind'], fields: Partial<Change> = {}): Change {
    seq += 1;
    return { seq, kind, ...fields };
  }

  function queuePage(changes: Change[], cursor: string, more = false) {
    server.changePages.push({ changes, cursor, more });
  }

  /** Saves a grade and marks it as pushed at version 1, with no entry left. */
  async function syncedGrade(copyId: string, marks: Record<string, number>) {
    await store.grades.saveGradeEdit(copyId, { marks });
    await store.db.outbox.delete(copyId);
    await store.db.grades.update(copyId, { baseVersion: 1 });
  }

  it('reloads the assignments without a cursor', async () => {
    const summary = await pull();

    expect(summary.reloaded).toBe(true);
    expect(server.calls.map((call) => call.method)).toEqual([
      'getAssignments',
      'getBatch',
      'getChanges',
    ]);
    expect(await store.db.copies.count()).toBe(3);
    expect(await readChangesCursor(store.db)).toBe(server.cursor);
  });

  it('applies a page with its cursor', async () => {
    await syncedOnce();
    await syncedGrade('c1', { q1: 10 });
    server.writeAs(SUPERVISOR_ID, 'c1');
    server.writeAs(SUPERVISOR_ID, 'c1', { marks: { q1: 12 } });
    queuePage([change('grade-changed', { copyId: 'c1' })], 'c-7');

    const summary = await pull();

    expect(summary.changes).toBe(1);
    expect(summary.gradesReplaced).toEqual(['c1']);
    expect(summary.conflicts).toEqual([]);
    expect(await readChangesCursor(store.db)).toBe('c-7');
    const local = await store.grades.readGrade('c1');
    expect(local?.marks).toEqual({ q1: 12 });
    expect(local?.baseVersion).toBe(2);
    const row = await store.db.grades.get('c1');
    expect(row?.serverChange).toEqual({
      version: 2,
      updatedBy: SUPERVISOR_ID,
      updatedAt: server.grades.get('c1')!.updatedAt,
      receivedAt: NOW.toISOString(),
    });
    expect(row?.summary?.markedCount).toBe(1);
  });

  it('keeps grade and cursor when the page cannot be stored', async () => {
    await syncedOnce();
    await syncedGrade('c1', { q1: 10 });
    server.writeAs(SUPERVISOR_ID, 'c1');
    server.writeAs(SUPERVISOR_ID, 'c1', { marks: { q1: 12 } });
    queuePage([change('grade-changed', { copyId: 'c1' })], 'c-7');
    store.writeFailures.failWritesTo('kv');

    await expect(pull()).rejects.toBeInstanceOf(StorageFullError);

    store.writeFailures.table = null;
    expect(await readChangesCursor(store.db)).toBe('c-1');
    const local = await store.grades.readGrade('c1');
    expect(local?.marks).toEqual({ q1: 10 });
    expect(local?.baseVersion).toBe(1);
  });

  it('follows pages while the server has more', async () => {
    await syncedOnce();
    queuePage([change('batch-updated', { batchId: 'b1' })], 'c-2', true);
    queuePage([change('batch-updated', { batchId: 'b1' })], 'c-3', true);
    queuePage([], 'c-3', false);

    const summary = await pull();

    expect(summary.changes).toBe(2);
    const cursors = server.calls
      .filter((call) => call.method === 'getChanges')
      .map((call) => call.cursor);
    expect(cursors).toEqual(['c-1', 'c-2', 'c-3']);
    expect(await readChangesCursor(store.db)).toBe('c-3');
  });

  it('keeps pages applied before a failure', async () => {
    await syncedOnce();
    queuePage([change('batch-updated', { batchId: 'b1' })], 'c-2', true);
    server.changePages.push({ changes: [], cursor: 'c-9', more: false });
    let pages = 0;
    const original = server.getChanges.bind(server);
    server.getChanges = async (cursor: string) => {
      pages += 1;
      if (pages === 2) {
        throw apiError(503);
      }
      return original(cursor);
    };

    await expect(pull()).rejects.toMatchObject({ status: 503 });

    expect(await readChangesCursor(store.db)).toBe('c-2');
  });

  for (const status of [410, 400]) {
    it(`${status} reloads the assignments`, async () => {
      await syncedOnce();
      server.fail('getChanges', apiError(status));
      server.cursor = 'c-40';
      server.copies.push({ ...server.copies[0]!, id: 'c4' });

      const summary = await pull();

      expect(summary.reloaded).toBe(true);
      expect(server.calls.map((call) => call.method)).toEqual([
        'getChanges',
        'getAssignments',
        'getBatch',
        'getChanges',
      ]);
      expect(server.calls.at(-1)?.cursor).toBe('c-40');
      expect(await store.db.copies.get('c4')).toBeDefined();
      expect(await readChangesCursor(store.db)).toBe('c-40');
    });
  }

  it('raises a second 410 in one pull', async () => {
    await syncedOnce();
    server.fail('getChanges', apiError(410), apiError(410));

    await expect(pull()).rejects.toMatchObject({ status: 410 });
  });

  it('grade change with pending edits is a conflict', async () => {
    await syncedOnce();
    await syncedGrade('c1', { q1: 10 });
    await store.grades.saveGradeEdit('c1', { comment: 'En cours' });
    server.writeAs(SUPERVISOR_ID, 'c1');
    server.writeAs(SUPERVISOR_ID, 'c1', {
      marks: { q1: 14 },
      comment: 'Revu',
    });
    queuePage([change('grade-changed', { copyId: 'c1' })], 'c-2');

    const summary = await pull();

    expect(summary.conflicts).toEqual(['c1']);
    expect(summary.gradesReplaced).toEqual([]);
    const local = await store.grades.readGrade('c1');
    expect(local?.comment).toBe('En cours');
    expect(local?.marks).toEqual({ q1: 10 });
    const conflict = await store.serverGrades.readConflict('c1');
    expect(conflict?.serverVersion).toBe(2);
    expect(conflict?.source).toBe('pull');
    expect(conflict?.server.marks).toEqual({ q1: 14 });
    expect(conflict?.server.comment).toBe('Revu');
    const entry = await store.db.outbox.get('c1');
    expect(entry?.parked?.reason).toBe('conflict');
    expect(entry?.parked?.detail).toContain(SUPERVISOR_ID);
  });

  it('ignores a grade the local base already has', async () => {
    await syncedOnce();
    await syncedGrade('c1', { q1: 10 });
    server.writeAs(SUPERVISOR_ID, 'c1', { marks: { q1: 2 } });
    queuePage([change('grade-changed', { copyId: 'c1' })], 'c-2');

    const summary = await pull();

    expect(summary.gradesReplaced).toEqual([]);
    expect(summary.conflicts).toEqual([]);
    expect((await store.grades.readGrade('c1'))?.marks).toEqual({ q1: 10 });
    expect(await readChangesCursor(store.db)).toBe('c-2');
  });

  it('reads each changed grade once', async () => {
    await syncedOnce();
    server.writeAs(SUPERVISOR_ID, 'c1');
    server.writeAs(SUPERVISOR_ID, 'c2');
    queuePage(
      [
        change('grade-changed', { copyId: 'c1' }),
        change('grade-changed', { copyId: 'c2' }),
        change('grade-changed', { copyId: 'c1' }),
      ],
      'c-2',
    );

    const summary = await pull();

    const reads = server.calls.filter((call) => call.method === 'getGrade');
    expect(reads.map((call) => call.copyId).sort()).toEqual(['c1', 'c2']);
    expect(summary.gradesReplaced.sort()).toEqual(['c1', 'c2']);
  });

  it('removes a withdrawn copy with nothing unsynced', async () => {
    await syncedOnce();
    await syncedGrade('c2', { q1: 8 });
    server.copies = server.copies.filter((row) => row.id !== 'c2');
    queuePage(
      [change('copy-withdrawn', { copyId: 'c2', batchId: 'b1' })],
      'c-2',
    );

    const summary = await pull();

    expect(summary.removedCopies).toEqual(['c2']);
    expect(summary.keptWithdrawnCopies).toEqual([]);
    expect(await store.db.copies.get('c2')).toBeUndefined();
    expect(await store.db.grades.get('c2')).toBeUndefined();
    expect(await store.db.copies.get('c1')).toBeDefined();
  });

  it('keeps a withdrawn copy with a pending edit', async () => {
    await syncedOnce();
    await store.grades.saveGradeEdit('c3', { marks: { q1: 6 } });
    server.copies = server.copies.filter((row) => row.id !== 'c3');
    queuePage(
      [change('copy-withdrawn', { copyId: 'c3', batchId: 'b1' })],
      'c-2',
    );

    const summary = await pull();

    expect(summary.removedCopies).toEqual([]);
    expect(summary.keptWithdrawnCopies).toEqual(['c3']);
    const copy = await store.db.copies.get('c3');
    expect(copy?.withdrawnAt).toBe(NOW.toISOString());
    expect((await store.grades.readGrade('c3'))?.marks).toEqual({ q1: 6 });
    expect(await store.db.outbox.get('c3')).toBeDefined();
  });

  it('keeps a withdrawn copy with a conflict or a report', async () => {
    await syncedOnce();
    await syncedGrade('c1', { q1: 2 });
    await store.db.conflicts.put({
      copyId: 'c1',
      serverVersion: 2,
      server: { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(4) },
      source: 'pull',
      detectedAt: NOW.toISOString(),
    });
    await fileReport(store.db, {
      copyId: 'c2',
      kind: 'missing-page',
      pages: [2],
      note: '',
    });
    server.copies = server.copies.filter((row) => row.id === 'c3');
    queuePage(
      [
        change('copy-withdrawn', { copyId: 'c1', batchId: 'b1' }),
        change('copy-withdrawn', { copyId: 'c2', batchId: 'b1' }),
      ],
      'c-2',
    );

    const summary = await pull();

    expect(summary.keptWithdrawnCopies).toEqual(['c1', 'c2']);
    expect(summary.removedCopies).toEqual([]);
  });

  it('names batches with added or rescanned copies', async () => {
    await syncedOnce();
    server.copies.push({ ...server.copies[0]!, id: 'c4' });
    server.copies[1] = { ...server.copies[1]!, revision: 2 };
    queuePage(
      [
        change('copy-added', { copyId: 'c4', batchId: 'b1' }),
        change('copy-rescanned', { copyId: 'c2', batchId: 'b1' }),
      ],
      'c-2',
    );

    const summary = await pull();

    expect(summary.batchesWithNewScans).toEqual(['b1']);
    expect((await store.db.copies.get('c2'))?.revision).toBe(2);
    expect(await store.db.copies.get('c4')).toBeDefined();
  });

  it('lists grades a changed scheme rejects', async () => {
    server.schemes = [
      scheme('sch1', {
        questions: [
          { id: 'q1', label: 'Question 1', maxPoints: 20, step: 0.5 },
        ],
      }),
    ];
    await syncedOnce();
    await syncedGrade('c1', { q1: 15 });
    await syncedGrade('c2', { q1: 5 });
    await store.grades.saveGradeEdit('c3', {
      status: 'final',
      marks: { q1: 4 },
    });
    server.schemes = [
      scheme('sch1', {
        version: 2,
        questions: [
          { id: 'q1', label: 'Question 1', maxPoints: 10, step: 0.5 },
          { id: 'q2', label: 'Question 2', maxPoints: 10, step: 1 },
        ],
      }),
    ];
    queuePage([change('scheme-updated', { schemeId: 'sch1' })], 'c-2');

    const summary = await pull();

    const byCopy = new Map(
      summary.attention.map((item) => [item.copyId, item]),
    );
    expect([...byCopy.keys()].sort()).toEqual(['c1', 'c3']);
    expect(byCopy.get('c1')?.questionIds).toEqual(['q1']);
    expect(byCopy.get('c3')?.questionIds).toEqual(['q2']);
    expect(byCopy.get('c1')?.schemeVersion).toBe(2);
    expect(byCopy.get('c1')?.detectedAt).toBe(NOW.toISOString());
    const stored = parseAttention(
      (await store.db.kv.get(SCHEME_ATTENTION_KEY))?.value,
    );
    expect(stored).toEqual(summary.attention);
    expect((await store.db.schemes.get('sch1'))?.version).toBe(2);
  });

  it('replaces the attention list of a scheme changed again', async () => {
    await store.db.kv.put({
      key: SCHEME_ATTENTION_KEY,
      value: [
        {
          copyId: 'old',
          schemeId: 'other',
          schemeVersion: 3,
          questionIds: ['q9'],
          detectedAt: NOW.toISOString(),
        },
        {
          copyId: 'c1',
          schemeId: 'sch1',
          schemeVersion: 1,
          questionIds: ['q1'],
          detectedAt: NOW.toISOString(),
        },
      ],
    });
    await syncedOnce();
    await syncedGrade('c1', { q1: 4 });
    queuePage([change('scheme-updated', { schemeId: 'sch1' })], 'c-2');

    const summary = await pull();

    expect(summary.attention).toEqual([]);
    const stored = parseAttention(
      (await store.db.kv.get(SCHEME_ATTENTION_KEY))?.value,
    );
    expect(stored.map((item) => item.copyId)).toEqual(['old']);
  });

  it('stores the cursor of a page without changes', async () => {
    await syncedOnce();
    queuePage([], 'c-5');

    const summary = await pull();

    expect(summary.changes).toBe(0);
    expect(await readChangesCursor(store.db)).toBe('c-5');
    expect((await store.db.kv.get(CHANGES_CURSOR_KEY))?.value).toBe('c-5');
  });
});
