import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  PROBLEM_TYPES,
  type BatchDetail,
  type ChangesResponse,
  type Grade,
} from '../../../shared/api/schemas';
import { testDialects } from '../../support/test-database';
import {
  signIn,
  startTestServer,
  type ApiResponse,
  type SignedIn,
  type TestServer,
} from '../../support/test-server';
import { loadOwnBatch } from './support/assigned-batch';
import { draftGrade, getGrade, putGrade } from './support/grade-requests';
import { expectProblem } from './support/problem';

const MISSING_ID = 'no-such-id-0000';

interface Probe {
  name: string;
  method: string;
  path: (id: string) => string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Every route that takes a batch id or a copy id, with a valid request. */
const BATCH_ROUTES: Probe[] = [
  {
    name: 'batch detail',
    method: 'GET',
    path: (id) => `/api/v1/batches/${id}`,
  },
  {
    name: 'submit',
    method: 'POST',
    path: (id) => `/api/v1/batches/${id}/submit`,
  },
];
const COPY_ROUTES: Probe[] = [
  { name: 'scan', method: 'GET', path: (id) => `/api/v1/copies/${id}/scan` },
  {
    name: 'scan range',
    method: 'GET',
    path: (id) => `/api/v1/copies/${id}/scan`,
    headers: { range: 'bytes=0-99' },
  },
  { name: 'grade', method: 'GET', path: (id) => `/api/v1/copies/${id}/grade` },
  {
    name: 'grade write',
    method: 'PUT',
    path: (id) => `/api/v1/copies/${id}/grade`,
    headers: {
      'if-match': '"1"',
      'idempotency-key': '0b6f2f8e-5d3c-4a51-9a55-0e7f5f0c2a11',
    },
    body: draftGrade({ marks: { q1: 4 } }),
  },
  {
    name: 'report',
    method: 'POST',
    path: (id) => `/api/v1/copies/${id}/reports`,
    body: { kind: 'other', pages: [1], note: 'test' },
  },
];

/** Returns the body without `instance`, with `id` replaced by a placeholder. */
function withoutId(body: unknown, id: string): unknown {
  const { instance: _instance, ...rest } = body as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest).replaceAll(id, '<id>'));
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`authorization on ${dialect}`, () => {
    let server: TestServer;
    let amartin: SignedIn;
    let bdupont: SignedIn;
    let chef: SignedIn;
    let detail: BatchDetail;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      amartin = await signIn(server, 'amartin');
      bdupont = await signIn(server, 'bdupont');
      chef = await signIn(server, 'chef');
      detail = await loadOwnBatch(amartin.client);

      // A graded copy, so the grade routes have something to hide.
      const graded = await putGrade(
        amartin.client,
        detail.copies[0]!.id,
        draftGrade(),
        { first: true },
      );
      expect(graded.status).toBe(201);
    });
    afterAll(async () => {
      await server?.close();
    });

    async function send(
      user: SignedIn,
      probe: Probe,
      id: string,
    ): Promise<ApiResponse<unknown>> {
      return user.client.request(probe.method, probe.path(id), {
        headers: probe.headers,
        body: probe.body,
      });
    }

    it('another grader sees no batch of amartin', async () => {
      const ownId = detail.batch.id;

      for (const probe of BATCH_ROUTES) {
        const foreign = await send(bdupont, probe, ownId);
        const missing = await send(bdupont, probe, MISSING_ID);

        expect({ probe: probe.name, status: foreign.status }).toEqual({
          probe: probe.name,
          status: 404,
        });
        expectProblem(foreign, 404, PROBLEM_TYPES.notFound);
        expectProblem(missing, 404, PROBLEM_TYPES.notFound);
        expect(withoutId(foreign.body, ownId)).toEqual(
          withoutId(missing.body, MISSING_ID),
        );
      }
    });

    it('another grader sees no copy of amartin', async () => {
      for (const copy of detail.copies) {
        for (const probe of COPY_ROUTES) {
          const foreign = await send(bdupont, probe, copy.id);
          const missing = await send(bdupont, probe, MISSING_ID);

          expect({ probe: probe.name, status: foreign.status }).toEqual({
            probe: probe.name,
            status: 404,
          });
          expectProblem(foreign, 404, PROBLEM_TYPES.notFound);
          expect(withoutId(foreign.body, copy.id)).toEqual(
            withoutId(missing.body, MISSING_ID),
          );
          expect(foreign.headers.get('etag')).toBeNull();
        }
      }
    });

    it('a refused write leaves the grade unchanged', async () => {
      const copyId = detail.copies[0]!.id;

      const grade = await getGrade(amartin.client, copyId);

      expect(grade.status).toBe(200);
      expect(grade.body.version).toBe(1);
      expect(grade.body.marks).toEqual({ q1: 2.5 });
    });

    it('another grader does not list the batch', async () => {
      const response = await bdupont.client.request<{
        batches: { id: string }[];
      }>('GET', '/api/v1/assignments');

      expect(response.status).toBe(200);
      const ids = response.body.batches.map((batch) => batch.id);
      expect(ids).not.toContain(detail.batch.id);
    });

    it('supervisor reads the batch, scan and grade', async () => {
      const copy = detail.copies[0]!;

      const batch = await chef.client.request<BatchDetail>(
        'GET',
        `/api/v1/batches/${detail.batch.id}`,
      );
      const scan = await chef.client.download(`/api/v1/copies/${copy.id}/scan`);
      const grade = await getGrade(chef.client, copy.id);

      expect(batch.status).toBe(200);
      expect(batch.body).toEqual(detail);
      expect(scan.status).toBe(200);
      expect(scan.headers.get('etag')).toBe(`"${copy.scan.sha256}"`);
      expect(
        scan.body.equals(server.importedPdfs.get(copy.anonymousCode)!),
      ).toBe(true);
      expect(grade.status).toBe(200);
      expect(grade.body.marks).toEqual({ q1: 2.5 });
    });

    it('supervisor does not see batches in assignments', async () => {
      const response = await chef.client.request<{ batches: unknown[] }>(
        'GET',
        '/api/v1/assignments',
      );

      expect(response.status).toBe(200);
      expect(response.body.batches).toEqual([]);
    });

    it('supervisor write reaches the grader as a change', async () => {
      const copy = detail.copies[1]!;
      const start = await amartin.client.request<{ cursor: string }>(
        'GET',
        '/api/v1/assignments',
      );

      const written = await putGrade(
        chef.client,
        copy.id,
        draftGrade({ marks: { q2: 7.75 }, comment: 'Revu par le jury' }),
        { first: true },
      );

      expect(written.status).toBe(201);
      expect(written.body.updatedBy).toBe(chef.graderId);
      const seen = await getGrade(amartin.client, copy.id);
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual(written.body as Grade);

      const changes = await amartin.client.request<ChangesResponse>(
        'GET',
        `/api/v1/changes?since=${start.body.cursor}`,
      );
      expect(changes.status).toBe(200);
      expect(changes.body.changes).toHaveLength(1);
      expect(changes.body.changes[0]).toMatchObject({
        kind: 'grade-changed',
        copyId: copy.id,
        batchId: detail.batch.id,
      });
    });

    it('own write does not reach the grader as a change', async () => {
      const copy = detail.copies[2]!;
      const start = await amartin.client.request<{ cursor: string }>(
        'GET',
        '/api/v1/assignments',
      );

      const written = await putGrade(amartin.client, copy.id, draftGrade(), {
        first: true,
      });
      expect(written.status).toBe(201);

      const changes = await amartin.client.request<ChangesResponse>(
        'GET',
        `/api/v1/changes?since=${start.body.cursor}`,
      );
      expect(changes.status).toBe(200);
      expect(changes.body.changes).toEqual([]);
    });
  });
}
