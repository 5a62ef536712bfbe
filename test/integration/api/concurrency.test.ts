import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type BatchDetail, type Grade } from '../../../shared/api/schemas';
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

const WRITERS = 10;

function countStatuses(responses: ApiResponse<Grade>[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const response of responses) {
    counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
  }
  return counts;
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(
    `concurrent writes on ${dialect}`,
    () => {
      let server: TestServer;
      let amartin: SignedIn;
      let detail: BatchDetail;

      beforeAll(async () => {
        server = await startTestServer(dialect, { copiesPerBatch: 4 });
        amartin = await signIn(server, 'amartin');
        detail = await loadOwnBatch(amartin.client);
      });
      afterAll(async () => {
        await server?.close();
      });

      it('one of ten updates from one version wins', async () => {
        const copy = detail.copies[0]!;
        const start = await putGrade(amartin.client, copy.id, draftGrade(), {
          first: true,
        });
        expect(start.status).toBe(201);

        const responses = await Promise.all(
          Array.from({ length: WRITERS }, (_, index) =>
            putGrade(
              amartin.client,
              copy.id,
              draftGrade({ comment: `Écrivain ${index}` }),
              { ifMatch: 1 },
            ),
          ),
        );

        expect(countStatuses(responses)).toEqual(
          new Map([
            [200, 1],
            [412, WRITERS - 1],
          ]),
        );
        const winner = responses.find((response) => response.status === 200)!;
        expect(winner.body.version).toBe(2);
        for (const loser of responses.filter((r) => r.status === 412)) {
          expect(loser.body.version).toBe(2);
          expect(loser.body.comment).toBe(winner.body.comment);
        }
        const read = await getGrade(amartin.client, copy.id);
        expect(read.body).toEqual(winner.body);
      });

      it('one of ten first writes wins', async () => {
        const copy = detail.copies[1]!;

        const responses = await Promise.all(
          Array.from({ length: WRITERS }, (_, index) =>
            putGrade(
              amartin.client,
              copy.id,
              draftGrade({ comment: `Premier ${index}` }),
              { first: true },
            ),
          ),
        );

        expect(countStatuses(responses)).toEqual(
          new Map([
            [201, 1],
            [412, WRITERS - 1],
          ]),
        );
        const winner = responses.find((response) => response.status === 201)!;
        expect(winner.body.version).toBe(1);
        for (const loser of responses.filter((r) => r.status === 412)) {
          expect(loser.body).toEqual(winner.body);
        }
        const read = await getGrade(amartin.client, copy.id);
        expect(read.body).toEqual(winner.body);
      });

      it('supervisor and grader race for one version', async () => {
        const copy = detail.copies[2]!;
        const chef = await signIn(server, 'chef');
        await putGrade(amartin.client, copy.id, draftGrade(), { first: true });

        const responses = await Promise.all(
          Array.from({ length: WRITERS }, (_, index) =>
            putGrade(
              index % 2 === 0 ? amartin.client : chef.client,
              copy.id,
              draftGrade({ comment: `Course ${index}` }),
              { ifMatch: 1 },
            ),
          ),
        );

        expect(countStatuses(responses).get(200)).toBe(1);
        expect(countStatuses(responses).get(412)).toBe(WRITERS - 1);
        const read = await getGrade(amartin.client, copy.id);
        expect(read.body.version).toBe(2);
      });

      it('concurrent writes to different copies all succeed', async () => {
        const copies = detail.copies;
        const graded = await getGrade(amartin.client, copies[3]!.id);
        expect(graded.status).toBe(404);

        const responses = await Promise.all(
          copies.map(async (copy) => {
            const current = await getGrade(amartin.client, copy.id);
            return current.status === 404
              ? putGrade(amartin.client, copy.id, draftGrade(), { first: true })
              : putGrade(
                  amartin.client,
                  copy.id,
                  draftGrade({ comment: 'Fin' }),
                  {
                    ifMatch: current.body.version,
                  },
                );
          }),
        );

        for (const response of responses) {
          expect([200, 201]).toContain(response.status);
        }
      });
    },
  );
}
