import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  checkMark,
  checkQuestionBounds,
  formatHundredths,
  fromHundredths,
  toHundredths,
  totalHundredths,
} from '../../../shared/points';

describe('toHundredths', () => {
  it('converts two-decimal values exactly', () => {
    expect(toHundredths(0)).toBe(0);
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(12.75)).toBe(1275);
    expect(toHundredths(0.1)).toBe(10);
  });

  it('rejects more than two decimals', () => {
    expect(toHundredths(0.125)).toBeNull();
    expect(toHundredths(1.001)).toBeNull();
    expect(toHundredths(0.3000000001)).toBeNull();
    expect(toHundredths(0.1 + 0.2)).toBeNull();
    expect(toHundredths(9999.990000001)).toBeNull();
  });

  it('rejects negatives, infinities and NaN', () => {
    expect(toHundredths(-0.5)).toBeNull();
    expect(toHundredths(Number.NaN)).toBeNull();
    expect(toHundredths(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('round-trips every hundredth up to 10 000 points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (hundredths) => {
        expect(toHundredths(fromHundredths(hundredths))).toBe(hundredths);
      }),
    );
  });
});

describe('totalHundredths', () => {
  it('totals twenty questions of 0.1 exactly', () => {
    const marks = Array.from({ length: 20 }, () => 0.1);

    expect(totalHundredths(marks)).toBe(200);
    expect(formatHundredths(totalHundredths(marks))).toBe('2');
    // Binary floating point gets this wrong, which is why totals use integers.
    expect(marks.reduce((sum, mark) => sum + mark, 0)).not.toBe(2);
  });

  it('totals any mix of steps exactly', () => {
    const step = fc.constantFrom(0.01, 0.1, 0.25, 0.5, 1);
    const mark = fc
      .tuple(step, fc.integer({ min: 0, max: 80 }))
      .map(([size, count]) => ({
        points: fromHundredths(Math.round(size * 100) * count),
        hundredths: Math.round(size * 100) * count,
      }));

    fc.assert(
      fc.property(fc.array(mark, { maxLength: 40 }), (marks) => {
        const expected = marks.reduce((sum, item) => sum + item.hundredths, 0);
        expect(totalHundredths(marks.map((item) => item.points))).toBe(
          expected,
        );
      }),
    );
  });

  it('rejects a mark with three decimals', () => {
    expect(() => totalHundredths([1, 0.125])).toThrow(/0\.125/);
  });
});

describe('checkMark', () => {
  const question = { maxPoints: 4, step: 0.5 };

  it('accepts the bounds and every step between them', () => {
    for (let hundredths = 0; hundredths <= 400; hundredths += 50) {
      expect(checkMark(fromHundredths(hundredths), question)).toBeNull();
    }
  });

  it('rejects values outside 0 to maxPoints', () => {
    expect(checkMark(-0.5, question)).toBe('out-of-range');
    expect(checkMark(4.5, question)).toBe('out-of-range');
  });

  it('rejects values between steps', () => {
    expect(checkMark(0.25, question)).toBe('not-a-step');
    expect(checkMark(3.9, question)).toBe('not-a-step');
    expect(checkMark(0.3, { maxPoints: 2, step: 0.25 })).toBe('not-a-step');
  });

  it('rejects values that are not numbers', () => {
    expect(checkMark('2', question)).toBe('not-a-number');
    expect(checkMark(null, question)).toBe('not-a-number');
    expect(checkMark(Number.NaN, question)).toBe('not-a-number');
  });

  it('agrees with integer arithmetic for any step and value', () => {
    const steps = fc.constantFrom(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2);
    fc.assert(
      fc.property(
        steps,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 5000 }),
        (step, stepsInMax, valueHundredths) => {
          const stepHundredths = Math.round(step * 100);
          const maxHundredths = stepHundredths * stepsInMax;
          const problem = checkMark(fromHundredths(valueHundredths), {
            maxPoints: fromHundredths(maxHundredths),
            step,
          });

          if (valueHundredths > maxHundredths) {
            expect(problem).toBe('out-of-range');
          } else if (valueHundredths % stepHundredths !== 0) {
            expect(problem).toBe('not-a-step');
          } else {
            expect(problem).toBeNull();
          }
        },
      ),
    );
  });
});

describe('checkQuestionBounds', () => {
  it('accepts a maximum that is a whole number of steps', () => {
    expect(checkQuestionBounds({ maxPoints: 4, step: 0.25 })).toBeNull();
  });

  it('rejects a step that does not divide the maximum', () => {
    expect(checkQuestionBounds({ maxPoints: 1, step: 0.3 })).toMatch(
      /not a whole number of steps/,
    );
  });

  it('rejects a zero step or maximum', () => {
    expect(checkQuestionBounds({ maxPoints: 4, step: 0 })).toMatch(/step 0/);
    expect(checkQuestionBounds({ maxPoints: 0, step: 1 })).toMatch(
      /maxPoints 0/,
    );
  });
});
