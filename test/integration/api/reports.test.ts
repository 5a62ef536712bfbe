import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  PROBLEM_TYPES,
  REPORT_KINDS,
  type BatchDetail,
  type Report,
} from '../../../shared/api/schemas';
import { testDialects } from '../../support/test-database';
import {
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../support/test-server';
import { loadOwnBatch } from './support/assigned-batch';
import { expectProblem } from './support/problem';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`scan reports on ${dialect}`, () => {
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

    function report(user: SignedIn, copyId: string, body: unknown) {
      return user.client.request<Report>(
        'POST',
        `/api/v1/copies/${copyId}/reports`,
        { body },
      );
    }

    it('report is created with 201', async () => {
      const copy = detail.copies[2]!;
      const before = Date.now();

      const response = await report(amartin, copy.id, {
        kind: 'unreadable-page',
        pages: [copy.pageCount, 1],
        note: 'Page trop pâle',
      });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        copyId: copy.id,
        kind: 'unreadable-page',
        pages: [1, copy.pageCount],
        note: 'Page trop pâle',
        status: 'open',
        createdAt: expect.any(String),
      });
      expect(response.body.id).not.toBe('');
      expect(Date.parse(response.body.createdAt)).toBeGreaterThanOrEqual(
        before - 1000,
      );
      const stored = await server.handle.db
        .selectFrom('reports')
        .selectAll()
        .where('id', '=', response.body.id)
        .executeTakeFirst();
      expect(stored?.grader_id).toBe(amartin.graderId);
    });

    it('every documented kind is accepted', async () => {
      const copy = detail.copies[0]!;

      for (const kind of REPORT_KINDS) {
        const response = await report(amartin, copy.id, {
          kind,
          pages: [],
          note: '',
        });
        expect({ kind, status: response.status }).toEqual({
          kind,
          status: 201,
        });
      }
    });

    it('unknown kind is 422', async () => {
      const response = await report(amartin, detail.copies[0]!.id, {
        kind: 'coffee-stain',
        pages: [1],
        note: '',
      });

      const problem = expectProblem(response, 422, PROBLEM_TYPES.invalidReport);
      expect(problem.detail).toContain('kind "coffee-stain"');
      expect(problem.detail).toContain('missing-page');
    });

    it.each([
      ['page 0', () => 0],
      ['a page past the end', (pageCount: number) => pageCount + 1],
    ])('report of %s is 422', async (_case, page) => {
      const copy = detail.copies[0]!;
      const outside = page(copy.pageCount);

      const response = await report(amartin, copy.id, {
        kind: 'missing-page',
        pages: [1, outside],
        note: '',
      });

      const problem = expectProblem(response, 422, PROBLEM_TYPES.invalidReport);
      expect(problem.detail).toContain(`pages ${outside}`);
      expect(problem.detail).toContain(`1 to ${copy.pageCount}`);
    });

    it.each([
      ['a missing note', { kind: 'other', pages: [1] }, 'note'],
      [
        'pages that are not numbers',
        { kind: 'other', pages: ['1'], note: '' },
        'pages',
      ],
      [
        'an extra field',
        { kind: 'other', pages: [1], note: '', urgent: true },
        'urgent',
      ],
    ])('report with %s is 400', async (_case, body, field) => {
      const response = await report(amartin, detail.copies[0]!.id, body);

      const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
      expect(problem.detail).toContain(field);
    });

    it("report on another grader's copy is 404", async () => {
      const copy = detail.copies[1]!;

      const response = await report(bdupont, copy.id, {
        kind: 'other',
        pages: [1],
        note: '',
      });

      const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
      expect(problem.detail).toContain(copy.id);
      const stored = await server.handle.db
        .selectFrom('reports')
        .select('id')
        .where('copy_id', '=', copy.id)
        .execute();
      expect(stored).toEqual([]);
    });
  });
}
