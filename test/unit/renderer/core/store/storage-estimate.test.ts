import { describe, expect, it } from 'vitest';

import {
  readStorageEstimate,
  requestPersistentStorage,
  type StorageApi,
} from '../../../../../renderer/core/store/storage-estimate';

// Node has no Storage API, so these tests pass objects shaped like
// `navigator.storage`.
function storageReturning(overrides: StorageApi): StorageApi {
  return overrides;
}

describe('requestPersistentStorage', () => {
  it('returns unknown without the Storage API', async () => {
    expect(await requestPersistentStorage()).toBe('unknown');
    expect(await requestPersistentStorage(storageReturning({}))).toBe(
      'unknown',
    );
  });

  it('returns granted when already persisted', async () => {
    let persistCalls = 0;
    const storage = storageReturning({
      persisted: async () => true,
      persist: async () => {
        persistCalls += 1;
        return true;
      },
    });

    expect(await requestPersistentStorage(storage)).toBe('granted');
    expect(persistCalls).toBe(0);
  });

  it('returns what the browser grants', async () => {
    const granting = storageReturning({
      persisted: async () => false,
      persist: async () => true,
    });
    const denying = storageReturning({
      persisted: async () => false,
      persist: async () => false,
    });

    expect(await requestPersistentStorage(granting)).toBe('granted');
    expect(await requestPersistentStorage(denying)).toBe('denied');
  });
});

describe('readStorageEstimate', () => {
  it('returns unknown without the Storage API', async () => {
    expect(await readStorageEstimate()).toEqual({ known: false });
  });

  it('reports used and free bytes', async () => {
    const storage = storageReturning({
      estimate: async () => ({ usage: 300_000_000, quota: 1_000_000_000 }),
    });

    expect(await readStorageEstimate(storage)).toEqual({
      known: true,
      usedBytes: 300_000_000,
      quotaBytes: 1_000_000_000,
      freeBytes: 700_000_000,
    });
  });

  it('returns unknown for an incomplete estimate', async () => {
    const storage = storageReturning({ estimate: async () => ({ usage: 10 }) });

    expect(await readStorageEstimate(storage)).toEqual({ known: false });
  });

  it('never reports negative free space', async () => {
    const storage = storageReturning({
      estimate: async () => ({ usage: 1200, quota: 1000 }),
    });

    expect(await readStorageEstimate(storage)).toMatchObject({ freeBytes: 0 });
  });
});
