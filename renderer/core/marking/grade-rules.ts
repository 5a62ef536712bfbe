/**
 * The marking rules that a local grade follows before the server receives it:
 * totals in integer hundredths, every question marked before a grade is
 * final, and no edits once the batch is submitted or closed.
 */
import type {
  BatchStatus,
  GradeStatus,
  MarkingScheme,
} from '../../../shared/api/schemas';
import {
  checkMark,
  toHundredths,
  type MarkProblem,
} from '../../../shared/points';

/** A stored mark that the current scheme no longer allows. */
export interface InvalidMark {
  questionId: string;
  points: number;
  problem: MarkProblem | 'unknown-question';
}

/** Sums the marks of the scheme's questions, in hundredths; other ids are left out. */
export function gradeTotal(
  scheme: MarkingScheme,
  marks: Readonly<Record<string, number>>,
): number {
  let total = 0;
  for (const question of scheme.questions) {
    const points = marks[question.id];
    if (points === undefined) {
      continue;
    }
    total += toHundredths(points) ?? 0;
  }
  return total;
}

/** Returns the scheme's total in hundredths. */
export function schemeTotal(scheme: MarkingScheme): number {
  return scheme.questions.reduce(
    (sum, question) => sum + (toHundredths(question.maxPoints) ?? 0),
    0,
  );
}

/** Lists the questions that have no mark, in scheme order. */
export function unmarkedQuestions(
  scheme: MarkingScheme,
  marks: Readonly<Record<string, number>>,
): string[] {
  return scheme.questions
    .filter((question) => marks[question.id] === undefined)
    .map((question) => question.id);
}

/**
 * Lists stored marks the scheme does not allow: a question it no longer
 * has, or points outside its bounds or step after a scheme correction.
 */
export function invalidMarks(
  scheme: MarkingScheme,
  marks: Readonly<Record<string, number>>,
): InvalidMark[] {
  const questions = new Map(scheme.questions.map((q) => [q.id, q]));
  const problems: InvalidMark[] = [];

  for (const [questionId, points] of Object.entries(marks)) {
    const question = questions.get(questionId);
    if (question === undefined) {
      problems.push({ questionId, points, problem: 'unknown-question' });
      continue;
    }
    const problem = checkMark(points, question);
    if (problem !== null) {
      problems.push({ questionId, points, problem });
    }
  }
  return problems;
}

/** The result of checking a grade for final: `ready`, or the reasons it is not. */
export type FinalCheck =
  | { ready: true }
  | { ready: false; unmarked: string[]; invalid: InvalidMark[] };

/** Checks that every question has a mark the scheme allows. */
export function checkFinal(
  scheme: MarkingScheme,
  marks: Readonly<Record<string, number>>,
): FinalCheck {
  const unmarked = unmarkedQuestions(scheme, marks);
  const invalid = invalidMarks(scheme, marks);
  if (unmarked.length === 0 && invalid.length === 0) {
    return { ready: true };
  }
  return { ready: false, unmarked, invalid };
}

/** The reason grades of a batch cannot change. */
export type BatchLock = 'submitted' | 'closed' | 'deadline-passed';

/**
 * Returns why grades of the batch are locked: submitted or closed, or its
 * deadline passed (the server then rejects writes with 423), else null.
 */
export function batchLock(
  batch: { status: BatchStatus; deadline: string },
  now: Date,
): BatchLock | null {
  if (batch.status !== 'open') {
    return batch.status;
  }
  if (Date.parse(batch.deadline) <= now.getTime()) {
    return 'deadline-passed';
  }
  return null;
}

/** Why the examiner cannot change a copy's grade: its batch, or the copy withdrawn. */
export type GradeLock = BatchLock | 'copy-withdrawn';

/**
 * Returns whether the examiner may change the grade: nothing locks it and
 * the grade is a draft. A final grade is reopened first.
 */
export function canEditGrade(
  lock: GradeLock | null,
  gradeStatus: GradeStatus,
): boolean {
  return lock === null && gradeStatus === 'draft';
}

/** Returns whether a final grade may go back to draft, which it may until something locks it. */
export function canReopenGrade(
  lock: GradeLock | null,
  gradeStatus: GradeStatus,
): boolean {
  return lock === null && gradeStatus === 'final';
}
