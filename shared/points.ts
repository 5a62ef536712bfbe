/**
 * Points arithmetic in integer hundredths of a point.
 *
 * Marks travel as decimal numbers with at most two decimals. Summing them as
 * binary floating point drifts (0.1 + 0.2 !== 0.3), so both the client and
 * the server convert every mark to an integer number of hundredths first and
 * only ever add integers.
 */

/** Largest mark the arithmetic accepts, in points; far above any real scheme. */
export const MAX_POINTS = 10_000;

/**
 * Converts points to integer hundredths, or returns `null` when the value is
 * not a finite number with at most two decimals within `[0, MAX_POINTS]`.
 */
export function toHundredths(points: number): number | null {
  if (typeof points !== 'number' || !Number.isFinite(points)) {
    return null;
  }
  if (points < 0 || points > MAX_POINTS) {
    return null;
  }

  // 0.29 * 100 is 28.999999999999996 in binary floating point, so scaling
  // alone cannot tell. A value has at most two decimals when it is the very
  // double that dividing its rounded hundredths by 100 gives: JSON's 0.29
  // passes, while 0.1 + 0.2 (0.30000000000000004) does not.
  const rounded = Math.round(points * 100);
  if (rounded / 100 !== points) {
    return null;
  }
  return rounded;
}

/** Converts integer hundredths back to points, exact to two decimals. */
export function fromHundredths(hundredths: number): number {
  return Number((hundredths / 100).toFixed(2));
}

/** Formats hundredths as a decimal string with no trailing zeros: 1250 → "12.5". */
export function formatHundredths(hundredths: number): string {
  return String(fromHundredths(hundredths));
}

/** The reason a mark does not fit its question. */
export type MarkProblem = 'not-a-number' | 'out-of-range' | 'not-a-step';

/** A question's bounds as the arithmetic needs them. */
export interface QuestionBounds {
  maxPoints: number;
  step: number;
}

/**
 * Checks one mark against its question: a two-decimal number in
 * `[0, maxPoints]` that is a whole multiple of `step`.
 */
export function checkMark(
  points: unknown,
  question: QuestionBounds,
): MarkProblem | null {
  if (typeof points !== 'number' || !Number.isFinite(points)) {
    return 'not-a-number';
  }
  if (points < 0 || points > MAX_POINTS) {
    return 'out-of-range';
  }

  // In range but not representable in hundredths: more than two decimals,
  // which no step allows.
  const value = toHundredths(points);
  if (value === null) {
    return 'not-a-step';
  }

  const max = toHundredths(question.maxPoints);
  const step = toHundredths(question.step);
  if (max === null || step === null || step === 0) {
    throw new Error(
      `Invalid question bounds: maxPoints ${question.maxPoints}, step ${question.step}`,
    );
  }

  if (value > max) {
    return 'out-of-range';
  }
  if (value % step !== 0) {
    return 'not-a-step';
  }
  return null;
}

/** Sums marks given in points, exactly, and returns the total in hundredths. */
export function totalHundredths(marks: Iterable<number>): number {
  let total = 0;
  for (const points of marks) {
    const value = toHundredths(points);
    if (value === null) {
      throw new RangeError(
        `Cannot add ${points}: marks must be numbers >= 0 with at most two decimals`,
      );
    }
    total += value;
  }
  return total;
}

/**
 * Checks that a question's own definition is usable: a positive maximum and a
 * positive step, both with at most two decimals, the maximum a whole number
 * of steps. Returns a sentence naming the problem, or `null`.
 */
export function checkQuestionBounds(question: QuestionBounds): string | null {
  const max = toHundredths(question.maxPoints);
  const step = toHundredths(question.step);

  if (max === null || max === 0) {
    return `maxPoints ${question.maxPoints} must be a number above 0 with at most two decimals`;
  }
  if (step === null || step === 0) {
    return `step ${question.step} must be a number above 0 with at most two decimals`;
  }
  if (max % step !== 0) {
    return `maxPoints ${question.maxPoints} is not a whole number of steps of ${question.step}`;
  }
  return null;
}
