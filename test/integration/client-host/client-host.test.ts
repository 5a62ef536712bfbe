import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from '../../support/test-server';
import {
  CLIENT_FILES,
  writeClientFolder,
  type ClientFolder,
} from './client-folder';
import { sendRaw } from './raw-request';

/** Returns the JSON of the page's configuration element. */
function pageConfigOf(html: string): unknown {
  const match =
    /<script type="application\/json" id="copydesk-config">(.*?)<\/script>/s.exec(
      html,
    );
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!);
}

// Serving files involves no database work, so one dialect is enough.
describe('web client served by the reference server', () => {
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

  describe('index page', () => {
    it('is served at / and at /index.html', async () => {
      for (const path of ['/', '/index.html']) {
        const response = await fetch(`${server.url}${path}`);

        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(
          'text/html; charset=utf-8',
        );
        expect(await response.text()).toContain('<div id="root"></div>');
      }
    });

    it('locks the client to the server it came from', async () => {
      const html = await (await fetch(`${server.url}/`)).text();

      expect(pageConfigOf(html)).toEqual({ serverUrl: server.url });
    });

    it('takes the server origin from the Host header', async () => {
      const port = new URL(server.url).port;
      const response = await sendRaw(server.url, '/', {
        headers: { host: `localhost:${port}` },
      });

      expect(pageConfigOf(response.text)).toEqual({
        serverUrl: `http://localhost:${port}`,
      });
      expect(response.headers['content-security-policy']).toContain(
        `connect-src 'self' http://localhost:${port};`,
      );
    });

    it('keeps the built page around the configuration', async () => {
      const html = await (await fetch(`${server.url}/`)).text();
      const withoutConfig = html.replace(
        /\n {4}<script type="application\/json" id="copydesk-config">.*?<\/script>/,
        '',
      );

      expect(withoutConfig).toBe(CLIENT_FILES['index.html']);
    });

    it('sends the Content-Security-Policy', async () => {
      const response = await fetch(`${server.url}/`);
      const policy = response.headers.get('content-security-policy');

      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(policy).toContain(`connect-src 'self' ${server.url};`);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
    });

    it('is revalidated on every load', async () => {
      const response = await fetch(`${server.url}/`);

      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('gets the configuration in a folder page too', async () => {
      const response = await fetch(`${server.url}/help/`);

      expect(response.status).toBe(200);
      expect(pageConfigOf(await response.text())).toEqual({
        serverUrl: server.url,
      });
      expect(response.headers.get('content-security-policy')).not.toBeNull();
    });

    it('answers HEAD with the headers and no body', async () => {
      const get = await sendRaw(server.url, '/');
      const head = await sendRaw(server.url, '/', { method: 'HEAD' });

      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(head.headers['content-length']).toBe(String(get.body.length));
      expect(head.headers['content-security-policy']).toBe(
        get.headers['content-security-policy'],
      );
    });

    it('rejects a Host header that is not a host', async () => {
      const response = await sendRaw(server.url, '/', {
        headers: { host: 'a.org;script-src' },
      });

      expect(response.status).toBe(400);
      expect(response.text).toContain('is not a valid host');
      expect(response.text).not.toContain('copydesk-config');
    });

    it('warns once about an origin the client rejects', async () => {
      const port = new URL(server.url).port;
      for (let index = 0; index < 3; index += 1) {
        const response = await sendRaw(server.url, '/', {
          headers: { host: `192.168.1.20:${port}` },
        });
        expect(response.status).toBe(200);
      }

      const warnings = server.logs.filter((line) =>
        line.includes(`requested at http://192.168.1.20:${port}`),
      );
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('set PUBLIC_URL');
    });
  });

  describe('assets', () => {
    it.each([
      ['assets/index-CxpUUIkf.js', 'text/javascript; charset=utf-8'],
      ['assets/pdf.worker-Bq2xY7aa.mjs', 'text/javascript; charset=utf-8'],
      ['assets/index-CU6l5V55.css', 'text/css; charset=utf-8'],
      ['assets/tesseract-core-1a2B3c4D.wasm', 'application/wasm'],
      ['assets/logo-AbCdEfGh.svg', 'image/svg+xml'],
      ['assets/inter-AbCdEfGh.woff2', 'font/woff2'],
      ['manifest.json', 'application/json; charset=utf-8'],
    ])('serves %s as %s', async (path, type) => {
      const response = await fetch(`${server.url}/${path}`);
      const body = Buffer.from(await response.arrayBuffer());

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(body.equals(Buffer.from(CLIENT_FILES[path]!))).toBe(true);
    });

    it('sends no Content-Security-Policy with a script', async () => {
      const response = await fetch(`${server.url}/assets/index-CxpUUIkf.js`);

      expect(response.headers.get('content-security-policy')).toBeNull();
    });

    it('lets browsers cache hashed assets for a year', async () => {
      const response = await fetch(`${server.url}/assets/index-CxpUUIkf.js`);

      expect(response.headers.get('cache-control')).toBe(
        'public, max-age=31536000, immutable',
      );
    });

    it('revalidates a file without a hash', async () => {
      const response = await fetch(`${server.url}/favicon.svg`);

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('etag')).toMatch(
        /^W\/"[0-9a-f]+-[0-9a-f]+"$/,
      );
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const first = await fetch(`${server.url}/favicon.svg`);
      const etag = first.headers.get('etag')!;

      const second = await fetch(`${server.url}/favicon.svg`, {
        headers: { 'if-none-match': `"other", ${etag}` },
      });

      expect(second.status).toBe(304);
      expect(await second.text()).toBe('');
      expect(second.headers.get('etag')).toBe(etag);
    });

    it('answers 200 to an If-None-Match of another version', async () => {
      const response = await fetch(`${server.url}/favicon.svg`, {
        headers: { 'if-none-match': 'W/"1-1"' },
      });

      expect(response.status).toBe(200);
    });

    it('answers HEAD with the length and no body', async () => {
      const path = '/assets/tesseract-core-1a2B3c4D.wasm';
      const response = await sendRaw(server.url, path, { method: 'HEAD' });

      expect(response.status).toBe(200);
      expect(response.body.length).toBe(0);
      expect(response.headers['content-length']).toBe('8');
      expect(response.headers['content-type']).toBe('application/wasm');
    });

    it('serves a symbolic link that stays inside the folder', async () => {
      const response = await fetch(`${server.url}/alias.js`);

      expect(response.status).toBe(200);
      expect(await response.text()).toBe(
        await readFile(join(folder.root, 'assets/index-CxpUUIkf.js'), 'utf8'),
      );
    });

    it('answers 404 to a missing file', async () => {
      const response = await fetch(`${server.url}/assets/missing-AbCdEfGh.js`);

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(
        /^application\/problem\+json/,
      );
    });

    it('lists no folder', async () => {
      for (const path of ['/assets/', '/assets', '/api/']) {
        const response = await fetch(`${server.url}${path}`);

        expect(response.status, path).toBe(404);
        expect(await response.text(), path).not.toContain('index-CxpUUIkf');
      }
    });

    it('serves nothing to other methods', async () => {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const response = await fetch(`${server.url}/index.html`, { method });

        expect(response.status, method).toBe(404);
        expect(await response.text(), method).not.toContain('<html');
      }
    });
  });
});
