import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  PROBLEM_TYPES,
  type BatchDetail,
  type Copy,
  type GradeWrite,
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
  describe.skipIf(skipReason !== null)(`grade writes on ${dialect}`, () => {
    let server: TestServer;
    let amartin: SignedIn;
    let detail: BatchDetail;
    let nextCopy = 0;

    beforeAll(async () => {
      server = await startTestServer(dialect, { copiesPerBatch: 16 });
      amartin = await signIn(server, 'amartin');
      detail = await loadOwnBatch(amartin.client);
    });
    afterAll(async () => {
      await server?.close();
    });

    /** Returns a copy no earlier test has written, so tests do not interfere. */
    function freshCopy(): Copy {
      const copy = detail.copies[nextCopy];
      nextCopy += 1;
      if (!copy) {
        throw new Error(
          `The fixture batch has ${detail.copies.length} copies: raise copiesPerBatch`,
        );
      }
      return copy;
    }

    async function setBatch(
      changes: Partial<{
        status: 'open' | 'submitted' | 'closed';
        deadline: string;
      }>,
    ): Promise<void> {
      await server.handle.db
        .updateTable('batches')
        .set(changes)
        .where('id', '=', detail.batch.id)
        .execute();
    }

    it('grade of an ungraded copy is 404', async () => {
      const copy = freshCopy();

      const response = await getGrade(amartin.client, copy.id);

      const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
      expect(problem.detail).toContain(copy.id);
    });

    it('first write is 201 with version 1', async () => {
      const copy = freshCopy();
      const body = draftGrade({
        marks: { q1: 3.5, q2: 10.25 },
        comment: 'Problématique claire',
        flags: ['illegible'],
        annotations: [
          {
            id: 'a1',
            page: copy.pageCount,
            kind: 'highlight',
            geometry: { x: 0.1, y: 0.2, width: 0.5, height: 0.05 },
            color: '#ffcc00',
          },
        ],
      });

      const response = await putGrade(amartin.client, copy.id, body, {
        first: true,
      });

      expect(response.status).toBe(201);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.body).toEqual({
        copyId: copy.id,
        version: 1,
        status: 'draft',
        marks: body.marks,
        comment: body.comment,
        flags: body.flags,
        annotations: body.annotations,
        updatedAt: expect.any(String),
        updatedBy: amartin.graderId,
      });
      expect(Date.parse(response.body.updatedAt)).not.toBeNaN();

      const read = await getGrade(amartin.client, copy.id);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toEqual(response.body);
    });

    it('If-Match write moves the version on', async () => {
      const copy = freshCopy();
      await putGrade(amartin.client, copy.id, draftGrade(), { first: true });

      const response = await putGrade(
        amartin.client,
        copy.id,
        finalGrade({ comment: 'Corrigée' }),
        { ifMatch: 1 },
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"2"');
      expect(response.body.version).toBe(2);
      expect(response.body.status).toBe('final');
      expect(response.body.comment).toBe('Corrigée');
      const read = await getGrade(amartin.client, copy.id);
      expect(read.body.version).toBe(2);
    });

    it('stale If-Match is 412 with the current grade', async () => {
      const copy = freshCopy();
      await putGrade(amartin.client, copy.id, draftGrade(), { first: true });
      const current = await putGrade(
        amartin.client,
        copy.id,
        draftGrade({ marks: { q1: 4 } }),
        { ifMatch: 1 },
      );
      expect(current.status).toBe(200);

      const stale = await putGrade(
        amartin.client,
        copy.id,
        draftGrade({ marks: { q1: 1 } }),
        { ifMatch: 1 },
      );

      expect(stale.status).toBe(412);
      expect(stale.headers.get('etag')).toBe('"2"');
      expect(stale.body).toEqual(current.body);
      const read = await getGrade(amartin.client, copy.id);
      expect(read.body.marks).toEqual({ q1: 4 });
    });

    it('If-None-Match on a graded copy is 412', async () => {
      const copy = freshCopy();
      const first = await putGrade(amartin.client, copy.id, draftGrade(), {
        first: true,
      });

      const second = await putGrade(
        amartin.client,
        copy.id,
        draftGrade({ marks: { q1: 0 } }),
        { first: true },
      );

      expect(second.status).toBe(412);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('etag')).toBe('"1"');
    });

    it('If-Match on an ungraded copy is 412', async () => {
      const copy = freshCopy();

      const response = await putGrade(amartin.client, copy.id, draftGrade(), {
        ifMatch: 1,
      });

      const problem = expectProblem(
        response,
        412,
        PROBLEM_TYPES.versionMismatch,
      );
      expect(problem.detail).toContain('If-None-Match');
    });

    it('missing Idempotency-Key is 400', async () => {
      const copy = freshCopy();

      const response = await putGrade(amartin.client, copy.id, draftGrade(), {
        first: true,
        idempotencyKey: null,
      });

      const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
      expect(problem.detail).toContain('Idempotency-Key');
    });

    it('Idempotency-Key that is not a UUID is 400', async () => {
      const copy = detail.copies[0]!;

      const response = await putGrade(amartin.client, copy.id, draftGrade(), {
        first: true,
        idempotencyKey: 'retry-1',
      });

      const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
      expect(problem.detail).toContain('Idempotency-Key "retry-1"');
      expect(problem.detail).toContain('UUID');
    });

    it('write without a precondition is 428', async () => {
      const copy = detail.copies[0]!;

      const response = await putGrade(
        amartin.client,
        copy.id,
        draftGrade(),
        {},
      );

      const problem = expectProblem(
        response,
        428,
        PROBLEM_TYPES.preconditionRequired,
      );
      expect(problem.detail).toContain('If-Match');
      expect((await getGrade(amartin.client, copy.id)).status).toBe(404);
    });

    it('both preconditions at once are 400', async () => {
      const copy = detail.copies[0]!;

      const response = await putGrade(amartin.client, copy.id, draftGrade(), {
        first: true,
        ifMatch: 1,
      });

      const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
      expect(problem.detail).toContain('If-None-Match');
    });

    it.each([
      ['a mark above maxPoints', { marks: { q1: 4.5 } }, 'marks.q1'],
      ['a negative mark', { marks: { q1: -0.5 } }, 'marks.q1'],
      ['a mark off the step', { marks: { q2: 0.3 } }, 'marks.q2'],
      ['a mark with three decimals', { marks: { q2: 0.125 } }, 'marks.q2'],
      ['an unknown question', { marks: { q9: 1 } }, 'marks.q9'],
      [
        'a final grade with q3 unmarked',
        { status: 'final', marks: { q1: 1, q2: 2 } },
        'marks.q3',
      ],
    ] as [string, Partial<GradeWrite>, string][])(
      'grade with %s is 422',
      async (_case, changes, field) => {
        const copy = detail.copies[0]!;

        const response = await putGrade(
          amartin.client,
          copy.id,
          draftGrade(changes),
          { first: true },
        );

        const problem = expectProblem(
          response,
          422,
          PROBLEM_TYPES.invalidGrade,
        );
        expect(problem.detail.startsWith(`${field}:`)).toBe(true);
        const errors = problem.errors as { field: string }[];
        expect(errors.map((error) => error.field)).toContain(field);
        expect((await getGrade(amartin.client, copy.id)).status).toBe(404);
      },
    );

    it('annotation past the last page is 422', async () => {
      const copy = detail.copies[0]!;
      const body = draftGrade({
        annotations: [
          { id: 'a1', page: 1, kind: 'tick', geometry: { x: 0.5, y: 0.5 } },
          {
            id: 'a2',
            page: copy.pageCount + 1,
            kind: 'tick',
            geometry: { x: 0.5, y: 0.5 },
          },
        ],
      });

      const response = await putGrade(amartin.client, copy.id, body, {
        first: true,
      });

      const problem = expectProblem(response, 422, PROBLEM_TYPES.invalidGrade);
      expect(problem.detail).toContain('annotations[1].page');
      expect(problem.detail).toContain(String(copy.pageCount));
    });

    it('annotation with oversized geometry is 422', async () => {
      const copy = detail.copies[0]!;
      const points = Array.from({ length: 3000 }, (_, index) => [
        index / 3000,
        0.5,
      ]);
      const body = draftGrade({
        annotations: [{ id: 'a1', page: 1, kind: 'pen', geometry: { points } }],
      });

      const response = await putGrade(amartin.client, copy.id, body, {
        first: true,
      });

      const problem = expectProblem(response, 422, PROBLEM_TYPES.invalidGrade);
      expect(problem.detail).toContain('annotations[0].geometry');
      expect((await getGrade(amartin.client, copy.id)).status).toBe(404);
    });

    it('several violations are all listed', async () => {
      const copy = detail.copies[0]!;

      const response = await putGrade(
        amartin.client,
        copy.id,
        draftGrade({ marks: { q1: 9, q2: 0.3 } }),
        { first: true },
      );

      const problem = expectProblem(response, 422, PROBLEM_TYPES.invalidGrade);
      const errors = problem.errors as { field: string }[];
      expect(errors.map((error) => error.field)).toEqual([
        'marks.q1',
        'marks.q2',
      ]);
      expect(problem.detail).toContain('1 more');
    });

    it.each([
      ['an unknown status', { status: 'done' }, 'status'],
      ['an unknown flag', { flags: ['coffee-stain'] }, 'flags'],
      ['an extra field', { total: 12 }, 'total'],
      ['a mark that is a string', { marks: { q1: '2.5' } }, 'marks'],
      [
        'page 0 in an annotation',
        {
          annotations: [{ id: 'a', page: 0, kind: 'tick', geometry: {} }],
        },
        'page',
      ],
    ] as [string, Record<string, unknown>, string][])(
      'grade body with %s is 400',
      async (_case, changes, field) => {
        const copy = detail.copies[0]!;

        const response = await putGrade(
          amartin.client,
          copy.id,
          { ...draftGrade(), ...changes },
          { first: true },
        );

        const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
        expect(problem.detail).toContain(field);
      },
    );

    it('grade of an unknown copy is 404', async () => {
      const response = await putGrade(
        amartin.client,
        'unknown-copy',
        draftGrade(),
        { first: true },
      );

      const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
      expect(problem.detail).toContain('"unknown-copy"');
    });

    it('withdrawn copy is 404', async () => {
      const copy = freshCopy();
      await server.handle.db
        .updateTable('copies')
        .set({ withdrawn_at: new Date().toISOString() })
        .where('id', '=', copy.id)
        .execute();

      const response = await putGrade(amartin.client, copy.id, draftGrade(), {
        first: true,
      });

      expectProblem(response, 404, PROBLEM_TYPES.notFound);
    });

    it.each([
      ['submitted', { status: 'submitted' }, 'submitted'],
      ['closed', { status: 'closed' }, 'closed'],
      [
        'past its deadline',
        { deadline: new Date(Date.now() - 60_000).toISOString() },
        'deadline',
      ],
    ] as const)('write to a batch %s is 423', async (_case, changes, words) => {
      const copy = freshCopy();
      const first = await putGrade(amartin.client, copy.id, draftGrade(), {
        first: true,
      });
      expect(first.status).toBe(201);
      const original = {
        status: detail.batch.status,
        deadline: detail.batch.deadline,
      };

      await setBatch(changes);
      try {
        const response = await putGrade(
          amartin.client,
          copy.id,
          draftGrade({ marks: { q1: 4 } }),
          { ifMatch: 1 },
        );
        const firstWrite = await putGrade(
          amartin.client,
          freshCopy().id,
          draftGrade(),
          { first: true },
        );

        const problem = expectProblem(response, 423, PROBLEM_TYPES.locked);
        expect(problem.detail).toContain(words);
        expectProblem(firstWrite, 423, PROBLEM_TYPES.locked);
        const read = await getGrade(amartin.client, copy.id);
        expect(read.status).toBe(200);
        expect(read.body.version).toBe(1);
      } finally {
        await setBatch(original);
      }
    });
  });
}
