import 'fake-indexeddb/auto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GRADER_KEY } from '../../../../renderer/app/services/session';
import { listBatchOverviews } from '../../../../renderer/core/assignments/batch-overview';
import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import {
  createLocalStore,
  type LocalStore,
} from '../../../../renderer/core/store/local-store';
import type { CopydeskBridge } from '../../../../shared/ipc/contract';
import { PASSWORDS } from '../../../support/fixture-sitting';
import { startTestServer, type TestServer } from '../../../support/test-server';
import {
  closedPort,
  createSettingsStorage,
  createTestBridge,
  createTestSession,
  waitForConnection,
} from './session-setup';

// A restart of the app after a sign-in: the stored batches show at once,
// and the sign-in is restored (or found lost) in the background.
describe('session restart', () => {
  let server: TestServer;
  let store: LocalStore;
  let firstBridge: CopydeskBridge;
  let graderId: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 2 });
    store = createLocalStore(new MemoryKeyProvider(), 'session-restart');
    firstBridge = createTestBridge(createSettingsStorage(server.url));

    const { session } = createTestSession(store.db, firstBridge);
    await session.start();
    await session.signIn('amartin', PASSWORDS.amartin);
    await session.refresh();
    const state = session.getState();
    if (state.phase !== 'active') {
      throw new Error(`sign-in left the session ${state.phase}`);
    }
    graderId = state.grader.id;
  });

  afterAll(async () => {
    store?.close();
    await server?.close();
  });

  it('shows the stored grader before the network', async () => {
    const { session } = createTestSession(
      store.db,
      createTestBridge(createSettingsStorage(server.url)),
    );

    await session.start();

    expect(session.getState()).toEqual({
      phase: 'active',
      serverUrl: server.url,
      serverLocked: false,
      grader: { id: graderId, displayName: 'A. Martin' },
      connection: 'checking',
      lastRefreshAt: null,
    });
    await waitForConnection(session);
  });

  it('without refresh token requires sign-in', async () => {
    const { session } = createTestSession(
      store.db,
      createTestBridge(createSettingsStorage(server.url)),
    );

    await session.start();
    const state = await waitForConnection(session);

    expect(state.connection).toBe('sign-in-required');
    expect(state.grader.displayName).toBe('A. Martin');
    expect(state.lastRefreshAt).toBeNull();
    const batches = await listBatchOverviews(store.db);
    expect(batches.map((overview) => overview.batch.title)).toEqual(['Lot 1']);
    expect(batches[0]?.copiesTotal).toBe(2);
  });

  it('requestSignIn marks the sign-in expired', async () => {
    const { session } = createTestSession(
      store.db,
      createTestBridge(createSettingsStorage(server.url)),
    );
    await session.start();
    await waitForConnection(session);

    session.requestSignIn();

    expect(session.getState()).toEqual({
      phase: 'signed-out',
      serverUrl: server.url,
      serverLocked: false,
      expired: true,
    });
    expect(await store.db.kv.get(GRADER_KEY)).toBeDefined();
  });

  it('without refresh token and server is offline', async () => {
    const port = await closedPort();
    const { session } = createTestSession(
      store.db,
      createTestBridge(createSettingsStorage(`http://127.0.0.1:${port}`)),
    );

    await session.start();
    const state = await waitForConnection(session);

    expect(state.connection).toBe('offline');
    expect(state.grader.displayName).toBe('A. Martin');
    expect(await store.db.batches.count()).toBe(1);
    expect(await store.db.copies.count()).toBe(2);
  });

  it('with refresh token and server down is offline', async () => {
    const port = await closedPort();
    const bridge = createTestBridge(
      createSettingsStorage(`http://127.0.0.1:${port}`),
    );
    await bridge.vault.setRefreshToken(
      (await firstBridge.vault.getRefreshToken())!,
    );
    const { session, logger } = createTestSession(store.db, bridge);

    await session.start();
    const state = await waitForConnection(session);

    expect(state.connection).toBe('offline');
    expect(
      logger.lines.some(
        (line) => line.message === 'server unreachable, working offline',
      ),
    ).toBe(true);
    // The token was never sent, so it stays usable once the server is back.
    expect(await bridge.vault.getRefreshToken()).toBe(
      await firstBridge.vault.getRefreshToken(),
    );
  });

  it('with refresh token is online', async () => {
    const before = await firstBridge.vault.getRefreshToken();
    const { session } = createTestSession(store.db, firstBridge);

    await session.start();
    const state = await waitForConnection(session);

    expect(state.connection).toBe('online');
    expect(state.grader.id).toBe(graderId);
    expect(state.lastRefreshAt).toBeInstanceOf(Date);
    const after = await firstBridge.vault.getRefreshToken();
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });
});
