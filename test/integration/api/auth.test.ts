import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROBLEM_TYPES } from '../../../shared/api/schemas';
import { hashToken } from '../../../server/auth/tokens';
import { PASSWORDS } from '../../support/fixture-sitting';
import { testDialects } from '../../support/test-database';
import {
  ApiClient,
  signIn,
  startTestServer,
  type TestServer,
} from '../../support/test-server';
import { expectProblem, type ProblemBody } from './support/problem';

interface TokenBody {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  grader: { id: string; displayName: string };
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`authentication on ${dialect}`, () => {
    let server: TestServer;
    let anonymous: ApiClient;

    beforeAll(async () => {
      server = await startTestServer(dialect, {
        env: { ACCESS_TOKEN_TTL: '600' },
      });
      anonymous = new ApiClient(server.url);
    });
    afterAll(async () => {
      await server?.close();
    });

    function login(body: unknown) {
      return anonymous.request<TokenBody>('POST', '/api/v1/auth/login', {
        body,
      });
    }

    function refresh(refreshToken: string) {
      return anonymous.request<TokenBody>('POST', '/api/v1/auth/refresh', {
        body: { refreshToken },
      });
    }

    function me(accessToken: string) {
      return anonymous.request<{ id: string; displayName: string }>(
        'GET',
        '/api/v1/me',
        { headers: { authorization: `Bearer ${accessToken}` } },
      );
    }

    it('login returns tokens and the grader', async () => {
      const response = await login({
        username: 'amartin',
        password: PASSWORDS.amartin,
        deviceName: 'laptop',
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(
        /^application\/json/,
      );
      expect(response.body.accessToken).toMatch(/^\S{20,}$/);
      expect(response.body.refreshToken).toMatch(/^\S{20,}$/);
      expect(response.body.refreshToken).not.toBe(response.body.accessToken);
      expect(response.body.expiresIn).toBe(600);
      expect(response.body.grader.displayName).toBe('A. Martin');
      const amartin = server.sitting.graders.find(
        (grader) => grader.username === 'amartin',
      );
      expect(response.body.grader.id).toBe(amartin?.id);
    });

    it.each([
      [
        'a missing field',
        { username: 'amartin', deviceName: 'laptop' },
        'password',
      ],
      [
        'an extra field',
        {
          username: 'amartin',
          password: PASSWORDS.amartin,
          deviceName: 'laptop',
          remember: true,
        },
        'remember',
      ],
      [
        'a wrong type',
        { username: 42, password: PASSWORDS.amartin, deviceName: 'laptop' },
        'username',
      ],
    ])('login rejects %s with 400', async (_case, body, field) => {
      const response = await login(body);

      const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
      expect(problem.detail).toContain(field);
    });

    it('login rejects a body that is not JSON with 400', async () => {
      const response = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username": ',
      });

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(
        /^application\/problem\+json/,
      );
    });

    it('login answers unknown user and wrong password alike', async () => {
      const unknown = await login({
        username: 'nobody',
        password: 'whatever password',
        deviceName: 'laptop',
      });
      const wrong = await login({
        username: 'chef',
        password: 'not the password',
        deviceName: 'laptop',
      });

      expectProblem(unknown, 401, PROBLEM_TYPES.unauthorized);
      expectProblem(wrong, 401, PROBLEM_TYPES.unauthorized);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.headers.get('www-authenticate')).toBe(
        unknown.headers.get('www-authenticate'),
      );
    });

