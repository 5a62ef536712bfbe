import { describe, expect, it } from 'vitest';

import { ApiClient } from '../../../../../renderer/core/api/api-client';
import {
  ApiError,
  NetworkError,
  SignInRequiredError,
} from '../../../../../renderer/core/api/errors';
import {
  MemoryRefreshTokenVault,
  VaultTokenStore,
} from '../../../../../renderer/core/api/token-store';

interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

type Responder = (request: SentRequest) => Response | Promise<Response>;

/** A fetch that records each request and returns the response from `respond`. */
function stubFetch(respond: Responder) {
  const sent: SentRequest[] = [];
  const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    };
    sent.push(request);
    return respond(request);
  };
  return { sent, fetch: fetchStub as typeof fetch };
}

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': type },
  });
}

function tokenBody(suffix: string) {
  return {
    accessToken: `access-${suffix}`,
    refreshToken: `refresh-${suffix}`,
    expiresIn: 900,
    grader: { id: 'g1', displayName: 'A. Martin' },
  };
}

async function signedInClient(respond: Responder) {
  const vault = new MemoryRefreshTokenVault();
  const tokens = new VaultTokenStore(vault);
  await tokens.saveTokens('access-0', 'refresh-0');
  const stub = stubFetch(respond);
  const client = new ApiClient({
    baseUrl: 'http://127.0.0.1:9/',
    tokens,
    fetch: stub.fetch,
  });
  return { client, tokens, vault, sent: stub.sent };
}

