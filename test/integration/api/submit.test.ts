import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  PROBLEM_TYPES,
  type Batch,
  type BatchDetail,
} from '../../../shared/api/schemas';
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
  describe.skipIf(skipReason !== null)(`batch submission on ${dialect}`, () => {
    let server: TestServer;
    let amartin: SignedIn;
    let bdupont: SignedIn;
    let detail: BatchDetail;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      amartin = await signIn(server, 'amartin');
      bdupont = await signIn(server, 'bdupont');
      detail = await loadOwnBatch(amartin.client);
    });
    afterAll(async () => {
      await server?.close();
    });

    function submit(user: SignedIn, batchId: string) {
      return user.client.request<Batch>(
        'POST',
        `/api/v1/batches/${batchId}/submit`,
      );
    }

    it('submit with ungraded copies is 409 listing them', async () => {
      const response = await submit(amartin, detail.batch.id);

      const problem = expectProblem(response, 409, PROBLEM_TYPES.conflict);
      const codes = detail.copies.map((copy) => copy.anonymousCode);
      expect(problem.copiesWithoutFinalGrade).toEqual(codes);
      for (const code of codes) {
        expect(problem.detail).toContain(code);
      }
    });

    it('draft grades still block the submission', async () => {
      const [first, second, third] = detail.copies;
      expect(
        (
          await putGrade(amartin.client, first!.id, finalGrade(), {
            first: true,
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await putGrade(amartin.client, second!.id, draftGrade(), {
            first: true,
          })
        ).status,
      ).toBe(201);

      const response = await submit(amartin, detail.batch.id);

      const problem = expectProblem(response, 409, PROBLEM_TYPES.conflict);
      expect(problem.copiesWithoutFinalGrade).toEqual([
        second!.anonymousCode,
        third!.anonymousCode,
      ]);
      expect(problem.detail).not.toContain(first!.anonymousCode);
      const batch = await loadOwnBatch(amartin.client);
      expect(batch.batch.status).toBe('open');
    });

    it('submit with every copy final is 200', async () => {
      const [, second, third] = detail.copies;
      expect(
        (
          await putGrade(amartin.client, second!.id, finalGrade(), {
            ifMatch: 1,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await putGrade(amartin.client, third!.id, finalGrade(), {
            first: true,
          })
        ).status,
      ).toBe(201);

      const response = await submit(amartin, detail.batch.id);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...detail.batch, status: 'submitted' });
      const reloaded = await loadOwnBatch(amartin.client);
      expect(reloaded.batch.status).toBe('submitted');
    });

    it('submitting again is 200', async () => {
      const response = await submit(amartin, detail.batch.id);

      expect(response.status).toBe(200);
      expect(response.body.status).toBe('submitted');
    });

    it('grade write after submission is 423', async () => {
      const copy = detail.copies[0]!;

      const response = await putGrade(
        amartin.client,
        copy.id,
        finalGrade({ comment: 'Trop tard' }),
        { ifMatch: 1 },
      );

      const problem = expectProblem(response, 423, PROBLEM_TYPES.locked);
      expect(problem.detail).toContain('submitted');
      const read = await getGrade(amartin.client, copy.id);
      expect(read.body.version).toBe(1);
    });

    it('submit of a closed batch is 423', async () => {
      const other = await loadOwnBatch(bdupont.client);
      await server.handle.db
        .updateTable('batches')
        .set({ status: 'closed' })
        .where('id', '=', other.batch.id)
        .execute();

      const response = await submit(bdupont, other.batch.id);

      const problem = expectProblem(response, 423, PROBLEM_TYPES.locked);
      expect(problem.detail).toContain('closed');
      const reloaded = await loadOwnBatch(bdupont.client);
      expect(reloaded.batch.status).toBe('closed');
    });

    it('submit of an unknown batch is 404', async () => {
      const response = await submit(amartin, 'unknown-batch');

      const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
      expect(problem.detail).toContain('"unknown-batch"');
    });
  });
}
