import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  coalesceOutboxEntry,
  completeOutboxEntry,
  isPushable,
  markOutboxEntrySent,
  parkOutboxEntry,
  renewOutboxKey,
  unparkOutboxEntry,
} from '../../../../../renderer/core/store/outbox';
import type {
  OutboxParking,
  OutboxRow,
} from '../../../../../renderer/core/store/rows';
import { openTestStore, type TestStore } from './test-store';

const T0 = '2026-06-20T10:00:00.000Z';
const T1 = '2026-06-20T10:05:00.000Z';

function entry(overrides: Partial<OutboxRow> = {}): OutboxRow {
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

function parking(
  reason: OutboxParking['reason'],
  status: number,
): OutboxParking {
  return { reason, status, detail: `refused with ${status}`, parkedAt: T0 };
}

describe('isPushable', () => {
  it('accepts rows without parking', () => {
    expect(isPushable(entry())).toBe(true);
    expect(isPushable(entry({ parked: null }))).toBe(true);
  });

  it('rejects a parked row', () => {
    expect(isPushable(entry({ parked: parking('locked', 423) }))).toBe(false);
  });
});

describe('coalesceOutboxEntry after a push', () => {
  it('marks an entry that replaced a sent one', () => {
    const next = coalesceOutboxEntry(entry({ sentAt: T0 }), 'c1', T1);

    expect(next.afterUnconfirmedSend).toBe(true);
    expect(next.parked).toBeNull();
  });

  it('leaves a first entry unmarked', () => {
    expect(coalesceOutboxEntry(undefined, 'c1', T1).afterUnconfirmedSend).toBe(
      false,
    );
  });

  it('unparks a refused push on the next edit', () => {
    const refused = entry({ sentAt: T0, parked: parking('invalid', 422) });

    const next = coalesceOutboxEntry(refused, 'c1', T1);

    expect(next.parked).toBeNull();
    expect(next.idempotencyKey).not.toBe('key-1');
    expect(next.afterUnconfirmedSend).toBe(false);
  });

  it('keeps a conflict parked whatever is edited', () => {
    const conflict = parking('conflict', 412);
    const parked = entry({ sentAt: T0, parked: conflict });

    const next = coalesceOutboxEntry(parked, 'c1', T1);

    expect(next.parked).toEqual(conflict);
    expect(isPushable(next)).toBe(false);
  });

  it('carries the mark of an earlier unconfirmed send', () => {
    const parked = entry({
      sentAt: T0,
      parked: parking('locked', 423),
      afterUnconfirmedSend: true,
    });

    expect(coalesceOutboxEntry(parked, 'c1', T1).afterUnconfirmedSend).toBe(
      true,
    );
  });
});

describe('outbox parking', () => {
  let store: TestStore;

  beforeEach(async () => {
    store = openTestStore();
    await store.db.outbox.put(entry({ sentAt: T0, attempts: 3 }));
  });

  afterEach(() => {
    store.db.close();
  });

  const read = () => store.db.outbox.get('c1');

  it('parks the entry of the key sent', async () => {
    const parked = await parkOutboxEntry(
      store.db,
      'c1',
      'key-1',
      parking('locked', 423),
    );

    expect(parked).toBe(true);
    expect((await read())?.parked).toEqual(parking('locked', 423));
    expect((await read())?.lastError).toBeNull();
  });

  it('leaves an entry with a newer key', async () => {
    const parked = await parkOutboxEntry(
      store.db,
      'c1',
      'key-0',
      parking('invalid', 422),
    );

    expect(parked).toBe(false);
    expect((await read())?.parked).toBeUndefined();
  });

  it('parks a conflict whatever the key', async () => {
    const parked = await parkOutboxEntry(
      store.db,
      'c1',
      'key-0',
      parking('conflict', 412),
      true,
    );

    expect(parked).toBe(true);
    expect((await read())?.parked?.reason).toBe('conflict');
  });

  it('does not mark a parked entry sent', async () => {
    await parkOutboxEntry(store.db, 'c1', 'key-1', parking('locked', 423));

    expect(await markOutboxEntrySent(store.db, 'c1', new Date(T1))).toBeNull();
    expect((await read())?.attempts).toBe(3);
  });

  it('unparks a refused entry with its key', async () => {
    await parkOutboxEntry(store.db, 'c1', 'key-1', parking('locked', 423));

    expect(await unparkOutboxEntry(store.db, 'c1')).toBe(true);

    const unparked = await read();
    expect(unparked?.parked).toBeNull();
    expect(unparked?.attempts).toBe(0);
    expect(unparked?.idempotencyKey).toBe('key-1');
    expect(isPushable(unparked!)).toBe(true);
  });

  it('leaves a conflict parked', async () => {
    await parkOutboxEntry(store.db, 'c1', 'key-1', parking('conflict', 412));

    expect(await unparkOutboxEntry(store.db, 'c1')).toBe(false);
    expect((await read())?.parked?.reason).toBe('conflict');
  });

  it('has nothing to unpark on a pushable entry', async () => {
    expect(await unparkOutboxEntry(store.db, 'c1')).toBe(false);
    expect(await unparkOutboxEntry(store.db, 'c9')).toBe(false);
  });

  it('renews the key and sends it as new', async () => {
    expect(await renewOutboxKey(store.db, 'c1', 'key-1')).toBe(true);

    const renewed = await read();
    expect(renewed?.idempotencyKey).not.toBe('key-1');
    expect(renewed?.sentAt).toBeNull();
    expect(renewed?.createdAt).toBe(T0);
  });

  it('renews nothing after an edit', async () => {
    expect(await renewOutboxKey(store.db, 'c1', 'key-0')).toBe(false);
    expect((await read())?.idempotencyKey).toBe('key-1');
  });

  it('completes the push at the server version', async () => {
    await store.db.grades.put({
      copyId: 'c1',
      baseVersion: null,
      updatedAt: T0,
      editCount: 1,
      content: { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(4) },
    });

    expect(await completeOutboxEntry(store.db, 'c1', 'key-1', 7)).toBe(true);

    expect(await read()).toBeUndefined();
    expect((await store.db.grades.get('c1'))?.baseVersion).toBe(7);
  });
});
