import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  checkWipeAllowed,
  readUnsyncedSummary,
  UnsyncedDataError,
} from '../../../../../renderer/core/kiosk/wipe-check';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import {
  completeOutboxEntry,
  parkOutboxEntry,
} from '../../../../../renderer/core/store/outbox';
import type {
  ConflictRow,
  ReportRow,
} from '../../../../../renderer/core/store/rows';
import { openTestStore, type TestStore } from '../store/test-store';

let store: TestStore;
let grades: GradeStore;

beforeEach(() => {
  store = openTestStore();
  grades = new GradeStore(store.db, store.cipher);
});

afterEach(() => {
  store.db.close();
});

async function saveSyncedGrade(copyId: string) {
  await grades.saveGradeEdit(copyId, { marks: { q1: 2 } });
  const entry = await store.db.outbox.get(copyId);
  await completeOutboxEntry(store.db, copyId, entry!.idempotencyKey, 1);
}

async function rejectedWith(promise: Promise<unknown>) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UnsyncedDataError);
  return error as UnsyncedDataError;
}

describe('checkWipeAllowed', () => {
  it('allows an empty store', async () => {
    await expect(checkWipeAllowed(store.db)).resolves.toBeUndefined();
  });

  it('allows synced grades', async () => {
    await saveSyncedGrade('c1');

    await expect(checkWipeAllowed(store.db)).resolves.toBeUndefined();
  });

  it('rejects a pending grade', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });

    const error = await rejectedWith(checkWipeAllowed(store.db));

    expect(error.summary).toEqual({
      pendingGrades: 1,
      parkedGrades: 0,
      conflicts: 0,
      pendingReports: 0,
    });
    expect(error.message).toContain('1 grades pending');
  });

  it('rejects a parked grade', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });
    await parkOutboxEntry(
      store.db,
      'c1',
      '',
      {
        reason: 'locked',
        status: 423,
        detail: 'batch locked',
        parkedAt: '2025-05-01T10:00:00.000Z',
      },
      true,
    );

    const error = await rejectedWith(checkWipeAllowed(store.db));

    expect(error.summary.parkedGrades).toBe(1);
    expect(error.summary.pendingGrades).toBe(0);
  });

  it('rejects a conflict', async () => {
    await saveSyncedGrade('c1');
    await store.db.conflicts.put({
      copyId: 'c1',
      serverVersion: 2,
      server: {} as ConflictRow['server'],
      source: 'pull',
      detectedAt: '2025-05-01T10:00:00.000Z',
    });

    const error = await rejectedWith(checkWipeAllowed(store.db));

    expect(error.summary.conflicts).toBe(1);
  });

  it('rejects an unsent scan report', async () => {
    await store.db.reports.add({
      id: 'r1',
      copyId: 'c1',
      state: 'pending',
      createdAt: '2025-05-01T10:00:00.000Z',
    } as ReportRow);

    const error = await rejectedWith(checkWipeAllowed(store.db));

    expect(error.summary.pendingReports).toBe(1);
    expect(error.message).toContain('1 scan reports pending');
  });

  it('ignores sent scan reports', async () => {
    await store.db.reports.add({
      id: 'r1',
      copyId: 'c1',
      state: 'sent',
      createdAt: '2025-05-01T10:00:00.000Z',
    } as ReportRow);

    expect(await readUnsyncedSummary(store.db)).toEqual({
      pendingGrades: 0,
      parkedGrades: 0,
      conflicts: 0,
      pendingReports: 0,
    });
  });
});
