import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROBLEM_TYPES, type BatchDetail } from '../../../shared/api/schemas';
import { toHundredths } from '../../../shared/points';
import { testDialects } from '../../support/test-database';
import {
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../support/test-server';
import { loadOwnBatch } from './support/assigned-batch';
import { draftGrade, getGrade, putGrade } from './support/grade-requests';
import { expectProblem } from './support/problem';

// Twenty questions of one point in steps of 0.1: sums of such marks drift
// in binary floating point (0.1 + 0.2 !== 0.3).
const TENTHS_QUESTIONS = Array.from({ length: 20 }, (_, index) => ({
  id: `t${index + 1}`,
  label: `Question ${index + 1}`,
  maxPoints: 1,
  step: 0.1,
}));

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`grade points on ${dialect}`, () => {
    let server: TestServer;
    let amartin: SignedIn;
    let detail: BatchDetail;

    beforeAll(async () => {
      server = await startTestServer(dialect, {
        questions: TENTHS_QUESTIONS,
      });
      amartin = await signIn(server, 'amartin');
      detail = await loadOwnBatch(amartin.client);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('scheme of twenty tenths totals exactly 20', () => {
      expect(detail.scheme.totalPoints).toBe(20);
      expect(detail.scheme.questions).toEqual(TENTHS_QUESTIONS);
    });

    it('twenty marks of tenths come back exactly', async () => {
      const copy = detail.copies[0]!;
      const marks: Record<string, number> = {};
      TENTHS_QUESTIONS.forEach((question, index) => {
        marks[question.id] = ((index % 10) + 1) / 10;
      });

      const written = await putGrade(
        amartin.client,
        copy.id,
        draftGrade({ status: 'final', marks }),
        { first: true },
      );
      const read = await getGrade(amartin.client, copy.id);

      expect(written.status).toBe(201);
      expect(read.status).toBe(200);
      expect(read.body.marks).toEqual(marks);
      let total = 0;
      for (const points of Object.values(read.body.marks)) {
        total += toHundredths(points)!;
      }
      expect(total).toBe(1100);
    });

    it('every mark of 0.1 totals exactly 2', async () => {
      const copy = detail.copies[1]!;
      const marks: Record<string, number> = {};
      for (const question of TENTHS_QUESTIONS) {
        marks[question.id] = 0.1;
      }

      const written = await putGrade(
        amartin.client,
        copy.id,
        draftGrade({ status: 'final', marks }),
        { first: true },
      );
      const read = await getGrade(amartin.client, copy.id);

      expect(written.status).toBe(201);
      expect(read.body.marks).toEqual(marks);
      let total = 0;
      for (const points of Object.values(read.body.marks)) {
        total += toHundredths(points)!;
      }
      expect(total).toBe(200);
    });

    it('mark between two tenths is 422', async () => {
      const copy = detail.copies[2]!;

      const response = await putGrade(
        amartin.client,
        copy.id,
        draftGrade({ marks: { t7: 0.15 } }),
        { first: true },
      );

      const problem = expectProblem(response, 422, PROBLEM_TYPES.invalidGrade);
      expect(problem.detail).toContain('marks.t7');
      expect(problem.detail).toContain('0.1');
    });
  });
}