describe('ApiClient', () => {
  it('signIn stores both tokens', async () => {
    const tokens = new VaultTokenStore(new MemoryRefreshTokenVault());
    const stub = stubFetch(() => json(200, tokenBody('1')));
    const client = new ApiClient({
      baseUrl: 'http://127.0.0.1:9',
      tokens,
      fetch: stub.fetch,
    });

    const response = await client.signIn('amartin', 'secret', 'laptop');

    expect(response.grader.displayName).toBe('A. Martin');
    expect(tokens.getAccessToken()).toBe('access-1');
    expect(await tokens.getRefreshToken()).toBe('refresh-1');
    expect(stub.sent[0]?.url).toBe('http://127.0.0.1:9/api/v1/auth/login');
    expect(JSON.parse(stub.sent[0]?.body ?? '')).toEqual({
      username: 'amartin',
      password: 'secret',
      deviceName: 'laptop',
    });
  });

  it('signIn failure raises ApiError from problem', async () => {
    const tokens = new VaultTokenStore(new MemoryRefreshTokenVault());
    const stub = stubFetch(() =>
      json(
        401,
        {
          type: 'urn:copydesk:problem:unauthorized',
          title: 'Unauthorized',
          status: 401,
          detail: 'The username or password is incorrect',
        },
        'application/problem+json',
      ),
    );
    const client = new ApiClient({
      baseUrl: 'http://127.0.0.1:9',
      tokens,
      fetch: stub.fetch,
    });

    const error = await client
      .signIn('amartin', 'wrong', 'laptop')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).type).toBe('urn:copydesk:problem:unauthorized');
    expect((error as ApiError).detail).toBe(
      'The username or password is incorrect',
    );
    expect(tokens.getAccessToken()).toBeNull();
  });

  it('error without problem body keeps the status', async () => {
    const { client } = await signedInClient(
      () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html', 'retry-after': '7' },
        }),
    );

    const error = (await client
      .getAssignments()
      .catch((caught: unknown) => caught)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.type).toBe('about:blank');
    expect(error.title).toBe('Bad Gateway');
    expect(error.retryAfterSeconds).toBe(7);
  });

  it('failed fetch raises NetworkError', async () => {
    const { client } = await signedInClient(() => {
      throw new TypeError('fetch failed');
    });

    const error = await client
      .getBatch('b1')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('/api/v1/batches/b1');
  });

  it('aborted request raises the abort reason', async () => {
    const controller = new AbortController();
    controller.abort();
    const { client } = await signedInClient((request) => {
      void request;
      throw controller.signal.reason;
    });

    const error = await client
      .getAssignments(controller.signal)
      .catch((caught: unknown) => caught);

    expect(error).not.toBeInstanceOf(NetworkError);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('sends the bearer token', async () => {
    const { client, sent } = await signedInClient(() =>
      json(200, { batches: [], schemes: [], cursor: 'c1' }),
    );

    const assignments = await client.getAssignments();

    expect(assignments.cursor).toBe('c1');
    expect(sent[0]?.headers.authorization).toBe('Bearer access-0');
  });

  it('concurrent 401s trigger one refresh', async () => {
    let refreshes = 0;
    const { client, tokens, sent } = await signedInClient(async (request) => {
      if (request.url.endsWith('/auth/refresh')) {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return json(200, tokenBody(String(refreshes)));
      }
      if (request.headers.authorization !== 'Bearer access-1') {
        return json(401, { detail: 'expired' }, 'application/problem+json');
      }
      return json(200, { batches: [], schemes: [], cursor: 'c' });
    });

    const results = await Promise.all([
      client.getAssignments(),
      client.getAssignments(),
      client.getAssignments(),
    ]);

    expect(results).toHaveLength(3);
    expect(refreshes).toBe(1);
    expect(tokens.getAccessToken()).toBe('access-1');
    expect(await tokens.getRefreshToken()).toBe('refresh-1');
    const refreshBody = sent.find((request) =>
      request.url.endsWith('/auth/refresh'),
    )?.body;
    expect(JSON.parse(refreshBody ?? '')).toEqual({
      refreshToken: 'refresh-0',
    });
  });

  it('rejected refresh requires sign-in', async () => {
    const { client, tokens } = await signedInClient((request) => {
      if (request.url.endsWith('/auth/refresh')) {
        return json(
          401,
          { detail: 'refresh token expired' },
          'application/problem+json',
        );
      }
      return json(401, { detail: 'expired' }, 'application/problem+json');
    });

    const error = await client
      .getAssignments()
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as Error).message).toContain('refresh token expired');
    expect(tokens.getAccessToken()).toBeNull();
    expect(await tokens.getRefreshToken()).toBeNull();
  });

  it('missing refresh token requires sign-in', async () => {
    const tokens = new VaultTokenStore(new MemoryRefreshTokenVault());
    const stub = stubFetch(() => json(200, {}));
    const client = new ApiClient({
      baseUrl: 'http://127.0.0.1:9',
      tokens,
      fetch: stub.fetch,
    });

    const error = await client
      .getAssignments()
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SignInRequiredError);
    expect(stub.sent).toHaveLength(0);
  });

  it('downloadScan sends Range and If-Range', async () => {
    const { client, sent } = await signedInClient(
      () =>
        new Response('rest', {
          status: 206,
          headers: { 'content-range': 'bytes 10-13/14' },
        }),
    );

    const response = await client.downloadScan('c 1', {
      resume: { fromByte: 10, sha256: 'ab'.repeat(32) },
    });

    expect(response.status).toBe(206);
    expect(sent[0]?.url).toBe('http://127.0.0.1:9/api/v1/copies/c%201/scan');
    expect(sent[0]?.headers.range).toBe('bytes=10-');
    expect(sent[0]?.headers['if-range']).toBe(`"${'ab'.repeat(32)}"`);
  });

  it('downloadScan from zero sends no Range', async () => {
    const { client, sent } = await signedInClient(
      () => new Response('all', { status: 200 }),
    );

    await client.downloadScan('c1', {
      resume: { fromByte: 0, sha256: 'ab'.repeat(32) },
    });

    expect(sent[0]?.headers.range).toBeUndefined();
    expect(sent[0]?.headers['if-range']).toBeUndefined();
  });

  it('downloadScan 404 raises ApiError', async () => {
    const { client } = await signedInClient(() =>
      json(404, { detail: 'No copy c1' }, 'application/problem+json'),
    );

    const error = await client
      .downloadScan('c1')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
  });

  it('signOut revokes then forgets tokens', async () => {
    const { client, tokens, sent } = await signedInClient(
      () => new Response(null, { status: 204 }),
    );

    await client.signOut();

    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.url).toBe('http://127.0.0.1:9/api/v1/auth/logout');
    expect(sent[0]?.headers.authorization).toBe('Bearer access-0');
    expect(tokens.getAccessToken()).toBeNull();
    expect(await tokens.getRefreshToken()).toBeNull();
  });

  it('signOut offline still forgets tokens', async () => {
    const { client, tokens, sent } = await signedInClient(() => {
      throw new TypeError('fetch failed');
    });

    await client.signOut();

    expect(sent).toHaveLength(1);
    expect(tokens.getAccessToken()).toBeNull();
    expect(await tokens.getRefreshToken()).toBeNull();
  });

  it('signOut without access token refreshes first', async () => {
    const vault = new MemoryRefreshTokenVault();
    await vault.save('refresh-0');
    const tokens = new VaultTokenStore(vault);
    const stub = stubFetch((request) =>
      request.url.endsWith('/auth/refresh')
        ? json(200, tokenBody('1'))
        : new Response(null, { status: 204 }),
    );
    const client = new ApiClient({
      baseUrl: 'http://127.0.0.1:9',
      tokens,
      fetch: stub.fetch,
    });

    await client.signOut();

    expect(stub.sent.map((request) => request.url)).toEqual([
      'http://127.0.0.1:9/api/v1/auth/refresh',
      'http://127.0.0.1:9/api/v1/auth/logout',
    ]);
    expect(stub.sent[1]?.headers.authorization).toBe('Bearer access-1');
    expect(tokens.getAccessToken()).toBeNull();
    expect(await vault.load()).toBeNull();
  });

  it('signOut with expired access token refreshes', async () => {
    const { client, tokens, sent } = await signedInClient((request) => {
      if (request.url.endsWith('/auth/refresh')) {
        return json(200, tokenBody('1'));
      }
      if (request.headers.authorization === 'Bearer access-1') {
        return new Response(null, { status: 204 });
      }
      return json(401, { detail: 'expired' }, 'application/problem+json');
    });

    await client.signOut();

    expect(sent.map((request) => request.headers.authorization)).toEqual([
      'Bearer access-0',
      undefined,
      'Bearer access-1',
    ]);
    expect(tokens.getAccessToken()).toBeNull();
    expect(await tokens.getRefreshToken()).toBeNull();
  });

  it('signOut without tokens sends nothing', async () => {
    const tokens = new VaultTokenStore(new MemoryRefreshTokenVault());
    const stub = stubFetch(() => new Response(null, { status: 204 }));
    const client = new ApiClient({
      baseUrl: 'http://127.0.0.1:9',
      tokens,
      fetch: stub.fetch,
    });

    await client.signOut();

    expect(stub.sent).toHaveLength(0);
  });

  it('signOut rejected refresh still forgets tokens', async () => {
    const vault = new MemoryRefreshTokenVault();
    await vault.save('refresh-0');
    const tokens = new VaultTokenStore(vault);
    const stub = stubFetch(() =>
      json(401, { detail: 'revoked' }, 'application/problem+json'),
    );
    const client = new ApiClient({
      baseUrl: 'http://127.0.0.1:9',
      tokens,
      fetch: stub.fetch,
    });

    await client.signOut();

    expect(stub.sent.map((request) => request.url)).toEqual([
      'http://127.0.0.1:9/api/v1/auth/refresh',
    ]);
    expect(await vault.load()).toBeNull();
  });

  it('signOut server error raises after forgetting', async () => {
    const { client, tokens } = await signedInClient(() =>
      json(
        503,
        { title: 'Service Unavailable', status: 503, detail: 'maintenance' },
        'application/problem+json',
      ),
    );

    const error = await client.signOut().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).detail).toBe('maintenance');
    expect(tokens.getAccessToken()).toBeNull();
    expect(await tokens.getRefreshToken()).toBeNull();
  });

  it('body that is not JSON is rejected', async () => {
    const { client } = await signedInClient(
      () => new Response('<html>portal</html>', { status: 200 }),
    );

    await expect(client.getAssignments()).rejects.toThrow(/not JSON/);
  });
});
