import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROBLEM_TYPES } from '../../../shared/api/schemas';
import {
  signIn,
  startTestServer,
  type TestServer,
} from '../../support/test-server';
import { expectProblem } from './support/problem';

// These errors come from HTTP handling before any database work, so one
// dialect is enough.
describe('HTTP-level errors', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 1 });
    token = (await signIn(server, 'amartin')).accessToken;
  });
  afterAll(async () => {
    await server?.close();
  });

  async function send(path: string, init: RequestInit = {}) {
    const response = await fetch(`${server.url}${path}`, init);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: JSON.parse(text) as unknown,
    };
  }

  it('bad percent-encoding is a 400 problem', async () => {
    const response = await send('/api/v1/copies/%ZZ/scan', {
      headers: { authorization: `Bearer ${token}` },
    });

    const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
    expect(problem.detail).toContain('percent-encoding');
  });

  it('overlong path segment is a 404 problem', async () => {
    const response = await send(`/api/v1/copies/${'a'.repeat(300)}/scan`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expectProblem(response, 404, PROBLEM_TYPES.notFound);
  });

  it('text body is a 415 problem', async () => {
    const response = await send('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'amartin',
    });

    const problem = expectProblem(
      response,
      415,
      PROBLEM_TYPES.unsupportedMediaType,
    );
    expect(problem.detail).toContain('application/json');
  });

  it('oversized body is a 413 problem', async () => {
    const response = await send('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(6 * 1024 * 1024) }),
    });

    const problem = expectProblem(response, 413, PROBLEM_TYPES.payloadTooLarge);
    expect(problem.detail).toContain('5 MB');
  });

  it('unknown route is a 404 problem', async () => {
    const response = await send('/api/v1/nothing-here');

    const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
    expect(problem.detail).toContain('/api/v1/nothing-here');
  });
});
