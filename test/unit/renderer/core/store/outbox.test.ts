import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  coalesceOutboxEntry,
  completeOutboxEntry,
  markOutboxEntrySent,
  readOutbox,
  recordOutboxFailure,
} from '../../../../../renderer/core/store/outbox';
import type { OutboxRow } from '../../../../../renderer/core/store/rows';
import { openTestStore, type TestStore } from './test-store';

const T0 = '2026-06-20T10:00:00.000Z';
const T1 = '2026-06-20T10:05:00.000Z';

function pendingEntry(overrides: Partial<OutboxRow> = {}): OutboxRow {
  return {
    copyId: 'c1',
    idempotencyKey: 'key-1',
    createdAt: T0,
    updatedAt: T0,
    sentAt: null,
    attempts: 0,
    lastError: null,
    ...overrides,
  };
}

describe('coalesceOutboxEntry', () => {
  it('creates an entry with a fresh key', () => {
    const first = coalesceOutboxEntry(undefined, 'c1', T0);
    const second = coalesceOutboxEntry(undefined, 'c1', T0);

    expect(first).toMatchObject({ copyId: 'c1', createdAt: T0, sentAt: null });
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
  });

  it('keeps the key of an unsent entry', () => {
    const entry = pendingEntry({ attempts: 0 });

    expect(coalesceOutboxEntry(entry, 'c1', T1)).toEqual({
      ...entry,
      updatedAt: T1,
    });
  });

  it('replaces the key of a sent entry', () => {
    const entry = pendingEntry({ sentAt: T0, attempts: 2, lastError: '503' });

    const next = coalesceOutboxEntry(entry, 'c1', T1);

    expect(next.idempotencyKey).not.toBe('key-1');
    expect(next).toMatchObject({
      createdAt: T1,
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
  });
});

describe('outbox push bookkeeping', () => {
  let store: TestStore;

  beforeEach(async () => {
    store = openTestStore();
    await store.db.outbox.put(pendingEntry());
  });

  afterEach(() => {
    store.db.close();
  });

  it('counts each send of an entry', async () => {
    await markOutboxEntrySent(store.db, 'c1', new Date(T1));

    const again = await markOutboxEntrySent(store.db, 'c1', new Date(T1));

    expect(again).toMatchObject({ idempotencyKey: 'key-1', sentAt: T1 });
    expect(again?.attempts).toBe(2);
  });

  it('returns null for a copy with nothing to push', async () => {
    expect(await markOutboxEntrySent(store.db, 'c9')).toBeNull();
  });

  it('records a failure under the same key', async () => {
    const recorded = await recordOutboxFailure(store.db, 'c1', 'key-1', '503');

    expect(recorded).toBe(true);
    expect((await store.db.outbox.get('c1'))?.lastError).toBe('503');
  });

  it('ignores a failure under an older key', async () => {
    const recorded = await recordOutboxFailure(store.db, 'c1', 'key-0', '503');

    expect(recorded).toBe(false);
    expect((await store.db.outbox.get('c1'))?.lastError).toBeNull();
  });

  it('removes the entry its response completes', async () => {
    expect(await completeOutboxEntry(store.db, 'c1', 'key-1', 4)).toBe(true);

    expect(await readOutbox(store.db)).toEqual([]);
  });

  it('keeps an entry edited since the request', async () => {
    expect(await completeOutboxEntry(store.db, 'c1', 'key-0', 4)).toBe(false);

    expect(await readOutbox(store.db)).toEqual([pendingEntry()]);
  });
});
