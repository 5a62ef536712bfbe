/**
 * The examiner's pace through a batch: how much is left, how long a copy
 * takes them, and what the deadline requires per day. Pure, so the figures can
 * be checked without a store.
 */
import type { CopyRow, GradeRow, MarkingTimeRow } from '../store/rows';

const DAY_MS = 86_400_000;

export interface PaceInput {
  /** The batch's copies. Withdrawn ones are left out of every figure. */
  copies: readonly Pick<CopyRow, 'id' | 'withdrawnAt'>[];
  /** Local grades of the batch's copies. A grade without a summary counts as not final. */
  grades: readonly Pick<GradeRow, 'copyId' | 'summary'>[];
  markingTimes: readonly Pick<MarkingTimeRow, 'copyId' | 'activeMs'>[];
  /** The batch's deadline, an RFC 3339 time. */
  deadline: string;
  now: Date;
}

export interface Pace {
  copiesTotal: number;
  /** Copies whose local grade is final. */
  copiesFinal: number;
  copiesLeft: number;
  /**
   * Median active time of the final copies that have a recorded time,
   * milliseconds, or null when none has.
   */
  medianActiveMs: number | null;
  /** Days until the deadline, fractional, and zero or negative once it has passed. */
  daysLeft: number;
  /**
   * Copies to finish per day to meet the deadline: 0 when none is left,
   * null when copies are left and the deadline passed.
   */
  copiesPerDayNeeded: number | null;
  /**
   * Active marking time per day that those copies take at the median pace,
   * milliseconds, or null when either figure is null.
   */
  activeMsPerDayNeeded: number | null;
}

/** Computes the pace figures. Raises a `RangeError` for a deadline that is not a time. */
export function computePace(input: PaceInput): Pace {
  const deadlineMs = Date.parse(input.deadline);
  if (Number.isNaN(deadlineMs)) {
    throw new RangeError(
      `Deadline ${JSON.stringify(input.deadline)} is not an RFC 3339 time: refresh the batch`,
    );
  }

  const current = input.copies.filter((copy) => copy.withdrawnAt === null);
  const finalGrades = new Set(
    input.grades
      .filter((grade) => grade.summary?.status === 'final')
      .map((grade) => grade.copyId),
  );
  const finalCopies = new Set(
    current.filter((copy) => finalGrades.has(copy.id)).map((copy) => copy.id),
  );
  const finalTimes = input.markingTimes
    .filter((time) => finalCopies.has(time.copyId) && time.activeMs > 0)
    .map((time) => time.activeMs);

  const copiesTotal = current.length;
  const copiesFinal = finalCopies.size;
  const copiesLeft = copiesTotal - copiesFinal;
  const medianActiveMs = median(finalTimes);
  const daysLeft = (deadlineMs - input.now.getTime()) / DAY_MS;

  let copiesPerDayNeeded: number | null;
  if (copiesLeft === 0) {
    copiesPerDayNeeded = 0;
  } else if (daysLeft <= 0) {
    copiesPerDayNeeded = null;
  } else {
    copiesPerDayNeeded = copiesLeft / daysLeft;
  }

  const activeMsPerDayNeeded =
    medianActiveMs === null || copiesPerDayNeeded === null
      ? null
      : medianActiveMs * copiesPerDayNeeded;

  return {
    copiesTotal,
    copiesFinal,
    copiesLeft,
    medianActiveMs,
    daysLeft,
    copiesPerDayNeeded,
    activeMsPerDayNeeded,
  };
}

/** Returns the median, the mean of the two middle values for an even count, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }

  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) {
    return sorted[middle]!;
  }
  return (sorted[middle - 1]! + sorted[middle]!) / 2;
}
