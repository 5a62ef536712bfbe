import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROBLEM_TYPES } from '../../../shared/api/schemas';
import {
  signIn,
  startTestServer,
  type TestServer,
} from '../../support/test-server';
import { SECRET, writeClientFolder, type ClientFolder } from './client-folder';
import { sendRaw } from './raw-request';

describe('web client folder boundaries', () => {
  let folder: ClientFolder;
  let server: TestServer;

  beforeAll(async () => {
    folder = await writeClientFolder();
    server = await startTestServer('sqlite', {
      copiesPerBatch: 1,
      clientRoot: folder.root,
    });
  });
  afterAll(async () => {
    await server?.close();
    if (folder) {
      await rm(folder.parent, { recursive: true, force: true });
    }
  });

  describe('traversal', () => {
    it.each([
      ['dot-dot segments', '/../secret.txt'],
      ['dot-dot inside a folder', '/assets/../../secret.txt'],
      ['encoded dots', '/%2e%2e/secret.txt'],
      ['upper-case encoded dots', '/%2E%2E/secret.txt'],
      ['half-encoded dots', '/.%2e/secret.txt'],
      ['encoded slashes', '/..%2fsecret.txt'],
      ['encoded backslashes', '/..%5csecret.txt'],
      ['backslashes', '/..\\secret.txt'],
      ['backslashes inside a folder', '/assets\\..\\..\\secret.txt'],
      ['an encoded NUL', '/index.html%00.js'],
      ['a double slash', '//etc/passwd'],
      ['a drive letter', '/C:/Windows/win.ini'],
    ])('rejects %s with 400', async (_case, path) => {
      const response = await sendRaw(server.url, path);

      expect(response.status).toBe(400);
      expect(response.text).not.toContain(SECRET);
      expect(JSON.parse(response.text)).toMatchObject({
        type: PROBLEM_TYPES.badRequest,
      });
    });

    it('logs why it rejected a path', async () => {
      await sendRaw(server.url, '/%2e%2e/secret.txt');

      const line = server.logs.find(
        (text) =>
          text.includes('rejected a web client path') &&
          text.includes('encoded dot'),
      );
      expect(line).toBeDefined();
    });

    it('answers 404 to a link to a file outside', async () => {
      const response = await sendRaw(server.url, '/leak.txt');

      expect(response.status).toBe(404);
      expect(response.text).not.toContain(SECRET);
    });

    it('answers 404 to a link to a folder outside', async () => {
      const response = await sendRaw(server.url, '/outside/secret.txt');

      expect(response.status).toBe(404);
      expect(response.text).not.toContain(SECRET);
    });

    it('logs a link that leads out of the folder', async () => {
      await sendRaw(server.url, '/leak.txt');

      const line = server.logs.find((text) =>
        text.includes('leads out of the web client folder'),
      );
      expect(line).toBeDefined();
    });

    it('hides dotfiles', async () => {
      const response = await sendRaw(server.url, '/.env');

      expect(response.status).toBe(404);
      expect(response.text).not.toContain('do-not-serve');
    });
  });

  describe('server routes', () => {
    it('keeps the health probe', async () => {
      const response = await fetch(`${server.url}/healthz`);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('keeps the readiness probe', async () => {
      const response = await fetch(`${server.url}/readyz`);

      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ready' });
    });

    it('keeps the metrics', async () => {
      const response = await fetch(`${server.url}/metrics`);

      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# HELP');
    });

    it('keeps API routes behind authentication', async () => {
      const response = await fetch(`${server.url}/api/v1/assignments`);

      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('file, not the API');
    });

    it('keeps sign-in working', async () => {
      const { client } = await signIn(server, 'amartin');
      const response = await client.request('GET', '/api/v1/me');

      expect(response.status).toBe(200);
    });

    it.each([
      ['GET', '/api/v1/nothing'],
      ['GET', '/api/v2/assignments'],
      ['GET', '/api'],
      ['GET', '/healthz/more'],
      ['GET', '/metrics/more'],
      ['POST', '/api/v1/nothing'],
    ])('answers %s %s with the API 404', async (method, path) => {
      const response = await fetch(`${server.url}${path}`, { method });
      const body = (await response.json()) as { type: string; detail: string };

      expect(response.status).toBe(404);
      expect(body.type).toBe(PROBLEM_TYPES.notFound);
      expect(body.detail).toBe(`No route ${method} ${path}`);
    });

    it('keeps the web client out of the OpenAPI document', async () => {
      const response = await fetch(`${server.url}/api/v1/openapi.json`);
      const document = (await response.json()) as {
        paths: Record<string, unknown>;
      };

      const paths = Object.keys(document.paths);
      expect(paths).not.toContain('/*');
      expect(paths).not.toContain('/');
      expect(paths).toContain('/healthz');
    });
  });
});

describe('web client behind a TLS proxy', () => {
  let folder: ClientFolder;
  let server: TestServer;

  beforeAll(async () => {
    folder = await writeClientFolder();
    server = await startTestServer('sqlite', {
      copiesPerBatch: 1,
      clientRoot: folder.root,
      env: { PUBLIC_URL: 'https://marking.example.org' },
    });
  });
  afterAll(async () => {
    await server?.close();
    if (folder) {
      await rm(folder.parent, { recursive: true, force: true });
    }
  });

  it('locks the client to PUBLIC_URL whatever the Host header', async () => {
    const response = await sendRaw(server.url, '/', {
      headers: { host: 'attacker.example' },
    });

    expect(response.status).toBe(200);
    expect(response.text).toContain(
      '{"serverUrl":"https://marking.example.org"}',
    );
    expect(response.text).not.toContain('attacker.example');
    expect(response.headers['content-security-policy']).toContain(
      "connect-src 'self' https://marking.example.org;",
    );
  });
});
