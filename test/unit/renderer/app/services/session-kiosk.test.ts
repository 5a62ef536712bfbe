import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CopydeskBridge } from '../../../../../shared/ipc/contract';
import {
  GRADER_KEY,
  Session,
} from '../../../../../renderer/app/services/session';
import { UnsyncedDataError } from '../../../../../renderer/core/kiosk/wipe-check';
import { GradeStore } from '../../../../../renderer/core/store/grades';
import { completeOutboxEntry } from '../../../../../renderer/core/store/outbox';
import { openTestStore, type TestStore } from '../../core/store/test-store';

// A loopback port in the tests' range where nothing listens, so the
// session's background refresh fails at once as offline.
const SERVER_URL = 'http://127.0.0.1:47399';

let store: TestStore;

function createBridge(kiosk: boolean) {
  return {
    config: { get: vi.fn(async () => ({ serverUrl: SERVER_URL, kiosk })) },
    settings: { get: vi.fn(async () => ({})) },
    kiosk: {
      getState: vi.fn(async () => ({ enabled: kiosk, adminCodeSet: false })),
      wipeAndRestart: vi.fn(async () => undefined),
    },
    vault: {
      getRefreshToken: vi.fn(async () => null),
      setRefreshToken: vi.fn(async () => ({ persisted: true })),
      clear: vi.fn(async () => undefined),
    },
  };
}

async function startSession(kiosk = true) {
  const bridge = createBridge(kiosk);
  await store.db.kv.put({
    key: GRADER_KEY,
    value: { id: 'g-1', displayName: 'Claire Martin' },
  });
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const session = new Session({
    bridge: bridge as unknown as CopydeskBridge,
    db: store.db,
    logger: logger as never,
    deviceName: 'Copydesk test',
    reload: () => undefined,
  });
  await session.start();
  await session.refresh();
  return { session, bridge };
}

beforeEach(() => {
  store = openTestStore();
});

afterEach(() => {
  store.db.close();
});

describe('Session kiosk sign-out', () => {
  it('wipes when everything is synced', async () => {
    const { session, bridge } = await startSession();
    const grades = new GradeStore(store.db, store.cipher);
    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });
    const entry = await store.db.outbox.get('c1');
    await completeOutboxEntry(store.db, 'c1', entry!.idempotencyKey, 1);

    await session.signOut();

    expect(session.isKiosk()).toBe(true);
    expect(store.db.isOpen()).toBe(false);
    expect(bridge.kiosk.wipeAndRestart).toHaveBeenCalledTimes(1);
    expect(bridge.vault.clear).toHaveBeenCalled();
  });

  it('rejects with unsynced grades', async () => {
    const { session, bridge } = await startSession();
    const grades = new GradeStore(store.db, store.cipher);
    await grades.saveGradeEdit('c1', { marks: { q1: 2 } });

    const error = await session
      .signOut({ backupSaved: true })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UnsyncedDataError);
    expect((error as UnsyncedDataError).summary.pendingGrades).toBe(1);
    expect(bridge.kiosk.wipeAndRestart).not.toHaveBeenCalled();
    expect(store.db.isOpen()).toBe(true);
    expect(session.getState().phase).toBe('active');
  });

  it('keeps the store outside kiosk mode', async () => {
    const { session, bridge } = await startSession(false);

    await session.signOut();

    expect(bridge.kiosk.wipeAndRestart).not.toHaveBeenCalled();
    expect(store.db.isOpen()).toBe(true);
    expect(session.getState().phase).toBe('signed-out');
  });

  it('cannot unlock offline after a restart', async () => {
    const { session } = await startSession();

    expect(session.canUnlockOffline()).toBe(false);
    expect(await session.checkUnlockPassword('anything')).toBe(false);
  });
});
