import { rename, rm, writeFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testDialects } from '../../support/test-database';
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
