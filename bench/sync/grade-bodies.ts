/** The grades both clients push: every question at its maximum, final. */
import type { GradeWrite } from '../../shared/api/schemas';
import type { SittingQuestion } from '../../server/sample/index';

export function fullMarks(
  questions: readonly SittingQuestion[],
): Record<string, number> {
  return Object.fromEntries(
    questions.map((question) => [question.id, question.maxPoints]),
  );
}

/** The body of `PUT /copies/{id}/grade`, as the engine sends it. */
export function gradeBody(
  questions: readonly SittingQuestion[],
  comment: string,
  clientUpdatedAt: string,
): GradeWrite {
  return {
    status: 'final',
    marks: fullMarks(questions),
    comment,
    flags: [],
    annotations: [],
    clientUpdatedAt,
  };
}

/**
 * Runs `task` over `items`, `concurrency` at a time, and raises the first
 * failure after the tasks in flight end.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const work = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, work),
  );
}
