import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  signIn,
  startTestServer,
  type TestServer,
} from '../../support/test-server';

// CORS happens before any database work, so one dialect is enough.
describe('cross-origin requests', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      copiesPerBatch: 1,
      env: { CORS_ORIGINS: 'app://copydesk, http://127.0.0.1:5173' },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  function preflight(origin: string) {
    return fetch(`${server.url}/api/v1/copies/any/grade`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers':
          'authorization, content-type, if-match, idempotency-key',
      },
    });
  }

  it('preflight allows the desktop app origin', async () => {
    const response = await preflight('app://copydesk');

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(
      'app://copydesk',
    );
    const methods = response.headers.get('access-control-allow-methods');
    expect(methods).toContain('PUT');
    const headers = response.headers.get('access-control-allow-headers') ?? '';
    for (const name of ['authorization', 'if-match', 'idempotency-key']) {
      expect(headers).toContain(name);
    }
  });

  it('preflight allows a configured browser origin', async () => {
    const response = await preflight('http://127.0.0.1:5173');

    expect(response.headers.get('access-control-allow-origin')).toBe(
      'http://127.0.0.1:5173',
    );
  });

  it('other origins get no CORS grant', async () => {
    const response = await preflight('https://evil.example');

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('responses expose ETag to the client', async () => {
    const { accessToken } = await signIn(server, 'amartin');
    const response = await fetch(`${server.url}/api/v1/me`, {
      headers: {
        origin: 'app://copydesk',
        authorization: `Bearer ${accessToken}`,
      },
    });

    expect(response.headers.get('access-control-allow-origin')).toBe(
      'app://copydesk',
    );
    expect(response.headers.get('access-control-expose-headers')).toContain(
      'etag',
    );
  });
});
