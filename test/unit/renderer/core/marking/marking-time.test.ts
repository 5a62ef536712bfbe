import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { StorageFullError } from '../../../../../renderer/core/download/scan-store';
import {
  MAX_ACTIVE_SLICE_MS,
  addMarkingTime,
  readMarkingTimes,
} from '../../../../../renderer/core/marking/marking-time';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';

const T0 = new Date('2026-06-20T10:00:00.000Z');
const T1 = new Date('2026-06-20T10:01:00.000Z');

describe('addMarkingTime', () => {
  let store: TestStore;

  beforeEach(async () => {
    store = openTestStore();
    await store.db.copies.bulkPut([
      copyRow('c1', { batchId: 'b1' }),
      copyRow('c2', { batchId: 'b1' }),
      copyRow('c3', { batchId: 'b2' }),
    ]);
  });

  afterEach(async () => {
    await store.db.delete();
  });

  it('creates the row on the first slice', async () => {
    const row = await addMarkingTime(store.db, 'c1', 15_000, T0);

    expect(row).toEqual({
      copyId: 'c1',
      batchId: 'b1',
      activeMs: 15_000,
      firstOpenedAt: '2026-06-20T09:59:45.000Z',
      lastActiveAt: T0.toISOString(),
    });
    expect(await store.db.markingTimes.get('c1')).toEqual(row);
  });

  it('adds later slices to the row', async () => {
    await addMarkingTime(store.db, 'c1', 15_000, T0);

    const row = await addMarkingTime(store.db, 'c1', 20_000, T1);

    expect(row?.activeMs).toBe(35_000);
    expect(row?.firstOpenedAt).toBe('2026-06-20T09:59:45.000Z');
    expect(row?.lastActiveAt).toBe(T1.toISOString());
  });

  it('rounds to whole milliseconds', async () => {
    const row = await addMarkingTime(store.db, 'c1', 1234.6, T0);

    expect(row?.activeMs).toBe(1235);
  });

  it('caps a slice at the maximum', async () => {
    await addMarkingTime(store.db, 'c1', 10_000, T0);

    const row = await addMarkingTime(store.db, 'c1', 3 * 3_600_000, T1);

    expect(MAX_ACTIVE_SLICE_MS).toBe(5 * 60_000);
    expect(row?.activeMs).toBe(10_000 + MAX_ACTIVE_SLICE_MS);
  });

  it.each([
    ['zero', 0],
    ['a negative slice', -5_000],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['under half a millisecond', 0.4],
  ])('ignores %s', async (_case, activeMs) => {
    await addMarkingTime(store.db, 'c1', 10_000, T0);

    const row = await addMarkingTime(store.db, 'c1', activeMs, T1);

    expect(row).toBeNull();
    expect(await store.db.markingTimes.get('c1')).toMatchObject({
      activeMs: 10_000,
      lastActiveAt: T0.toISOString(),
    });
  });

  it('creates no row for an ignored slice', async () => {
    expect(await addMarkingTime(store.db, 'c1', -1, T0)).toBeNull();

    expect(await store.db.markingTimes.count()).toBe(0);
  });

  it('raises for a copy that is not stored', async () => {
    const adding = addMarkingTime(store.db, 'c9', 1_000, T0);

    await expect(adding).rejects.toThrow('copy c9');
    expect(await store.db.markingTimes.count()).toBe(0);
  });

  it('adds concurrent slices without losing any', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        addMarkingTime(store.db, 'c1', 1_000, T0),
      ),
    );

    expect((await store.db.markingTimes.get('c1'))?.activeMs).toBe(20_000);
  });

  it('raises StorageFullError when the quota is used up', async () => {
    store.writeFailures.failWritesTo('markingTimes');

    const adding = addMarkingTime(store.db, 'c1', 1_000, T0);

    await expect(adding).rejects.toBeInstanceOf(StorageFullError);
  });

  it('reads the times of one batch', async () => {
    await addMarkingTime(store.db, 'c1', 1_000, T0);
    await addMarkingTime(store.db, 'c2', 2_000, T0);
    await addMarkingTime(store.db, 'c3', 3_000, T0);

    const rows = await readMarkingTimes(store.db, 'b1');

    expect(rows.map((row) => row.copyId).sort()).toEqual(['c1', 'c2']);
  });
});
