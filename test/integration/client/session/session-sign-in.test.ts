import 'fake-indexeddb/auto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  GRADER_KEY,
  SignInFailedError,
} from '../../../../renderer/app/services/session';
import { listBatchOverviews } from '../../../../renderer/core/assignments/batch-overview';
import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import {
  createLocalStore,
  type LocalStore,
} from '../../../../renderer/core/store/local-store';
import { PASSWORDS } from '../../../support/fixture-sitting';
import { startTestServer, type TestServer } from '../../../support/test-server';
import {
  closedPort,
  createSettingsStorage,
  createTestBridge,
  createTestSession,
} from './session-setup';

// A first start of the app: no server address, then an address, then the
// sign-in screen, against the real reference server.
describe('session first start', () => {
  let server: TestServer;
  const stores: LocalStore[] = [];

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 3 });
  });

  afterAll(async () => {
    for (const store of stores) {
      store.close();
    }
    await server?.close();
  });

  function newStore(name: string): LocalStore {
    const store = createLocalStore(new MemoryKeyProvider(), name);
    stores.push(store);
    return store;
  }

  it('asks for a server when none is set', async () => {
    const store = newStore('session-no-server');
    const { session } = createTestSession(
      store.db,
      createTestBridge(createSettingsStorage()),
    );

    await session.start();

    expect(session.getState()).toEqual({ phase: 'needs-server' });
    expect(session.getApi()).toBeNull();
  });

  it('setServer rejects invalid addresses', async () => {
    const storage = createSettingsStorage();
    const { session, reloads } = createTestSession(
      newStore('session-invalid-server').db,
      createTestBridge(storage),
    );
    await session.start();
    const invalid = [
      'copydesk.example.org',
      'ftp://copydesk.example.org',
      'http://copydesk.example.org',
      'https://user:secret@copydesk.example.org',
      '',
    ];

    for (const address of invalid) {
      await expect(session.setServer(address), address).rejects.toThrow(
        `invalid server address ${JSON.stringify(address)}`,
      );
    }

    expect(storage.items.size).toBe(0);
    expect(reloads()).toBe(0);
    expect(session.getState()).toEqual({ phase: 'needs-server' });
  });

  it('setServer stores the address and reloads', async () => {
    const storage = createSettingsStorage();
    const bridge = createTestBridge(storage);
    const { session, reloads, logger } = createTestSession(
      newStore('session-set-server').db,
      bridge,
    );
    await session.start();

    await session.setServer(`  ${server.url}/ `);

    expect(await bridge.settings.get()).toEqual({ serverUrl: server.url });
    expect(reloads()).toBe(1);
    expect(logger.lines.map((line) => line.message)).toContain(
      'server address changed',
    );
  });

  it('clearServer forgets the address and reloads', async () => {
    const bridge = createTestBridge(createSettingsStorage(server.url));
    const { session, reloads } = createTestSession(
      newStore('session-clear-server').db,
      bridge,
    );
    await session.start();

    await session.clearServer();

    expect(await bridge.settings.get()).toEqual({});
    expect(reloads()).toBe(1);
  });

  it('starts signed out with an empty store', async () => {
    const { session } = createTestSession(
      newStore('session-signed-out').db,
      createTestBridge(createSettingsStorage(server.url)),
    );

    await session.start();

    expect(session.getState()).toEqual({
      phase: 'signed-out',
      serverUrl: server.url,
      serverLocked: false,
      expired: false,
    });
    expect(session.getApi()).not.toBeNull();
  });

  it('wrong password stores nothing', async () => {
    const store = newStore('session-wrong-password');
    const bridge = createTestBridge(createSettingsStorage(server.url));
    const { session } = createTestSession(store.db, bridge);
    await session.start();

    const error = await session
      .signIn('amartin', 'not the password')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).failure).toEqual({
      kind: 'wrong-credentials',
    });
    expect(session.getState().phase).toBe('signed-out');
    expect(await store.db.kv.get(GRADER_KEY)).toBeUndefined();
    expect(await bridge.vault.getRefreshToken()).toBeNull();
    expect(await store.db.batches.count()).toBe(0);
  });

  it('unknown user is wrong credentials', async () => {
    const { session } = createTestSession(
      newStore('session-unknown-user').db,
      createTestBridge(createSettingsStorage(server.url)),
    );
    await session.start();

    const error = await session
      .signIn('nobody', PASSWORDS.amartin)
      .catch((caught: unknown) => caught);

    expect((error as SignInFailedError).failure).toEqual({
      kind: 'wrong-credentials',
    });
  });

  it('unreachable server fails as offline', async () => {
    const port = await closedPort();
    const store = newStore('session-sign-in-offline');
    const { session } = createTestSession(
      store.db,
      createTestBridge(createSettingsStorage(`http://127.0.0.1:${port}`)),
    );
    await session.start();

    const error = await session
      .signIn('amartin', PASSWORDS.amartin)
      .catch((caught: unknown) => caught);

    expect((error as SignInFailedError).failure).toEqual({ kind: 'offline' });
    expect(await store.db.kv.get(GRADER_KEY)).toBeUndefined();
  });

  it('sign-in before start is rejected', async () => {
    const { session } = createTestSession(
      newStore('session-not-started').db,
      createTestBridge(createSettingsStorage(server.url)),
    );

    await expect(session.signIn('amartin', PASSWORDS.amartin)).rejects.toThrow(
      'no server address is set: enter one first',
    );
  });

  it('sign-in stores the grader and assignments', async () => {
    const store = newStore('session-sign-in');
    const bridge = createTestBridge(createSettingsStorage(server.url));
    const { session, logger } = createTestSession(store.db, bridge);
    await session.start();

    await session.signIn('amartin', PASSWORDS.amartin);

    const signedIn = session.getState();
    expect(signedIn).toMatchObject({
      phase: 'active',
      serverUrl: server.url,
      serverLocked: false,
      grader: { displayName: 'A. Martin' },
      connection: 'online',
    });
    expect(await store.db.kv.get(GRADER_KEY)).toMatchObject({
      value: { displayName: 'A. Martin' },
    });
    expect(await bridge.vault.getRefreshToken()).not.toBeNull();

    await session.refresh();

    const state = session.getState();
    expect(state).toMatchObject({ phase: 'active', connection: 'online' });
    expect(state).toHaveProperty('lastRefreshAt', expect.any(Date));
    const batches = await listBatchOverviews(store.db);
    expect(batches.map((overview) => overview.batch.title)).toEqual(['Lot 1']);
    expect(batches[0]?.copiesTotal).toBe(3);
    expect(batches[0]?.copiesStored).toBe(0);
    const copies = await store.db.copies.toArray();
    expect(copies.map((copy) => copy.anonymousCode).sort()).toEqual([
      'A000000001',
      'A000000002',
      'A000000003',
    ]);
    expect(copies.every((copy) => copy.download === 'missing')).toBe(true);

    const logged = JSON.stringify(logger.lines);
    expect(logged).not.toContain(PASSWORDS.amartin);
    expect(logged).not.toContain(await bridge.vault.getRefreshToken());
  });
});
