import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROBLEM_TYPES, type Copy } from '../../../shared/api/schemas';
import { testDialects } from '../../support/test-database';
import {
  signIn,
  startTestServer,
  type ApiResponse,
  type SignedIn,
  type TestServer,
} from '../../support/test-server';
import { loadOwnBatch } from './support/assigned-batch';
import { expectProblem } from './support/problem';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`scan downloads on ${dialect}`, () => {
    let server: TestServer;
    let amartin: SignedIn;
    let copy: Copy;
    let pdf: Buffer;
    let path: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      amartin = await signIn(server, 'amartin');
      const detail = await loadOwnBatch(amartin.client);
      copy = detail.copies[1]!;
      pdf = server.importedPdfs.get(copy.anonymousCode)!;
      path = `/api/v1/copies/${copy.id}/scan`;
    });
    afterAll(async () => {
      await server?.close();
    });

    function download(headers: Record<string, string> = {}) {
      return amartin.client.download(path, headers);
    }

    function expectPartial(
      response: ApiResponse<Buffer>,
      start: number,
      end: number,
    ): void {
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(
        `bytes ${start}-${end}/${pdf.length}`,
      );
      expect(response.headers.get('content-length')).toBe(
        String(end - start + 1),
      );
      expect(response.body.equals(pdf.subarray(start, end + 1))).toBe(true);
    }

    it('full download is the imported PDF', async () => {
      const response = await download();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      expect(response.headers.get('content-length')).toBe(String(pdf.length));
      expect(response.body.equals(pdf)).toBe(true);

      const sha256 = createHash('sha256').update(response.body).digest('hex');
      expect(sha256).toBe(copy.scan.sha256);
      expect(response.headers.get('etag')).toBe(`"${sha256}"`);
      expect(copy.scan.size).toBe(pdf.length);
    });

    it('range of the first 100 bytes is 206', async () => {
      expectPartial(await download({ range: 'bytes=0-99' }), 0, 99);
    });

    it('suffix range returns the last bytes', async () => {
      const response = await download({ range: 'bytes=-50' });

      expectPartial(response, pdf.length - 50, pdf.length - 1);
    });

    it('open range returns the rest of the file', async () => {
      const response = await download({ range: 'bytes=100-' });

      expectPartial(response, 100, pdf.length - 1);
    });

    it('range end past the file is clamped', async () => {
      const response = await download({
        range: `bytes=10-${pdf.length + 1000}`,
      });

      expectPartial(response, 10, pdf.length - 1);
    });

    it('range past the end is 416', async () => {
      const response = await amartin.client.request('GET', path, {
        headers: { range: `bytes=${pdf.length}-` },
      });

      const problem = expectProblem(
        response,
        416,
        PROBLEM_TYPES.rangeNotSatisfiable,
      );
      expect(response.headers.get('content-range')).toBe(
        `bytes */${pdf.length}`,
      );
      expect(problem.detail).toContain(String(pdf.length));
    });

    it('matching If-None-Match is 304', async () => {
      const response = await download({
        'if-none-match': `"${copy.scan.sha256}"`,
      });

      expect(response.status).toBe(304);
      expect(response.body.length).toBe(0);
      expect(response.headers.get('etag')).toBe(`"${copy.scan.sha256}"`);
    });

    it('other If-None-Match returns the scan', async () => {
      const response = await download({
        'if-none-match': `"${'0'.repeat(64)}"`,
      });

      expect(response.status).toBe(200);
      expect(response.body.equals(pdf)).toBe(true);
    });

    it('mismatching If-Range returns the whole file', async () => {
      const response = await download({
        range: 'bytes=0-99',
        'if-range': `"${'0'.repeat(64)}"`,
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('content-range')).toBeNull();
      expect(response.body.equals(pdf)).toBe(true);
    });

    it('matching If-Range honours the range', async () => {
      const response = await download({
        range: 'bytes=0-99',
        'if-range': `"${copy.scan.sha256}"`,
      });

      expectPartial(response, 0, 99);
    });

    it('resumed download reassembles the file', async () => {
      const half = Math.floor(pdf.length / 2);
      const first = await download({ range: `bytes=0-${half - 1}` });
      expectPartial(first, 0, half - 1);

      const rest = await download({
        range: `bytes=${half}-`,
        'if-range': first.headers.get('etag')!,
      });
      expectPartial(rest, half, pdf.length - 1);

      const whole = Buffer.concat([first.body, rest.body]);
      expect(whole.equals(pdf)).toBe(true);
      const sha256 = createHash('sha256').update(whole).digest('hex');
      expect(sha256).toBe(copy.scan.sha256);
    });

    it('scan of an unknown copy is 404', async () => {
      const response = await amartin.client.request(
        'GET',
        '/api/v1/copies/unknown-copy/scan',
      );

      const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
      expect(problem.detail).toContain('"unknown-copy"');
    });
  });
}
