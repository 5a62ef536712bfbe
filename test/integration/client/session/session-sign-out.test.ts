import 'fake-indexeddb/auto';

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';

import { GRADER_KEY } from '../../../../renderer/app/services/session';
import { SignInRequiredError } from '../../../../renderer/core/api/errors';
import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import {
  createLocalStore,
  type LocalStore,
} from '../../../../renderer/core/store/local-store';
import { FaultProxy } from '../../../support/fault-proxy';
import { PASSWORDS } from '../../../support/fixture-sitting';
import {
  ApiClient as TestApiClient,
  startTestServer,
  type TestServer,
} from '../../../support/test-server';
import {
  createSettingsStorage,
  createTestBridge,
  createTestSession,
  waitForConnection,
  type TestSession,
} from './session-setup';

const realFetch = globalThis.fetch;

// Signing out from the app shell, with the server up and down. The local
// store keeps the examiner's work whatever happens.
describe('session sign-out', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let fetchSpy: MockInstance<typeof fetch>;
  const stores: LocalStore[] = [];

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 2 });
    proxy = await FaultProxy.start(server.url);
  });

  afterAll(async () => {
    for (const store of stores) {
      store.close();
    }
    await proxy?.close();
    await server?.close();
  });

  beforeEach(async () => {
    await proxy.acceptConnections();
    // The session binds the global fetch when it starts, so the spy must
    // be in place first. It calls the real fetch.
    fetchSpy = vi.spyOn(globalThis, 'fetch');
  });

  afterEach(() => {
    fetchSpy.mockRestore();
  });

  /** Returns the bearer token of the last request the spy saw, or null. */
  function lastAccessToken(): string | null {
    for (const [, init] of [...fetchSpy.mock.calls].reverse()) {
      const header = (init?.headers as Record<string, string> | undefined)
        ?.authorization;
      if (header !== undefined) {
        return header.slice('Bearer '.length);
      }
    }
    return null;
  }

  function sentUrls(): string[] {
    return fetchSpy.mock.calls.map(([input]) => String(input));
  }

  async function signedInSession(
    serverUrl: string,
    name: string,
  ): Promise<TestSession & { store: LocalStore }> {
    const store = createLocalStore(new MemoryKeyProvider(), name);
    stores.push(store);
    const bridge = createTestBridge(createSettingsStorage(serverUrl));
    const test = createTestSession(store.db, bridge);
    await test.session.start();
    await test.session.signIn('amartin', PASSWORDS.amartin);
    await test.session.refresh();
    return { ...test, store };
  }

  /** Sends GET /me with `accessToken` and returns the status. */
  async function meStatus(accessToken: string): Promise<number> {
    const client = new TestApiClient(server.url, accessToken);
    return (await client.request('GET', '/api/v1/me')).status;
  }

  /** Sends POST /auth/refresh with `refreshToken` and returns the status. */
  async function refreshStatus(refreshToken: string): Promise<number> {
    const client = new TestApiClient(server.url);
    const response = await client.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken },
    });
    return response.status;
  }

  it('revokes the login and keeps local data', async () => {
    const { session, bridge, store } = await signedInSession(
      server.url,
      'sign-out-online',
    );
    const accessToken = lastAccessToken();
    const refreshToken = await bridge.vault.getRefreshToken();
    expect(accessToken).not.toBeNull();
    expect(refreshToken).not.toBeNull();
    expect(await meStatus(accessToken!)).toBe(200);

    await session.signOut();

    expect(session.getState()).toEqual({
      phase: 'signed-out',
      serverUrl: server.url,
      serverLocked: false,
      expired: false,
    });
    expect(sentUrls()).toContain(`${server.url}/api/v1/auth/logout`);
    expect(await bridge.vault.getRefreshToken()).toBeNull();
    expect(await meStatus(accessToken!)).toBe(401);
    expect(await refreshStatus(refreshToken!)).toBe(401);
    expect(await store.db.kv.get(GRADER_KEY)).toMatchObject({
      value: { displayName: 'A. Martin' },
    });
    expect(await store.db.batches.count()).toBe(1);
    expect(await store.db.copies.count()).toBe(2);

    // Both tokens are gone from memory too: the client asks for a sign-in
    // without sending anything.
    const sentBefore = fetchSpy.mock.calls.length;
    await expect(session.getApi()!.getAssignments()).rejects.toBeInstanceOf(
      SignInRequiredError,
    );
    expect(fetchSpy.mock.calls.length).toBe(sentBefore);
  });

  it('server down still forgets the tokens', async () => {
    const { session, bridge } = await signedInSession(
      proxy.url,
      'sign-out-server-down',
    );
    await proxy.refuseConnections();

    await session.signOut();

    expect(session.getState().phase).toBe('signed-out');
    expect(await bridge.vault.getRefreshToken()).toBeNull();
    const sentBefore = fetchSpy.mock.calls.length;
    await expect(session.getApi()!.getAssignments()).rejects.toBeInstanceOf(
      SignInRequiredError,
    );
    expect(fetchSpy.mock.calls.length).toBe(sentBefore);
  });

  it('revokes a login restored offline', async () => {
    // The first sign-in leaves a refresh token in the bridge's vault.
    const first = await signedInSession(proxy.url, 'sign-out-restored');
    const refreshToken = await first.bridge.vault.getRefreshToken();

    // A restart while the server is down: the session never gets an
    // access token, then the server comes back before the sign-out.
    await proxy.refuseConnections();
    const { session } = createTestSession(first.store.db, first.bridge);
    await session.start();
    expect((await waitForConnection(session)).connection).toBe('offline');
    await proxy.acceptConnections();

    await session.signOut();

    expect(session.getState().phase).toBe('signed-out');
    expect(await first.bridge.vault.getRefreshToken()).toBeNull();
    expect(await refreshStatus(refreshToken!)).toBe(401);
  });

  it('server error still signs out', async () => {
    fetchSpy.mockImplementation((input, init) => {
      if (String(input).endsWith('/auth/logout')) {
        const problem = { title: 'Service Unavailable', status: 503 };
        return Promise.resolve(
          new Response(JSON.stringify(problem), {
            status: 503,
            headers: { 'content-type': 'application/problem+json' },
          }),
        );
      }
      return realFetch(input, init);
    });
    const { session, bridge, logger } = await signedInSession(
      server.url,
      'sign-out-server-error',
    );

    await session.signOut();

    expect(session.getState().phase).toBe('signed-out');
    expect(await bridge.vault.getRefreshToken()).toBeNull();
    const warning = logger.lines.find((line) => line.level === 'warn');
    expect(warning?.message).toBe(
      'revoking the login on the server failed, but the tokens are forgotten',
    );
    expect(String(warning?.fields?.error)).toContain('503');
  });

  it('does nothing when signed out', async () => {
    const store = createLocalStore(new MemoryKeyProvider(), 'sign-out-idle');
    stores.push(store);
    const { session } = createTestSession(
      store.db,
      createTestBridge(createSettingsStorage(server.url)),
    );
    await session.start();

    await session.signOut();

    expect(session.getState().phase).toBe('signed-out');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
