import 'fake-indexeddb/auto';

import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { StorageFullError } from '../../../../../renderer/core/download/scan-store';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import {
  completeOutboxEntry,
  markOutboxEntrySent,
  readOutbox,
} from '../../../../../renderer/core/store/outbox';
import type { GradeRow } from '../../../../../renderer/core/store/rows';
import {
  containsBytes,
  openTestStore,
  readRawRow,
  type TestStore,
} from './test-store';

let store: TestStore;
let grades: GradeStore;
let clock: number;

beforeEach(() => {
  store = openTestStore();
  clock = Date.parse('2026-06-20T10:00:00.000Z');
  grades = new GradeStore(store.db, store.cipher, () => {
    clock += 1000;
    return new Date(clock);
  });
});

afterEach(() => {
  store.db.close();
});

describe('GradeStore', () => {
  it('returns null for an unmarked copy', async () => {
    expect(await grades.readGrade('c1')).toBeNull();
  });

  it('saves and reads back an edit', async () => {
    const annotation = {
      id: 'n1',
      page: 2,
      kind: 'tick',
      geometry: [0.5, 0.25],
    };

    await grades.saveGradeEdit('c1', {
      marks: { q1: 3.5 },
      comment: 'Bonne introduction',
      flags: ['illegible'],
      annotations: [annotation],
    });

    expect(await grades.readGrade('c1')).toEqual({
      copyId: 'c1',
      baseVersion: null,
      updatedAt: '2026-06-20T10:00:01.000Z',
      status: 'draft',
      marks: { q1: 3.5 },
      comment: 'Bonne introduction',
      flags: ['illegible'],
      annotations: [annotation],
    });
  });

  it('keeps fields an edit leaves out', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 2 }, comment: 'Clair' });

    const saved = await grades.saveGradeEdit('c1', { status: 'final' });

    expect(saved.marks).toEqual({ q1: 2 });
    expect(saved.comment).toBe('Clair');
    expect(saved.status).toBe('final');
    expect((await grades.readGrade('c1'))?.status).toBe('final');
  });

  it('keeps no clear marks in IndexedDB', async () => {
    await grades.saveGradeEdit('c1', { comment: 'Remarquable copie' });

    const raw = (await readRawRow(store.db.name, 'grades', 'c1')) as GradeRow;
    const stored = new Uint8Array(raw.content.ciphertext);

    expect(raw.content.iv.byteLength).toBe(12);
    expect(containsBytes(stored, new TextEncoder().encode('Remarquable'))).toBe(
      false,
    );
    expect(JSON.stringify(Object.keys(raw).sort())).not.toContain('marks');
  });

  it('keeps a summary without points in clear', async () => {
    await grades.saveGradeEdit('c1', {
      marks: { q1: 3.5, q2: 0 },
      comment: '  ',
      flags: ['illegible'],
    });

    const raw = (await readRawRow(store.db.name, 'grades', 'c1')) as GradeRow;

    expect(raw.summary).toEqual({
      status: 'draft',
      flags: ['illegible'],
      markedCount: 2,
      annotationCount: 0,
      hasComment: false,
    });
    expect(JSON.stringify(raw.summary)).not.toContain('3.5');
  });

  it('fills in summaries missing from older rows', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 }, status: 'final' });
    await grades.saveGradeEdit('c2', { comment: 'Vu' });
    await store.db.grades.toCollection().modify((row: GradeRow) => {
      delete row.summary;
    });

    const filled = await grades.addMissingSummaries();

    expect(filled).toBe(2);
    expect((await store.db.grades.get('c1'))?.summary?.status).toBe('final');
    expect((await store.db.grades.get('c2'))?.summary?.hasComment).toBe(true);
    expect(await grades.addMissingSummaries()).toBe(0);
  });

  it('creates one outbox entry with a UUID key', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });

    const outbox = await readOutbox(store.db);

    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      copyId: 'c1',
      createdAt: '2026-06-20T10:00:01.000Z',
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
    expect(outbox[0]?.idempotencyKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('coalesces unsent edits into one entry', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    const [first] = await readOutbox(store.db);

    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });
    await grades.saveGradeEdit('c1', { marks: { q1: 3 } });

    const outbox = await readOutbox(store.db);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(outbox[0]?.createdAt).toBe(first?.createdAt);
    expect(outbox[0]?.updatedAt).toBe('2026-06-20T10:00:03.000Z');
  });

  it('gives a new key after the entry was sent', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    const sent = await markOutboxEntrySent(store.db, 'c1');
    await store.db.outbox.update('c1', { lastError: 'network failed' });

    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });

    const [entry] = await readOutbox(store.db);
    expect(entry?.idempotencyKey).not.toBe(sent?.idempotencyKey);
    expect(entry?.sentAt).toBeNull();
    expect(entry?.attempts).toBe(0);
    expect(entry?.lastError).toBeNull();
    expect(entry?.createdAt).toBe('2026-06-20T10:00:02.000Z');
  });

  it('starts the next edit from the pushed version', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    const sent = await markOutboxEntrySent(store.db, 'c1');
    await completeOutboxEntry(store.db, 'c1', sent?.idempotencyKey ?? '', 7);

    const saved = await grades.saveGradeEdit('c1', { comment: 'Revu' });

    expect(saved.baseVersion).toBe(7);
    expect((await grades.readGrade('c1'))?.baseVersion).toBe(7);
    expect(await readOutbox(store.db)).toHaveLength(1);
  });

  it('reads the outbox oldest first', async () => {
    await grades.saveGradeEdit('c2', { marks: { q1: 1 } });
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    await grades.saveGradeEdit('c3', { marks: { q1: 1 } });
    await grades.saveGradeEdit('c2', { marks: { q1: 2 } });

    const outbox = await readOutbox(store.db);

    expect(outbox.map((entry) => entry.copyId)).toEqual(['c2', 'c1', 'c3']);
  });

  it('applies simultaneous edits in order', async () => {
    const questions = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
    const comments = questions.map((question) => `note ${question}`);

    await Promise.all(
      comments.map((comment) => grades.saveGradeEdit('c1', { comment })),
    );

    const row = await store.db.grades.get('c1');
    expect(row?.editCount).toBe(comments.length);
    expect((await grades.readGrade('c1'))?.comment).toBe('note q6');
    expect(await readOutbox(store.db)).toHaveLength(1);
  });

  it('retries after an edit from another tab', async () => {
    const otherTab = new GradeStore(store.db, store.cipher);

    await Promise.all([
      grades.saveGradeEdit('c1', { marks: { q1: 1 } }),
      otherTab.saveGradeEdit('c1', { comment: 'autre onglet' }),
    ]);

    const grade = await grades.readGrade('c1');
    expect(grade?.marks).toEqual({ q1: 1 });
    expect(grade?.comment).toBe('autre onglet');
    expect((await store.db.grades.get('c1'))?.editCount).toBe(2);
  });

  it('continues after a failed edit', async () => {
    store.writeFailures.failWritesTo('grades');
    const failed = grades.saveGradeEdit('c1', { comment: 'perdu' });
    await expect(failed).rejects.toBeInstanceOf(StorageFullError);
    store.writeFailures.table = null;

    await grades.saveGradeEdit('c1', { comment: 'gardé' });

    expect((await grades.readGrade('c1'))?.comment).toBe('gardé');
  });
});

