import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  PROBLEM_TYPES,
  type AssignmentsResponse,
  type BatchDetail,
  type ChangesResponse,
} from '../../../shared/api/schemas';
import {
  PAGE_SIZE,
  pruneChanges,
  recordChanges,
  type ChangeEvent,
} from '../../../server/changes/feed';
import { testDialects } from '../../support/test-database';
import {
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../support/test-server';
import { loadOwnBatch } from './support/assigned-batch';
import { draftGrade, putGrade } from './support/grade-requests';
import { expectProblem } from './support/problem';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`changes feed on ${dialect}`, () => {
    let server: TestServer;
    let amartin: SignedIn;
    let bdupont: SignedIn;
    let chef: SignedIn;
    let amartinBatch: BatchDetail;
    let bdupontBatch: BatchDetail;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      amartin = await signIn(server, 'amartin');
      bdupont = await signIn(server, 'bdupont');
      chef = await signIn(server, 'chef');
      amartinBatch = await loadOwnBatch(amartin.client);
      bdupontBatch = await loadOwnBatch(bdupont.client);
    });
    afterAll(async () => {
      await server?.close();
    });

    async function cursorOf(user: SignedIn): Promise<string> {
      const response = await user.client.request<AssignmentsResponse>(
        'GET',
        '/api/v1/assignments',
      );
      expect(response.status).toBe(200);
      return response.body.cursor;
    }

    function changesSince(user: SignedIn, cursor: string) {
      return user.client.request<ChangesResponse>(
        'GET',
        `/api/v1/changes?since=${encodeURIComponent(cursor)}`,
      );
    }

    async function insertChanges(events: ChangeEvent[]): Promise<void> {
      await server.handle.db
        .transaction()
        .execute((trx) => recordChanges(trx, dialect, events));
    }

    it('cursor from assignments has no changes after it', async () => {
      const cursor = await cursorOf(amartin);

      const response = await changesSince(amartin, cursor);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ changes: [], cursor, more: false });
    });

    it('changes after the cursor come in seq order', async () => {
      const cursor = await cursorOf(amartin);
      const [first, second, third] = amartinBatch.copies;
      for (const copy of [second!, first!, third!]) {
        const written = await putGrade(chef.client, copy.id, draftGrade(), {
          first: true,
        });
        expect(written.status).toBe(201);
      }

      const response = await changesSince(amartin, cursor);

      expect(response.status).toBe(200);
      const { changes, more } = response.body;
      expect(more).toBe(false);
      expect(changes.map((change) => change.copyId)).toEqual([
        second!.id,
        first!.id,
        third!.id,
      ]);
      for (const change of changes) {
        expect(change.kind).toBe('grade-changed');
        expect(change.batchId).toBe(amartinBatch.batch.id);
      }
      const seqs = changes.map((change) => change.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(3);

      const after = await changesSince(amartin, response.body.cursor);
      expect(after.body.changes).toEqual([]);
      expect(after.body.cursor).toBe(response.body.cursor);
    });

    it('a cursor in the middle skips earlier changes', async () => {
      const cursor = await cursorOf(amartin);
      await insertChanges([
        {
          graderId: amartin.graderId,
          kind: 'batch-updated',
          batchId: amartinBatch.batch.id,
        },
      ]);
      const middle = (await changesSince(amartin, cursor)).body.cursor;
      await insertChanges([
        {
          graderId: amartin.graderId,
          kind: 'scheme-updated',
          schemeId: amartinBatch.scheme.id,
        },
      ]);

      const response = await changesSince(amartin, middle);

      expect(response.body.changes).toHaveLength(1);
      expect(response.body.changes[0]).toEqual({
        seq: expect.any(Number),
        kind: 'scheme-updated',
        schemeId: amartinBatch.scheme.id,
      });
    });

    it('a grader sees only their own changes', async () => {
      const amartinCursor = await cursorOf(amartin);
      const bdupontCursor = await cursorOf(bdupont);

      const written = await putGrade(
        chef.client,
        bdupontBatch.copies[0]!.id,
        draftGrade(),
        { first: true },
      );
      expect(written.status).toBe(201);

      const mine = await changesSince(bdupont, bdupontCursor);
      const theirs = await changesSince(amartin, amartinCursor);
      const supervisor = await changesSince(chef, amartinCursor);
      expect(mine.body.changes).toHaveLength(1);
      expect(mine.body.changes[0]!.copyId).toBe(bdupontBatch.copies[0]!.id);
      expect(theirs.body.changes).toEqual([]);
      expect(supervisor.body.changes).toEqual([]);
      expect(theirs.body.cursor).toBe(mine.body.cursor);
    });

    it.each([
      ['garbage', 'garbage'],
      ['a seq past the end', 'c999999999'],
      ['a negative seq', 'c-1'],
    ])('cursor that is %s is 400', async (_case, cursor) => {
      const response = await changesSince(amartin, cursor);

      const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
      expect(problem.detail).toContain(`"${cursor}"`);
    });

    it('missing cursor is 400', async () => {
      const response = await amartin.client.request('GET', '/api/v1/changes');

      const problem = expectProblem(response, 400, PROBLEM_TYPES.badRequest);
      expect(problem.detail).toContain('since');
    });

    it('more than a page of changes pages with more', async () => {
      const cursor = await cursorOf(amartin);
      const events: ChangeEvent[] = Array.from(
        { length: PAGE_SIZE + 3 },
        (_, index) => ({
          graderId: amartin.graderId,
          kind: 'copy-rescanned',
          copyId: amartinBatch.copies[index % 3]!.id,
          batchId: amartinBatch.batch.id,
        }),
      );
      await insertChanges(events);

      const first = await changesSince(amartin, cursor);
      expect(first.status).toBe(200);
      expect(first.body.changes).toHaveLength(PAGE_SIZE);
      expect(first.body.more).toBe(true);
      expect(first.body.cursor).toBe(`c${first.body.changes.at(-1)!.seq}`);

      const second = await changesSince(amartin, first.body.cursor);
      expect(second.body.changes).toHaveLength(3);
      expect(second.body.more).toBe(false);
      expect(second.body.changes[0]!.seq).toBeGreaterThan(
        first.body.changes.at(-1)!.seq,
      );
    });

    // Pruning moves the feed's horizon for every grader, so this runs last.
    it('cursor below the pruned horizon is 410', async () => {
      const old = await cursorOf(amartin);
      await insertChanges([
        {
          graderId: amartin.graderId,
          kind: 'batch-updated',
          batchId: amartinBatch.batch.id,
        },
      ]);

      const future = new Date(Date.now() + 24 * 3600 * 1000);
      const pruned = await pruneChanges(server.handle.db, 3600, future);
      expect(pruned).toBeGreaterThan(0);

      const response = await changesSince(amartin, old);
      const problem = expectProblem(response, 410, PROBLEM_TYPES.gone);
      expect(problem.detail).toContain(`"${old}"`);
      expect(problem.detail).toContain('/api/v1/assignments');

      const fresh = await cursorOf(amartin);
      const reloaded = await changesSince(amartin, fresh);
      expect(reloaded.status).toBe(200);
      expect(reloaded.body.changes).toEqual([]);
    });
  });
}
