import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  readPageRotations,
  savePageRotation,
} from '../../../../../renderer/core/marking/page-views';
import { openTestStore, type TestStore } from '../store/test-store';

let store: TestStore;

beforeEach(() => {
  store = openTestStore();
});

afterEach(() => {
  store.db.close();
});

describe('page rotations', () => {
  it('starts with no page rotated', async () => {
    expect(await readPageRotations(store.db, 'c1')).toEqual({});
  });

  it('keeps each page of each copy apart', async () => {
    await savePageRotation(store.db, 'c1', 2, 90);
    await savePageRotation(store.db, 'c1', 3, -90);
    await savePageRotation(store.db, 'c2', 2, 180);

    expect(await readPageRotations(store.db, 'c1')).toEqual({ 2: 90, 3: 270 });
    expect(await readPageRotations(store.db, 'c2')).toEqual({ 2: 180 });
  });

  it('forgets a page turned back upright', async () => {
    await savePageRotation(store.db, 'c1', 1, 270);
    await savePageRotation(store.db, 'c1', 1, 360);

    expect(await readPageRotations(store.db, 'c1')).toEqual({});
  });

  it('rejects bad pages and rotations, keeping what is stored', async () => {
    await savePageRotation(store.db, 'c1', 1, 90);

    await expect(savePageRotation(store.db, 'c1', 0, 90)).rejects.toThrow(
      'Page 0 is not a page number',
    );
    await expect(savePageRotation(store.db, 'c1', 1.5, 90)).rejects.toThrow(
      RangeError,
    );
    await expect(savePageRotation(store.db, 'c1', 2, 45)).rejects.toThrow(
      'Rotation 45 is not a multiple of 90 degrees',
    );
    expect(await readPageRotations(store.db, 'c1')).toEqual({ 1: 90 });
  });

  it('ignores stored values that are not rotations', async () => {
    await store.db.pageViews.put({
      copyId: 'c1',
      rotations: { 1: 90, 2: 33, 3: 'x' as unknown as number },
    });

    expect(await readPageRotations(store.db, 'c1')).toEqual({ 1: 90 });
  });
});