describe('GradeStore live queries', () => {
  it('updates the pending count on each edit', async () => {
    const counts: number[] = [];
    const pending = liveQuery(() => store.db.outbox.count());
    const subscription = pending.subscribe((count) => counts.push(count));

    await expect.poll(() => counts).toEqual([0]);
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    await expect.poll(() => counts).toEqual([0, 1]);
    await grades.saveGradeEdit('c2', { marks: { q1: 1 } });
    await expect.poll(() => counts).toEqual([0, 1, 2]);
    subscription.unsubscribe();
  });
});

describe('GradeStore failed writes', () => {
  it('stores neither grade nor entry when the outbox fails', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    const before = await readOutbox(store.db);
    store.writeFailures.failWritesTo('outbox');

    const failure = grades.saveGradeEdit('c1', { marks: { q1: 4 } });

    await expect(failure).rejects.toBeInstanceOf(StorageFullError);
    await expect(failure).rejects.toThrow(
      'Not enough storage space to save the grade of copy c1',
    );
    expect((await grades.readGrade('c1'))?.marks).toEqual({ q1: 1 });
    expect(await readOutbox(store.db)).toEqual(before);
  });

  it('stores no grade for a first edit that fails', async () => {
    store.writeFailures.failWritesTo(
      'outbox',
      () => new DOMException('disk error', 'UnknownError'),
    );

    const failure = grades.saveGradeEdit('c1', { marks: { q1: 4 } });

    await expect(failure).rejects.toThrow('disk error');
    expect(await grades.readGrade('c1')).toBeNull();
    expect(await readOutbox(store.db)).toEqual([]);
  });

  it('keeps the stored grade when the grade write fails', async () => {
    await grades.saveGradeEdit('c1', { comment: 'Avant' });
    store.writeFailures.failWritesTo('grades');

    await expect(
      grades.saveGradeEdit('c1', { comment: 'Après' }),
    ).rejects.toBeInstanceOf(StorageFullError);
    expect((await grades.readGrade('c1'))?.comment).toBe('Avant');
  });
});
