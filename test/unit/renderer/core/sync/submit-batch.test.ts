import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Batch } from '../../../../../shared/api/schemas';
import { ApiError } from '../../../../../renderer/core/api/errors';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import {
  completeOutboxEntry,
  markOutboxEntrySent,
  parkOutboxEntry,
} from '../../../../../renderer/core/store/outbox';
import {
  checkBatchSubmission,
  copiesNamedInRejection,
  submitBatch,
} from '../../../../../renderer/core/sync/submit-batch';
import { batch } from '../assignments/fake-server';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';

let store: TestStore;
let grades: GradeStore;

const FINAL = { marks: { q1: 10 }, status: 'final' as const };

/** Saves a grade and completes its push, as the sync engine does. */
async function saveSynced(
  copyId: string,
  edit: Parameters<GradeStore['saveGradeEdit']>[1] = FINAL,
): Promise<void> {
  await grades.saveGradeEdit(copyId, edit);
  const entry = await markOutboxEntrySent(store.db, copyId);
  await completeOutboxEntry(store.db, copyId, entry!.idempotencyKey, 1);
}

function submittedBatch(): Batch {
  return { ...batch('b1', { title: 'Lot 1' }), status: 'submitted' };
}

beforeEach(async () => {
  store = openTestStore();
  grades = new GradeStore(store.db, store.cipher);
  await store.db.batches.put(batch('b1', { title: 'Lot 1' }));
  await store.db.copies.bulkPut([
    copyRow('c1', { anonymousCode: 'A001' }),
    copyRow('c2', { anonymousCode: 'A002' }),
    copyRow('c3', { anonymousCode: 'A003' }),
    copyRow('c9', { batchId: 'b2', anonymousCode: 'B009' }),
  ]);
});

afterEach(() => {
  store.db.close();
});

describe('checkBatchSubmission', () => {
  it('is ready when every copy is final and synced', async () => {
    await saveSynced('c1');
    await saveSynced('c2');
    await saveSynced('c3');

    expect(await checkBatchSubmission(store.db, 'b1')).toEqual({
      ready: true,
    });
  });

  it('names copies without a final grade', async () => {
    await saveSynced('c1');
    await saveSynced('c2', { marks: { q1: 3 } });

    expect(await checkBatchSubmission(store.db, 'b1')).toEqual({
      ready: false,
      notFinal: ['c2', 'c3'],
      unsynced: [],
      conflicts: [],
    });
  });

  it('names final grades not pushed yet, parked ones included', async () => {
    await saveSynced('c1');
    await grades.saveGradeEdit('c2', FINAL);
    await grades.saveGradeEdit('c3', FINAL);
    const entry = await markOutboxEntrySent(store.db, 'c3');
    await parkOutboxEntry(store.db, 'c3', entry!.idempotencyKey, {
      reason: 'invalid',
      status: 422,
      detail: 'q1',
      parkedAt: '2026-06-20T10:00:00.000Z',
    });

    const check = await checkBatchSubmission(store.db, 'b1');

    expect(check).toEqual({
      ready: false,
      notFinal: [],
      unsynced: ['c2', 'c3'],
      conflicts: [],
    });
  });

  it('names a conflict apart from unsynced copies', async () => {
    await saveSynced('c1');
    await saveSynced('c2');
    await grades.saveGradeEdit('c3', FINAL);
    await store.db.conflicts.put({
      copyId: 'c3',
      serverVersion: 2,
      server: { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(8) },
      source: 'pull',
      detectedAt: '2026-06-20T10:00:00.000Z',
    });

    expect(await checkBatchSubmission(store.db, 'b1')).toEqual({
      ready: false,
      notFinal: [],
      unsynced: [],
      conflicts: ['c3'],
    });
  });

  it('leaves withdrawn copies out', async () => {
    await saveSynced('c1');
    await saveSynced('c2');
    await store.db.copies.update('c3', {
      withdrawnAt: '2026-06-20T10:00:00.000Z',
    });

    expect(await checkBatchSubmission(store.db, 'b1')).toEqual({
      ready: true,
    });
  });
});

describe('submitBatch', () => {
  it('sends nothing while the check finds blockers', async () => {
    await saveSynced('c1');
    const api = { submitBatch: vi.fn(async () => submittedBatch()) };

    const result = await submitBatch(store.db, api, 'b1');

    expect(result).toEqual({
      blocked: { notFinal: ['c2', 'c3'], unsynced: [], conflicts: [] },
    });
    expect(api.submitBatch).not.toHaveBeenCalled();
  });

  it('stores the submitted batch', async () => {
    await saveSynced('c1');
    await saveSynced('c2');
    await saveSynced('c3');
    const api = { submitBatch: vi.fn(async () => submittedBatch()) };

    const result = await submitBatch(store.db, api, 'b1');

    expect(api.submitBatch).toHaveBeenCalledWith('b1');
    expect(result).toEqual({ submitted: submittedBatch() });
    expect((await store.db.batches.get('b1'))?.status).toBe('submitted');
  });

  it('raises the server error and keeps the batch open', async () => {
    await saveSynced('c1');
    await saveSynced('c2');
    await saveSynced('c3');
    const closed = new ApiError({
      method: 'POST',
      path: '/batches/b1/submit',
      status: 423,
      type: 'about:blank',
      title: 'Locked',
      detail: 'Batch "b1" is closed: it can no longer be submitted',
    });
    const api = {
      submitBatch: vi.fn(async (): Promise<Batch> => {
        throw closed;
      }),
    };

    await expect(submitBatch(store.db, api, 'b1')).rejects.toBe(closed);
    expect((await store.db.batches.get('b1'))?.status).toBe('open');
  });
});

describe('copiesNamedInRejection', () => {
  it('finds the codes the 409 detail names', async () => {
    const detail =
      'Batch "b1" cannot be submitted: 2 copies have no final grade (A003, A001)';

    expect(await copiesNamedInRejection(store.db, 'b1', detail)).toEqual([
      'c1',
      'c3',
    ]);
  });

  it('ignores codes of other batches and partial matches', async () => {
    const detail = 'no final grade (B009, A00, A0021, XA002)';

    expect(await copiesNamedInRejection(store.db, 'b1', detail)).toEqual([]);
  });
});
