import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { MarkingScheme } from '../../../../../shared/api/schemas';
import {
  batchLock,
  canEditGrade,
  canReopenGrade,
  checkFinal,
  gradeTotal,
  invalidMarks,
  schemeTotal,
} from '../../../../../renderer/core/marking/grade-rules';
import { readPointsInput } from '../../../../../renderer/core/marking/points-entry';

function scheme(
  questions: { id: string; maxPoints: number; step: number }[],
): MarkingScheme {
  return {
    id: 's1',
    version: 1,
    title: 'Barème',
    questions: questions.map((q) => ({ ...q, label: q.id })),
    totalPoints: questions.reduce((sum, q) => sum + q.maxPoints, 0),
  };
}

const twentyTenths = scheme(
  Array.from({ length: 20 }, (_, index) => ({
    id: `q${index + 1}`,
    maxPoints: 1,
    step: 0.1,
  })),
);

describe('gradeTotal', () => {
  it('totals twenty questions of 0.1 exactly', () => {
    const marks = Object.fromEntries(
      twentyTenths.questions.map((q) => [q.id, 0.1]),
    );

    expect(gradeTotal(twentyTenths, marks)).toBe(200);
    expect(schemeTotal(twentyTenths)).toBe(2000);
  });

  it('totals marks typed as text exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), {
          minLength: 20,
          maxLength: 20,
        }),
        (tenths) => {
          const marks: Record<string, number> = {};
          twentyTenths.questions.forEach((question, index) => {
            const typed = readPointsInput(`0,${tenths[index]}`, question);
            if (tenths[index] === 10) {
              marks[question.id] = 1;
            } else if (typed.kind === 'mark') {
              marks[question.id] = typed.hundredths / 100;
            }
          });

          const expected = tenths.reduce((sum, value) => sum + value * 10, 0);
          expect(gradeTotal(twentyTenths, marks)).toBe(expected);
        },
      ),
    );
  });

  it('totals any mix of steps exactly', () => {
    const steps = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...steps),
            fc.integer({ min: 1, max: 30 }),
            fc.integer({ min: 0, max: 30 }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (questions) => {
          const definition = questions.map(([step, count], index) => ({
            id: `q${index}`,
            step,
            maxPoints: (count * Math.round(step * 100)) / 100,
          }));
          const marks: Record<string, number> = {};
          let expected = 0;
          questions.forEach(([step, count, taken], index) => {
            const hundredths = Math.min(taken, count) * Math.round(step * 100);
            marks[`q${index}`] = hundredths / 100;
            expected += hundredths;
          });

          expect(gradeTotal(scheme(definition), marks)).toBe(expected);
        },
      ),
    );
  });

  it('leaves out marks of questions the scheme lacks', () => {
    const s = scheme([{ id: 'q1', maxPoints: 4, step: 0.5 }]);

    expect(gradeTotal(s, { q1: 2.5, q9: 3 })).toBe(250);
  });
});

describe('checkFinal', () => {
  const s = scheme([
    { id: 'q1', maxPoints: 4, step: 0.5 },
    { id: 'q2', maxPoints: 6, step: 1 },
  ]);

  it('is ready when every question has a valid mark', () => {
    expect(checkFinal(s, { q1: 0, q2: 6 })).toEqual({ ready: true });
  });

  it('lists the unmarked questions', () => {
    expect(checkFinal(s, { q2: 3 })).toEqual({
      ready: false,
      unmarked: ['q1'],
      invalid: [],
    });
  });

  it('lists marks a corrected scheme no longer allows', () => {
    expect(invalidMarks(s, { q1: 4.5, q2: 2.5, q3: 1 })).toEqual([
      { questionId: 'q1', points: 4.5, problem: 'out-of-range' },
      { questionId: 'q2', points: 2.5, problem: 'not-a-step' },
      { questionId: 'q3', points: 1, problem: 'unknown-question' },
    ]);
  });
});

describe('batchLock', () => {
  const now = new Date('2026-06-20T10:00:00Z');

  it('locks submitted and closed batches', () => {
    expect(
      batchLock({ status: 'submitted', deadline: '2026-07-01T00:00:00Z' }, now),
    ).toBe('submitted');
    expect(
      batchLock({ status: 'closed', deadline: '2026-07-01T00:00:00Z' }, now),
    ).toBe('closed');
  });

  it('locks an open batch past its deadline', () => {
    expect(
      batchLock({ status: 'open', deadline: '2026-06-20T09:59:59Z' }, now),
    ).toBe('deadline-passed');
    expect(
      batchLock({ status: 'open', deadline: '2026-06-20T10:00:01Z' }, now),
    ).toBeNull();
  });

  it('allows edits of drafts and reopening of final grades when open', () => {
    expect(canEditGrade(null, 'draft')).toBe(true);
    expect(canEditGrade(null, 'final')).toBe(false);
    expect(canEditGrade('submitted', 'draft')).toBe(false);
    expect(canReopenGrade(null, 'final')).toBe(true);
    expect(canReopenGrade('closed', 'final')).toBe(false);
    expect(canReopenGrade(null, 'draft')).toBe(false);
  });
});
