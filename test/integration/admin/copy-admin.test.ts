import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  AdminError,
  closeBatch,
  listReports,
  rescanCopy,
  withdrawCopy,
} from '../../../server/admin/copy-admin';
import { writeTinyPdf } from '../../support/fixture-sitting';
import { testDialects } from '../../support/test-database';
import {
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../support/test-server';

interface CopyJson {
  id: string;
  anonymousCode: string;
  revision: number;
  pageCount: number;
  scan: { sha256: string };
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(
    `exam office actions on ${dialect}`,
    () => {
      let server: TestServer;
      let grader: SignedIn;
      let copies: CopyJson[];
      let batchId: string;
      let folder: string;

      async function cursor(): Promise<string> {
        const response = await grader.client.request<{ cursor: string }>(
          'GET',
          '/api/v1/assignments',
        );
        return response.body.cursor;
      }

      async function changesSince(since: string) {
        const response = await grader.client.request<{
          changes: { kind: string; copyId?: string; batchId?: string }[];
        }>('GET', `/api/v1/changes?since=${since}`);
        return response.body.changes;
      }

      beforeAll(async () => {
        server = await startTestServer(dialect, { copiesPerBatch: 4 });
        grader = await signIn(server, 'amartin');
        const assignments = await grader.client.request<{
          batches: { id: string }[];
        }>('GET', '/api/v1/assignments');
        batchId = assignments.body.batches[0]!.id;
        const detail = await grader.client.request<{ copies: CopyJson[] }>(
          'GET',
          `/api/v1/batches/${batchId}`,
        );
        copies = detail.body.copies;
        folder = await mkdtemp(join(tmpdir(), 'copydesk-rescan-'));
      });

      afterAll(async () => {
        await server?.close();
        await rm(folder, { recursive: true, force: true });
      });

      it('rescan replaces the scan and tells the grader', async () => {
        const copy = copies[0]!;
        const since = await cursor();
        const file = join(folder, 'new-scan.pdf');
        await writeTinyPdf(file, copy.anonymousCode, 5);

        const result = await rescanCopy(
          server.handle,
          server.storage,
          { copy: copy.anonymousCode },
          file,
        );

        expect(result.revision).toBe(2);
        expect(result.pageCount).toBe(5);

        const changes = await changesSince(since);
        expect(changes).toEqual([
          {
            seq: expect.any(Number),
            kind: 'copy-rescanned',
            batchId,
            copyId: copy.id,
          },
        ]);

        const detail = await grader.client.request<{ copies: CopyJson[] }>(
          'GET',
          `/api/v1/batches/${batchId}`,
        );
        const updated = detail.body.copies.find((item) => item.id === copy.id)!;
        expect(updated.revision).toBe(2);
        expect(updated.pageCount).toBe(5);
        expect(updated.scan.sha256).toBe(result.sha256);

        const scan = await fetch(
          `${server.url}/api/v1/copies/${copy.id}/scan`,
          {
            headers: { authorization: `Bearer ${grader.accessToken}` },
          },
        );
        const bytes = Buffer.from(await scan.arrayBuffer());
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(
          result.sha256,
        );
      });

      it('rescan rejects a file that is not a PDF', async () => {
        const copy = copies[1]!;
        const since = await cursor();
        const file = join(folder, 'photo.pdf');
        await writeFile(file, 'not a pdf at all');

        await expect(
          rescanCopy(server.handle, server.storage, { copy: copy.id }, file),
        ).rejects.toThrow(/photo\.pdf is not a PDF/);

        expect(await changesSince(since)).toEqual([]);
        const scan = await fetch(
          `${server.url}/api/v1/copies/${copy.id}/scan`,
          {
            headers: { authorization: `Bearer ${grader.accessToken}` },
          },
        );
        const bytes = Buffer.from(await scan.arrayBuffer());
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(
          copy.scan.sha256,
        );
      });

      it('rescan rejects an unknown copy', async () => {
        const file = join(folder, 'any.pdf');
        await writeTinyPdf(file, 'X', 1);

        await expect(
          rescanCopy(server.handle, server.storage, { copy: 'Z999' }, file),
        ).rejects.toThrow(AdminError);
      });

      it('withdraw hides the copy and tells the grader', async () => {
        const copy = copies[2]!;
        const since = await cursor();

        await withdrawCopy(server.handle, { copy: copy.id });

        expect(await changesSince(since)).toEqual([
          {
            seq: expect.any(Number),
            kind: 'copy-withdrawn',
            batchId,
            copyId: copy.id,
          },
        ]);
        const grade = await grader.client.request(
          'GET',
          `/api/v1/copies/${copy.id}/scan`,
        );
        expect(grade.status).toBe(404);
        await expect(
          withdrawCopy(server.handle, { copy: copy.id }),
        ).rejects.toThrow(/already withdrawn/);
      });

      it('close-batch locks grades and tells the grader', async () => {
        const reportResponse = await grader.client.request(
          'POST',
          `/api/v1/copies/${copies[3]!.id}/reports`,
          {
            body: { kind: 'missing-page', pages: [1], note: 'page 2 missing' },
          },
        );
        expect(reportResponse.status).toBe(201);
        const reports = await listReports(server.handle.db);
        expect(reports.map((report) => report.anonymousCode)).toContain(
          copies[3]!.anonymousCode,
        );

        const since = await cursor();
        await closeBatch(server.handle, batchId);

        expect(await changesSince(since)).toEqual([
          { seq: expect.any(Number), kind: 'batch-updated', batchId },
        ]);
        const write = await grader.client.request(
          'PUT',
          `/api/v1/copies/${copies[3]!.id}/grade`,
          {
            body: {
              status: 'draft',
              marks: {},
              comment: '',
              flags: [],
              annotations: [],
              clientUpdatedAt: new Date().toISOString(),
            },
            headers: {
              'if-none-match': '*',
              'idempotency-key': crypto.randomUUID(),
            },
          },
        );
        expect(write.status).toBe(423);
      });
    },
  );
}
