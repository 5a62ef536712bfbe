import 'fake-indexeddb/auto';

import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  getBatchOverview,
  listBatchOverviews,
  type BatchOverview,
} from '../../../../../renderer/core/assignments/batch-overview';
import { refreshAssignments } from '../../../../../renderer/core/assignments/refresh-assignments';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import {
  completeOutboxEntry,
  markOutboxEntrySent,
  parkOutboxEntry,
} from '../../../../../renderer/core/store/outbox';
import { EncryptedScanStore } from '../../../../../renderer/core/store/scan-store';
import { openTestStore, type TestStore } from '../store/test-store';
import { batch, copy, FakeServer, scheme, sha } from './fake-server';

let store: TestStore;
let server: FakeServer;
let scans: EncryptedScanStore;
let grades: GradeStore;
let clock: Date;

const WITHDRAWN_AT = '2026-06-21T10:00:00.000Z';

function refresh() {
  return refreshAssignments({ api: server, db: store.db, now: () => clock });
}

function sized(id: string, batchId: string, code: string, size: number) {
  return copy(id, batchId, {
    anonymousCode: code,
    scan: { sha256: sha('a'), size, contentType: 'application/pdf' },
  });
}

/** Saves a grade and completes its push, as the sync engine will. */
async function saveSyncedGrade(copyId: string): Promise<void> {
  await grades.saveGradeEdit(copyId, { marks: { q1: 10 }, status: 'final' });
  const entry = await markOutboxEntrySent(store.db, copyId);
  await completeOutboxEntry(store.db, copyId, entry!.idempotencyKey, 1);
}

/** Parks the copy's pending push as a 423 from the server does. */
async function parkLocked(copyId: string): Promise<void> {
  const entry = await markOutboxEntrySent(store.db, copyId);
  await parkOutboxEntry(store.db, copyId, entry!.idempotencyKey, {
    reason: 'locked',
    status: 423,
    detail: 'Batch "b1" is closed',
    parkedAt: clock.toISOString(),
  });
}

/** Stores a conflict for the copy, as a pull that met a pending edit does. */
async function storeConflict(copyId: string): Promise<void> {
  await store.db.conflicts.put({
    copyId,
    serverVersion: 2,
    server: { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(8) },
    source: 'pull',
    detectedAt: clock.toISOString(),
  });
}

function pdf(): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode('%PDF-1.7');
}

beforeEach(() => {
  store = openTestStore();
  server = new FakeServer();
  scans = new EncryptedScanStore(store.db, store.cipher);
  grades = new GradeStore(store.db, store.cipher);
  clock = new Date('2026-06-20T10:00:00.000Z');
});

afterEach(() => {
  store.db.close();
});

