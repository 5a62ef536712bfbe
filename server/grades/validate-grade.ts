/**
 * Checks a grade against its marking scheme and copy, in integer
 * hundredths: every mark belongs to a question of the scheme, lies within
 * `[0, maxPoints]` and is a whole number of steps; a `final` grade marks
 * every question; annotations point at pages of the copy.
 */
import {
  GRADE_LIMITS,
  type GradeWrite,
  type Question,
} from '../../shared/api/schemas';
import { checkMark, type MarkProblem } from '../../shared/points';

/** One reason a grade is rejected, with the field it concerns. */
export interface GradeViolation {
  field: string;
  message: string;
}

const MARK_MESSAGES: Record<
  MarkProblem,
  (q: Question, value: unknown) => string
> = {
  'not-a-number': (_q, value) => `${JSON.stringify(value)} is not a number`,
  'out-of-range': (q, value) =>
    `${String(value)} is outside 0 to ${q.maxPoints}`,
  'not-a-step': (q, value) =>
    `${String(value)} is not a multiple of the step ${q.step}`,
};

export function validateGrade(
  grade: GradeWrite,
  questions: Question[],
  pageCount: number,
): GradeViolation[] {
  const violations: GradeViolation[] = [];
  const byId = new Map(questions.map((question) => [question.id, question]));

  for (const [questionId, points] of Object.entries(grade.marks)) {
    const question = byId.get(questionId);
    if (!question) {
      violations.push({
        field: `marks.${questionId}`,
        message: `question "${questionId}" is not in the marking scheme`,
      });
      continue;
    }

    const problem = checkMark(points, question);
    if (problem) {
      violations.push({
        field: `marks.${questionId}`,
        message: MARK_MESSAGES[problem](question, points),
      });
    }
  }

  if (grade.status === 'final') {
    for (const question of questions) {
      if (!(question.id in grade.marks)) {
        violations.push({
          field: `marks.${question.id}`,
          message: `question "${question.id}" (${question.label}) has no mark, and a final grade needs every question marked`,
        });
      }
    }
  }

  grade.annotations.forEach((annotation, index) => {
    const geometryLength = JSON.stringify(annotation.geometry ?? null).length;
    if (geometryLength > GRADE_LIMITS.geometryLength) {
      violations.push({
        field: `annotations[${index}].geometry`,
        message: `geometry is ${geometryLength} characters of JSON, above the limit of ${GRADE_LIMITS.geometryLength}: simplify the stroke`,
      });
    }
    if (annotation.page > pageCount) {
      violations.push({
        field: `annotations[${index}].page`,
        message: `page ${annotation.page} is past the copy's last page ${pageCount}`,
      });
    }
  });

  const annotationIds = new Set<string>();
  grade.annotations.forEach((annotation, index) => {
    if (annotationIds.has(annotation.id)) {
      violations.push({
        field: `annotations[${index}].id`,
        message: `annotation id "${annotation.id}" is used twice`,
      });
    }
    annotationIds.add(annotation.id);
  });

  return violations;
}
