import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  checkSignOutAllowed,
  UnsyncedWorkError,
} from '../../../../../renderer/core/backup/sign-out-guard';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import { completeOutboxEntry } from '../../../../../renderer/core/store/outbox';
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

describe('checkSignOutAllowed', () => {
  it('allows a sign-out with nothing unsynced', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });
    const entry = await store.db.outbox.get('c1');
    await completeOutboxEntry(store.db, 'c1', entry!.idempotencyKey, 1);

    await expect(checkSignOutAllowed(store.db)).resolves.toBeUndefined();
  });

  it('rejects a sign-out with unsynced grades', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });
    await grades.saveGradeEdit('c2', { marks: { q1: 3 } });

    const error = await checkSignOutAllowed(store.db).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(UnsyncedWorkError);
    expect((error as UnsyncedWorkError).unsynced).toBe(2);
  });

  it('allows it once a backup is saved', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });

    await expect(
      checkSignOutAllowed(store.db, { backupSaved: true }),
    ).resolves.toBeUndefined();
  });
});
