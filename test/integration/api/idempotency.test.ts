import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROBLEM_TYPES, type BatchDetail } from '../../../shared/api/schemas';
import { testDialects } from '../../support/test-database';
import {
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../support/test-server';
import { loadOwnBatch } from './support/assigned-batch';
import {
  draftGrade,
  finalGrade,
  getGrade,
  putGrade,
} from './support/grade-requests';
import { expectProblem } from './support/problem';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`idempotency keys on ${dialect}`, () => {
    let server: TestServer;
    let amartin: SignedIn;
    let bdupont: SignedIn;
    let amartinBatch: BatchDetail;
    let bdupontBatch: BatchDetail;

    beforeAll(async () => {
      server = await startTestServer(dialect, { copiesPerBatch: 6 });
      amartin = await signIn(server, 'amartin');
      bdupont = await signIn(server, 'bdupont');
      amartinBatch = await loadOwnBatch(amartin.client);
      bdupontBatch = await loadOwnBatch(bdupont.client);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('repeated first write is stored once', async () => {
      const copy = amartinBatch.copies[0]!;
      const key = randomUUID();
      const body = draftGrade();

      const first = await putGrade(amartin.client, copy.id, body, {
        first: true,
        idempotencyKey: key,
      });
      const again = await putGrade(amartin.client, copy.id, body, {
        first: true,
        idempotencyKey: key,
      });

      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('etag')).toBe('"1"');
      const read = await getGrade(amartin.client, copy.id);
      expect(read.body.version).toBe(1);
    });

    it('repeated update is applied once', async () => {
      const copy = amartinBatch.copies[1]!;
      await putGrade(amartin.client, copy.id, draftGrade(), { first: true });
      const key = randomUUID();
      const body = draftGrade({ marks: { q1: 4, q2: 11.75 } });

      const first = await putGrade(amartin.client, copy.id, body, {
        ifMatch: 1,
        idempotencyKey: key,
      });
      const again = await putGrade(amartin.client, copy.id, body, {
        ifMatch: 1,
        idempotencyKey: key,
      });

      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('etag')).toBe('"2"');
      const read = await getGrade(amartin.client, copy.id);
      expect(read.body.version).toBe(2);
      expect(read.body.marks).toEqual({ q1: 4, q2: 11.75 });
    });

    it('same key with another body is 422', async () => {
      const copy = amartinBatch.copies[2]!;
      const key = randomUUID();
      await putGrade(amartin.client, copy.id, draftGrade(), {
        first: true,
        idempotencyKey: key,
      });

      const reused = await putGrade(
        amartin.client,
        copy.id,
        draftGrade({ marks: { q1: 1 } }),
        { ifMatch: 1, idempotencyKey: key },
      );

      const problem = expectProblem(
        reused,
        422,
        PROBLEM_TYPES.idempotencyKeyReused,
      );
      expect(problem.detail).toContain(key);
      const read = await getGrade(amartin.client, copy.id);
      expect(read.body.version).toBe(1);
      expect(read.body.marks).toEqual({ q1: 2.5 });
    });

    it('same key on another copy is 422', async () => {
      const key = randomUUID();
      const body = draftGrade();
      await putGrade(amartin.client, amartinBatch.copies[3]!.id, body, {
        first: true,
        idempotencyKey: key,
      });

      const reused = await putGrade(
        amartin.client,
        amartinBatch.copies[4]!.id,
        body,
        { first: true, idempotencyKey: key },
      );

      expectProblem(reused, 422, PROBLEM_TYPES.idempotencyKeyReused);
      expect(
        (await getGrade(amartin.client, amartinBatch.copies[4]!.id)).status,
      ).toBe(404);
    });

    it('keys belong to one grader', async () => {
      const key = randomUUID();
      const mine = await putGrade(
        amartin.client,
        amartinBatch.copies[5]!.id,
        draftGrade(),
        { first: true, idempotencyKey: key },
      );

      const theirs = await putGrade(
        bdupont.client,
        bdupontBatch.copies[0]!.id,
        draftGrade({ marks: { q1: 0.5 } }),
        { first: true, idempotencyKey: key },
      );

      expect(mine.status).toBe(201);
      expect(theirs.status).toBe(201);
      expect(theirs.body.copyId).toBe(bdupontBatch.copies[0]!.id);
      expect(theirs.body.marks).toEqual({ q1: 0.5 });
    });

    it('lost response replays after the batch is submitted', async () => {
      // bdupont's first copy was written by the test above.
      const [done, ...rest] = bdupontBatch.copies;
      const finished = await putGrade(bdupont.client, done!.id, finalGrade(), {
        ifMatch: 1,
      });
      expect(finished.status).toBe(200);
      for (const copy of rest.slice(0, -1)) {
        const written = await putGrade(bdupont.client, copy.id, finalGrade(), {
          first: true,
        });
        expect(written.status).toBe(201);
      }

      // The last write reaches the server, but its response is lost.
      const last = rest.at(-1)!;
      const key = randomUUID();
      const body = finalGrade({ comment: 'Dernière copie' });
      const lost = await putGrade(bdupont.client, last.id, body, {
        first: true,
        idempotencyKey: key,
      });
      expect(lost.status).toBe(201);

      const submitted = await bdupont.client.request<{ status: string }>(
        'POST',
        `/api/v1/batches/${bdupontBatch.batch.id}/submit`,
      );
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('submitted');

      const retried = await putGrade(bdupont.client, last.id, body, {
        first: true,
        idempotencyKey: key,
      });
      expect(retried.status).toBe(201);
      expect(retried.body).toEqual(lost.body);
      expect(retried.headers.get('etag')).toBe('"1"');

      const newEdit = await putGrade(bdupont.client, last.id, body, {
        ifMatch: 1,
      });
      expectProblem(newEdit, 423, PROBLEM_TYPES.locked);
    });

    it('concurrent retries with one key write once', async () => {
      const copy = amartinBatch.copies[0]!;
      const key = randomUUID();
      const body = draftGrade({ comment: 'Relue deux fois' });

      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          putGrade(amartin.client, copy.id, body, {
            ifMatch: 1,
            idempotencyKey: key,
          }),
        ),
      );

      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(response.body).toEqual(responses[0]!.body);
      }
      const read = await getGrade(amartin.client, copy.id);
      expect(read.body.version).toBe(2);
    });
  });
}
