/**
 * Reading of a question's points field and of its `+` and `-` keys into
 * marks the scheme allows. Values are integer hundredths of a point, as in
 * shared/points.ts.
 */
import {
  checkMark,
  toHundredths,
  type MarkProblem,
  type QuestionBounds,
} from '../../../shared/points';

/** The result of reading a points field. */
export type PointsInput =
  | { kind: 'empty' }
  | { kind: 'mark'; hundredths: number }
  | { kind: 'invalid'; problem: MarkProblem };

// Digits with at most one decimal separator; French writes "12,5".
const DECIMAL = /^\d+(?:[.,]\d*)?$|^[.,]\d+$/;

/**
 * Reads the text of a points field: empty means the question is not
 * marked, otherwise a decimal number with a point or a comma that must fit
 * the question's bounds and step.
 */
export function readPointsInput(
  text: string,
  question: QuestionBounds,
): PointsInput {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { kind: 'empty' };
  }
  if (!DECIMAL.test(trimmed)) {
    return { kind: 'invalid', problem: 'not-a-number' };
  }

  const points = Number(trimmed.replace(',', '.'));
  const problem = checkMark(points, question);
  if (problem !== null) {
    return { kind: 'invalid', problem };
  }
  return { kind: 'mark', hundredths: toHundredths(points)! };
}

/**
 * Reads the number in a points field's text, in hundredths and rounded
 * down to a hundredth, whether or not it fits the question. Returns null
 * when the text is empty or not a number. `+` and `-` step from it, so 4,9
 * on a 0.25 grid goes up to 5 rather than from the stored mark.
 */
export function readTypedHundredths(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) {
    return null;
  }
  const points = Number(trimmed.replace(',', '.'));
  return Number.isFinite(points) ? Math.floor(points * 100 + 1e-9) : null;
}

/**
 * Moves a mark by one step up (`+1`) or down (`-1`), staying within
 * `[0, maxPoints]` and on the step grid. An unmarked question goes to 0
 * on either key, so `-` is the quick way to give no points. A value off
 * the grid, left by an older scheme, moves to the nearest grid value in
 * that direction.
 */
export function stepPoints(
  current: number | null,
  direction: 1 | -1,
  question: QuestionBounds,
): number {
  if (current === null) {
    return 0;
  }

  const step = toHundredths(question.step)!;
  const max = toHundredths(question.maxPoints)!;
  // Above the maximum, either key comes back to the maximum.
  if (current > max) {
    return max;
  }
  const below = Math.floor(current / step) * step;
  let next: number;
  if (direction === 1) {
    next = below + step;
  } else if (below === current) {
    next = current - step;
  } else {
    next = below;
  }
  return Math.min(Math.max(next, 0), max);
}

/**
 * Formats hundredths for a points field in the examiner's language:
 * "12,5" in French, "12.5" in English, no trailing zeros.
 */
export function formatPoints(hundredths: number, language: string): string {
  const text = String(hundredths / 100);
  return language.startsWith('fr') ? text.replace('.', ',') : text;
}
