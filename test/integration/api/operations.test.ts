import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../../server/app';
import { readConfig } from '../../../server/config';
import { FileScanStorage } from '../../../server/storage/file-storage';
import { createTestDatabase, testDialects } from '../../support/test-database';
import {
  ApiClient,
  signIn,
  startTestServer,
  type TestServer,
} from '../../support/test-server';
import { loadOwnBatch } from './support/assigned-batch';

/** Returns the value of one series of a Prometheus text exposition, or 0. */
function sampleValue(text: string, series: string): number {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) {
      return Number(line.slice(series.length + 1));
    }
  }
  return 0;
}

/** GETs `url` through `agent` and returns the status and the body as text. */
function getText(
  url: string,
  agent: Agent,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body }),
      );
      response.on('error', reject);
    }).on('error', reject);
  });
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`operator routes on ${dialect}`, () => {
    let server: TestServer;
    let anonymous: ApiClient;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      anonymous = new ApiClient(server.url);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('healthz is 200 without a token', async () => {
      const response = await anonymous.request('GET', '/healthz');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('readyz is 200 when storage and database answer', async () => {
      const response = await anonymous.request('GET', '/readyz');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'ready',
        checks: { database: 'ok', scanStorage: 'ok' },
      });
    });

    it('readyz is 503 when the scan folder is unusable', async () => {
      const aside = `${server.scanFolder}.aside`;
      await rename(server.scanFolder, aside);
      // A file where the folder was: the storage can neither use nor
      // recreate it.
      await writeFile(server.scanFolder, 'not a folder');
      try {
        const response = await anonymous.request('GET', '/readyz');

        expect(response.status).toBe(503);
        expect(response.body).toEqual({
          status: 'not ready',
          checks: { database: 'ok', scanStorage: 'unreachable' },
        });
      } finally {
        await rm(server.scanFolder, { force: true });
        await rename(aside, server.scanFolder);
      }

      const recovered = await anonymous.request('GET', '/readyz');
      expect(recovered.status).toBe(200);
    });

    it('metrics count requests by route', async () => {
      const series =
        'copydesk_http_requests_total{method="GET",route="/api/v1/assignments",status="200"}';
      const amartin = await signIn(server, 'amartin');
      const before = await anonymous.request<string>('GET', '/metrics');

      await amartin.client.request('GET', '/api/v1/assignments');
      const after = await anonymous.request<string>('GET', '/metrics');

      expect(before.status).toBe(200);
      expect(after.status).toBe(200);
      expect(after.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(after.body).toContain(
        '# TYPE copydesk_http_requests_total counter',
      );
      expect(sampleValue(after.body, series)).toBe(
        sampleValue(before.body, series) + 1,
      );
    });

    it('metrics carry no ids of batches or copies', async () => {
      const amartin = await signIn(server, 'amartin');
      const detail = await loadOwnBatch(amartin.client);
      for (const copy of detail.copies) {
        await amartin.client.download(`/api/v1/copies/${copy.id}/scan`);
      }

      const response = await anonymous.request<string>('GET', '/metrics');

      expect(response.body).toContain('route="/api/v1/copies/:copyId/scan"');
      expect(response.body).not.toContain(detail.batch.id);
      for (const copy of detail.copies) {
        expect(response.body).not.toContain(copy.id);
        expect(response.body).not.toContain(copy.anonymousCode);
      }
    });
  });
}

describe('closing the server', () => {
  it('ends keep-alive connections freed during close', async () => {
    const database = await createTestDatabase('sqlite');
    const scans = await mkdtemp(join(tmpdir(), 'copydesk-scans-'));
    const app = await buildApp(
      {
        db: database.handle.db,
        dialect: database.handle.dialect,
        storage: new FileScanStorage(scans),
        config: readConfig({
          DATABASE_URL: database.url,
          SCAN_STORAGE: `file:${scans}`,
          LOG_LEVEL: 'warn',
        }),
      },
      {
        logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
      },
    );
    // A scan download streams on after its handler has returned, and its
    // client may hold every byte before the server's stream has ended.
    const body = new PassThrough();
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    app.get('/streamed', async (_request, reply) => {
      started();
      return reply.type('text/plain').send(body);
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const agent = new Agent({ keepAlive: true });
    let closing: Promise<void> | undefined;
    try {
      const response = getText(`${url}/streamed`, agent);
      await handlerStarted;
      body.write('first part, ');
      closing = app.close();
      body.end('last part');

      expect(await response).toEqual({
        status: 200,
        body: 'first part, last part',
      });
      const outcome = await Promise.race([
        closing.then(() => 'closed'),
        sleep(5000).then(() => 'still waiting for the connection'),
      ]);
      expect(outcome).toBe('closed');
    } finally {
      // Ends the client's sockets, so a close that waits for them returns.
      agent.destroy();
      await (closing ?? app.close());
      await database.cleanup();
      await rm(scans, { recursive: true, force: true });
    }
  });
});