describe('listBatchOverviews', () => {
  beforeEach(async () => {
    server.assign(batch('b1', { title: 'Lot 1' }), [
      sized('c1', 'b1', 'A004', 1000),
      sized('c2', 'b1', 'A001', 2000),
      sized('c3', 'b1', 'A003', 4000),
      sized('c4', 'b1', 'A002', 8000),
      sized('c5', 'b1', 'A005', 16000),
    ]);
    await refresh();

    await scans.saveScan('c1', 1, sha('a'), pdf());
    await scans.saveScan('c2', 1, sha('a'), pdf());
    await scans.saveScan('c5', 1, sha('a'), pdf());
    await scans.savePartial('c3', sha('a'), new Uint8Array(5));
    await grades.saveGradeEdit('c1', { marks: { q1: 5 } });
    await saveSyncedGrade('c2');
    await saveSyncedGrade('c5');

    // c5 is withdrawn, so no count includes it.
    server.assign(batch('b1', { title: 'Lot 1' }), [
      sized('c1', 'b1', 'A004', 1000),
      sized('c2', 'b1', 'A001', 2000),
      sized('c3', 'b1', 'A003', 4000),
      sized('c4', 'b1', 'A002', 8000),
    ]);
    await refresh();
  });

  it('counts copies, bytes and grades', async () => {
    const [overview] = await listBatchOverviews(store.db);

    expect(overview?.batch.id).toBe('b1');
    expect(overview?.schemeTitle).toBe('Barème sch1');
    expect(overview?.withdrawnAt).toBeNull();
    expect(overview?.copiesTotal).toBe(4);
    expect(overview?.copiesStored).toBe(2);
    expect(overview?.bytesTotal).toBe(15000);
    expect(overview?.bytesStored).toBe(3000);
    expect(overview?.copiesWithGrade).toBe(2);
    expect(overview?.copiesFinal).toBe(1);
    expect(overview?.copiesWithUnsyncedGrade).toBe(1);
    expect(overview?.copiesPendingPush).toBe(1);
    expect(overview?.copiesWithSyncProblem).toBe(0);
  });

  it('counts parked pushes and conflicts as problems', async () => {
    await grades.saveGradeEdit('c3', { marks: { q1: 2 } });
    await parkLocked('c3');
    await grades.saveGradeEdit('c4', { marks: { q1: 2 } });
    await storeConflict('c4');

    const [overview] = await listBatchOverviews(store.db);

    expect(overview?.copiesWithUnsyncedGrade).toBe(3);
    expect(overview?.copiesPendingPush).toBe(1);
    expect(overview?.copiesWithSyncProblem).toBe(2);
  });

  it('stops counting a rescanned copy as stored', async () => {
    server.assign(batch('b1', { title: 'Lot 1' }), [
      copy('c1', 'b1', {
        anonymousCode: 'A004',
        revision: 2,
        scan: { sha256: sha('b'), size: 1500, contentType: 'application/pdf' },
      }),
      sized('c2', 'b1', 'A001', 2000),
      sized('c3', 'b1', 'A003', 4000),
      sized('c4', 'b1', 'A002', 8000),
    ]);
    await refresh();

    const [overview] = await listBatchOverviews(store.db);

    expect(overview?.copiesStored).toBe(1);
    expect(overview?.bytesStored).toBe(2000);
    expect(overview?.bytesTotal).toBe(15500);
  });

  it('shows a withdrawn batch with its counts', async () => {
    server.batches.clear();
    clock = new Date(WITHDRAWN_AT);
    await refresh();

    const [overview] = await listBatchOverviews(store.db);

    expect(overview?.withdrawnAt).toBe(WITHDRAWN_AT);
    expect(overview?.copiesTotal).toBe(4);
    expect(overview?.copiesWithGrade).toBe(2);
  });
});

describe('listBatchOverviews order', () => {
  it('sorts by deadline then title', async () => {
    const late = '2026-07-03T18:00:00Z';
    server.assign(batch('b1', { title: 'Lot 10', deadline: late }), []);
    server.assign(batch('b2', { title: 'Lot 2', deadline: late }), []);
    server.assign(
      batch('b3', { title: 'Lot 9', deadline: '2026-07-03T17:59:59.500Z' }),
      [],
    );
    server.assign(
      batch('b4', { title: 'Lot 1', deadline: '2026-07-04T08:00:00Z' }),
      [],
    );
    await refresh();

    const overviews = await listBatchOverviews(store.db);

    expect(overviews.map((overview) => overview.batch.title)).toEqual([
      'Lot 9',
      'Lot 2',
      'Lot 10',
      'Lot 1',
    ]);
  });

  it('returns an empty list for an empty store', async () => {
    expect(await listBatchOverviews(store.db)).toEqual([]);
  });

  it('reports a missing scheme as null', async () => {
    await store.db.batches.put(batch('b1', { schemeId: 'unknown' }));

    const [overview] = await listBatchOverviews(store.db);

    expect(overview?.schemeTitle).toBeNull();
    expect(overview?.copiesTotal).toBe(0);
  });
});