    it('login locks a username after repeated failures', async () => {
      const attempt = (password: string) =>
        login({ username: 'bdupont', password, deviceName: 'laptop' });

      const statuses: number[] = [];
      for (let index = 0; index < 5; index += 1) {
        statuses.push((await attempt(`wrong password ${index}`)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401]);

      const locked = await attempt('wrong password again');
      const problem = expectProblem(locked, 429, PROBLEM_TYPES.tooManyRequests);
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(problem.detail).toContain(`${retryAfter} seconds`);

      const rightPassword = await attempt(PASSWORDS.bdupont);
      expectProblem(rightPassword, 429, PROBLEM_TYPES.tooManyRequests);
      expect(rightPassword.headers.get('retry-after')).not.toBeNull();
    });

    it('login limit holds under a concurrent burst', async () => {
      const guesses = Array.from({ length: 30 }, (_, index) =>
        login({
          username: 'chef',
          password: index === 20 ? PASSWORDS.chef : `guess ${index}`,
          deviceName: 'burst',
        }),
      );
      const statuses = (await Promise.all(guesses)).map(
        (response) => response.status,
      );

      const checked = statuses.filter((status) => status !== 429);
      expect(checked.length).toBeLessThanOrEqual(5);
      expect(statuses.filter((status) => status === 429).length).toBe(
        30 - checked.length,
      );

      // Later tests sign in as chef.
      await server.handle.db.deleteFrom('login_failures').execute();
    });

    it('refresh rotates the refresh token', async () => {
      const first = await signIn(server, 'amartin');

      const response = await refresh(first.refreshToken);

      expect(response.status).toBe(200);
      expect(response.body.refreshToken).not.toBe(first.refreshToken);
      expect(response.body.accessToken).not.toBe(first.accessToken);
      expect(response.body.expiresIn).toBe(600);
      expect(response.body.grader.id).toBe(first.graderId);
      expect((await me(response.body.accessToken)).status).toBe(200);
    });

    it('reused refresh token revokes the whole login', async () => {
      const first = await signIn(server, 'amartin');
      const rotated = await refresh(first.refreshToken);
      expect(rotated.status).toBe(200);

      const reused = await refresh(first.refreshToken);

      const problem = expectProblem(reused, 401, PROBLEM_TYPES.unauthorized);
      expect(problem.detail).toContain('already used');
      expect((await me(rotated.body.accessToken)).status).toBe(401);
      expect((await me(first.accessToken)).status).toBe(401);
      const newRefresh = await refresh(rotated.body.refreshToken);
      expectProblem(newRefresh, 401, PROBLEM_TYPES.unauthorized);
    });

    it('reuse leaves other logins working', async () => {
      const victim = await signIn(server, 'amartin');
      const other = await signIn(server, 'amartin');
      expect((await refresh(victim.refreshToken)).status).toBe(200);

      expect((await refresh(victim.refreshToken)).status).toBe(401);

      expect((await me(other.accessToken)).status).toBe(200);
    });

    it.each([
      ['garbage', 'not-a-token'],
      ['a made-up token', `cdr_${'A'.repeat(43)}`],
    ])('refresh rejects %s with 401', async (_case, token) => {
      const response = await refresh(token);

      const problem = expectProblem(response, 401, PROBLEM_TYPES.unauthorized);
      expect(problem.detail).toContain('refresh token');
    });

    it('refresh rejects a missing token with 400', async () => {
      const response = await anonymous.request('POST', '/api/v1/auth/refresh', {
        body: {},
      });

      const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
      expect(problem.detail).toContain('refreshToken');
    });

    it('expired access token gets 401', async () => {
      const session = await signIn(server, 'amartin');
      expect((await me(session.accessToken)).status).toBe(200);

      await server.handle.db
        .updateTable('access_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token_hash', '=', hashToken(session.accessToken))
        .execute();

      const response = await me(session.accessToken);
      const problem = expectProblem(response, 401, PROBLEM_TYPES.unauthorized);
      expect(problem.detail).toContain('expired');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await refresh(session.refreshToken)).status).toBe(200);
    });

    it('logout revokes the access and refresh tokens', async () => {
      const session = await signIn(server, 'amartin');

      const response = await session.client.request(
        'POST',
        '/api/v1/auth/logout',
      );

      expect(response.status).toBe(204);
      expect(response.body).toBe('');
      expectProblem(
        await me(session.accessToken),
        401,
        PROBLEM_TYPES.unauthorized,
      );
      expectProblem(
        await refresh(session.refreshToken),
        401,
        PROBLEM_TYPES.unauthorized,
      );
      const again = await session.client.request('POST', '/api/v1/auth/logout');
      expectProblem(again, 401, PROBLEM_TYPES.unauthorized);
    });

    it('me returns the signed-in grader', async () => {
      const session = await signIn(server, 'chef');

      const response = await me(session.accessToken);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: session.graderId,
        displayName: 'Chef de jury',
      });
    });

    it.each([
      ['no Authorization header', undefined, 'missing'],
      ['a Basic header', 'Basic YW1hcnRpbjpwYXNz', 'not a bearer token'],
      ['an empty bearer token', 'Bearer ', 'not a bearer token'],
      ['a token with spaces', 'Bearer two words', 'not a bearer token'],
      ['an unknown token', 'Bearer cda_unknown', 'invalid'],
    ])('me rejects %s with 401', async (_case, authorization, words) => {
      const headers: Record<string, string> =
        authorization === undefined ? {} : { authorization };

      const response = await anonymous.request('GET', '/api/v1/me', {
        headers,
      });

      const problem: ProblemBody = expectProblem(
        response,
        401,
        PROBLEM_TYPES.unauthorized,
      );
      expect(problem.detail).toContain(words);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('every protected route needs a token', async () => {
      const id = 'any-id';
      const routes: [string, string, unknown?][] = [
        ['GET', '/api/v1/me'],
        ['POST', '/api/v1/auth/logout'],
        ['GET', '/api/v1/assignments'],
        ['GET', `/api/v1/batches/${id}`],
        ['POST', `/api/v1/batches/${id}/submit`],
        ['GET', `/api/v1/copies/${id}/scan`],
        ['GET', '/api/v1/changes?since=c0'],
        ['GET', `/api/v1/copies/${id}/grade`],
        ['PUT', `/api/v1/copies/${id}/grade`, { status: 'draft' }],
        [
          'POST',
          `/api/v1/copies/${id}/reports`,
          { kind: 'other', pages: [1], note: '' },
        ],
      ];

      for (const [method, path, body] of routes) {
        const response = await anonymous.request(method, path, { body });
        expect({ route: `${method} ${path}`, status: response.status }).toEqual(
          { route: `${method} ${path}`, status: 401 },
        );
        expectProblem(response, 401, PROBLEM_TYPES.unauthorized);
      }
    });
  });
}