describe('getBatchOverview', () => {
  beforeEach(async () => {
    server.assign(batch('b1'), [
      sized('c1', 'b1', 'A003', 1000),
      sized('c2', 'b1', 'A001', 1000),
      sized('c3', 'b1', 'A002', 1000),
    ]);
    server.assign(batch('b2'), [sized('c9', 'b2', 'A000', 1000)]);
    await refresh();
  });

  it('returns null for an unknown batch', async () => {
    expect(await getBatchOverview(store.db, 'nope')).toBeNull();
  });

  it('lists copies by anonymous code', async () => {
    const overview = await getBatchOverview(store.db, 'b1');

    expect(overview?.batch.id).toBe('b1');
    expect(overview?.scheme).toEqual(scheme('sch1'));
    expect(overview?.withdrawnAt).toBeNull();
    expect(overview?.copies.map((entry) => entry.copy.anonymousCode)).toEqual([
      'A001',
      'A002',
      'A003',
    ]);
  });

  it('reads download and grade state', async () => {
    await scans.saveScan('c2', 1, sha('a'), pdf());
    await grades.saveGradeEdit('c3', { comment: 'à revoir' });
    await saveSyncedGrade('c1');

    const overview = await getBatchOverview(store.db, 'b1');

    expect(
      overview?.copies.map((entry) => [
        entry.copy.id,
        entry.copy.download,
        entry.grade,
        entry.marking,
      ]),
    ).toEqual([
      ['c2', 'stored', 'none', 'unmarked'],
      ['c3', 'missing', 'unsynced', 'draft'],
      ['c1', 'missing', 'synced', 'final'],
    ]);
  });

  it('reads a refused push or a conflict as a problem', async () => {
    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });
    await grades.saveGradeEdit('c2', { marks: { q1: 2 } });
    await parkLocked('c2');
    await grades.saveGradeEdit('c3', { marks: { q1: 2 } });
    await storeConflict('c3');

    const overview = await getBatchOverview(store.db, 'b1');

    expect(
      overview?.copies.map((entry) => [entry.copy.id, entry.grade]),
    ).toEqual([
      ['c2', 'problem'],
      ['c3', 'problem'],
      ['c1', 'unsynced'],
    ]);
  });

  it('keeps withdrawn copies in the list', async () => {
    server.assign(batch('b1'), [sized('c1', 'b1', 'A003', 1000)]);
    clock = new Date(WITHDRAWN_AT);
    await refresh();

    const overview = await getBatchOverview(store.db, 'b1');

    expect(
      overview?.copies.map((entry) => [entry.copy.id, entry.copy.withdrawnAt]),
    ).toEqual([
      ['c2', WITHDRAWN_AT],
      ['c3', WITHDRAWN_AT],
      ['c1', null],
    ]);
  });

  it('reports a withdrawn batch', async () => {
    server.batches.delete('b2');
    clock = new Date(WITHDRAWN_AT);
    await refresh();

    const overview = await getBatchOverview(store.db, 'b2');

    expect(overview?.withdrawnAt).toBe(WITHDRAWN_AT);
    expect(overview?.copies).toHaveLength(1);
  });
});

describe('batch overviews in live queries', () => {
  it('shows no half-written refresh', async () => {
    const seen: BatchOverview[][] = [];
    const subscription = liveQuery(() =>
      listBatchOverviews(store.db),
    ).subscribe((overviews) => seen.push(overviews));
    await expect.poll(() => seen.length).toBe(1);

    server.assign(batch('b1'), [
      copy('c1', 'b1'),
      copy('c2', 'b1'),
      copy('c3', 'b1'),
    ]);
    server.assign(batch('b2'), [copy('c4', 'b2')]);
    await refresh();
    await expect.poll(() => seen.at(-1)?.length).toBe(2);

    await scans.saveScan('c1', 1, sha('a'), pdf());
    await expect.poll(() => seen.at(-1)?.[0]?.copiesStored).toBe(1);
    subscription.unsubscribe();

    expect(seen[0]).toEqual([]);
    // Every state seen has both batches with all their copies, or nothing.
    for (const overviews of seen.slice(1)) {
      expect(overviews.map((overview) => overview.copiesTotal)).toEqual([3, 1]);
    }
  });

  it('re-runs the batch query on a grade edit', async () => {
    server.assign(batch('b1'), [copy('c1', 'b1')]);
    await refresh();
    const states: string[] = [];
    const subscription = liveQuery(() =>
      getBatchOverview(store.db, 'b1'),
    ).subscribe((overview) => states.push(overview?.copies[0]?.grade ?? ''));
    await expect.poll(() => states).toEqual(['none']);

    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });

    await expect.poll(() => states).toEqual(['none', 'unsynced']);
    subscription.unsubscribe();
  });
});
