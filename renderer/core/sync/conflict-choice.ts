/**
 * The examiner's choice between the two versions of a grade in conflict:
 * what differs, question by question and field by field, and the grade
 * built from one chosen side per difference. Nothing is chosen by default,
 * so every difference is an explicit decision of the examiner.
 */
import type { MarkingScheme } from '../../../shared/api/schemas';
import { canonicalJson } from '../../../shared/canonical-json';
import { toHundredths } from '../../../shared/points';
import {
  invalidMarks,
  unmarkedQuestions,
  type InvalidMark,
} from '../marking/grade-rules';
import type { GradeContent } from '../store/rows';

/** One of the two versions: the server's, or the one on this computer. */
export type GradeSide = 'server' | 'local';

/** The grade fields besides the marks, each taken whole from one side. */
export const WHOLE_FIELDS = [
  'comment',
  'flags',
  'status',
  'annotations',
] as const;
export type WholeField = (typeof WHOLE_FIELDS)[number];

/** One question's points in both versions. */
export interface QuestionComparison {
  questionId: string;
  /** The scheme's label, or the id of a question the scheme does not have. */
  label: string;
  /** Points on the server, or undefined when that version has no mark. */
  server: number | undefined;
  local: number | undefined;
  /** Local minus server points, in hundredths; null when a side has no mark. */
  difference: number | null;
  differs: boolean;
}

export interface GradeComparison {
  /** The scheme's questions in order, then ids it does not have, sorted. */
  questions: QuestionComparison[];
  /** Whether each field besides the marks differs between the versions. */
  fields: Record<WholeField, boolean>;
}

/** The side chosen for each difference; one left out is not chosen yet. */
export interface ConflictChoices {
  questions: Readonly<Record<string, GradeSide>>;
  fields: Readonly<Partial<Record<WholeField, GradeSide>>>;
}

export const NO_CHOICES: ConflictChoices = { questions: {}, fields: {} };

/** The differences that still need a choice. */
export interface PendingChoices {
  questionIds: string[];
  fields: WholeField[];
}

/** Compares the local grade with the server's, question by question. */
export function compareGrades(
  scheme: MarkingScheme,
  local: GradeContent,
  server: GradeContent,
): GradeComparison {
  const schemeIds = scheme.questions.map((question) => question.id);
  const otherIds = [
    ...new Set([...Object.keys(local.marks), ...Object.keys(server.marks)]),
  ]
    .filter((id) => !schemeIds.includes(id))
    .sort();
  const labels = new Map(scheme.questions.map((q) => [q.id, q.label]));

  const questions = [...schemeIds, ...otherIds].map((questionId) => {
    const serverPoints = server.marks[questionId];
    const localPoints = local.marks[questionId];
    return {
      questionId,
      label: labels.get(questionId) ?? questionId,
      server: serverPoints,
      local: localPoints,
      difference: pointsDifference(localPoints, serverPoints),
      differs: serverPoints !== localPoints,
    };
  });

  return { questions, fields: compareWholeFields(local, server) };
}

/** Tests whether the two versions differ at all. */
export function hasDifferences(comparison: GradeComparison): boolean {
  return (
    comparison.questions.some((question) => question.differs) ||
    WHOLE_FIELDS.some((field) => comparison.fields[field])
  );
}

/** Lists the differences that have no chosen side yet. */
export function pendingChoices(
  comparison: GradeComparison,
  choices: ConflictChoices,
): PendingChoices {
  return {
    questionIds: comparison.questions
      .filter((q) => q.differs && choices.questions[q.questionId] === undefined)
      .map((q) => q.questionId),
    fields: WHOLE_FIELDS.filter(
      (field) =>
        comparison.fields[field] && choices.fields[field] === undefined,
    ),
  };
}

/** Chooses `side` for every difference, as the "take all" shortcuts do. */
export function chooseAll(
  comparison: GradeComparison,
  side: GradeSide,
): ConflictChoices {
  const questions: Record<string, GradeSide> = {};
  for (const question of comparison.questions) {
    if (question.differs) {
      questions[question.questionId] = side;
    }
  }
  const fields: Partial<Record<WholeField, GradeSide>> = {};
  for (const field of WHOLE_FIELDS) {
    if (comparison.fields[field]) {
      fields[field] = side;
    }
  }
  return { questions, fields };
}

/**
 * Builds the grade that results from the choices: each question and field
 * comes from its chosen side, or from either side where both agree. A
 * question chosen from a side that has no mark for it ends up unmarked.
 * Raises an `Error` naming what is left when a difference has no choice.
 */
export function buildChosenGrade(
  local: GradeContent,
  server: GradeContent,
  choices: ConflictChoices,
): GradeContent {
  const sides: Record<GradeSide, GradeContent> = { local, server };
  const missing: string[] = [];

  const marks: Record<string, number> = {};
  const questionIds = new Set([
    ...Object.keys(local.marks),
    ...Object.keys(server.marks),
  ]);
  for (const questionId of questionIds) {
    let side: GradeSide | undefined = 'local';
    if (local.marks[questionId] !== server.marks[questionId]) {
      side = choices.questions[questionId];
    }
    if (side === undefined) {
      missing.push(`question ${questionId}`);
      continue;
    }
    const points = sides[side].marks[questionId];
    if (points !== undefined) {
      marks[questionId] = points;
    }
  }

  const differing = compareWholeFields(local, server);
  const pick = <F extends WholeField>(field: F): GradeContent[F] => {
    if (!differing[field]) {
      return local[field];
    }
    const side = choices.fields[field];
    if (side === undefined) {
      missing.push(field);
      return local[field];
    }
    return sides[side][field];
  };
  const chosen: GradeContent = {
    status: pick('status'),
    marks,
    comment: pick('comment'),
    flags: [...pick('flags')],
    annotations: pick('annotations'),
  };

  if (missing.length > 0) {
    throw new Error(
      `Choose a version for ${missing.join(', ')} before building the grade.`,
    );
  }
  return chosen;
}

/** The parts of a chosen grade that the server would reject. */
export interface ChosenGradeProblems {
  /** Marks out of bounds or step, or for a question the scheme lacks. */
  invalid: InvalidMark[];
  /** Questions without a mark in a final grade, always empty for a draft. */
  unmarked: string[];
}

/**
 * Checks the chosen grade against `scheme` as the server will. A mix of a
 * final version and a draft one can leave a final grade with a question
 * unmarked, which the server rejects with 422.
 */
export function checkChosenGrade(
  scheme: MarkingScheme,
  chosen: GradeContent,
): ChosenGradeProblems {
  return {
    invalid: invalidMarks(scheme, chosen.marks),
    unmarked:
      chosen.status === 'final' ? unmarkedQuestions(scheme, chosen.marks) : [],
  };
}

// Flags are a set, so their order does not count.
function compareWholeFields(
  local: GradeContent,
  server: GradeContent,
): Record<WholeField, boolean> {
  return {
    comment: local.comment !== server.comment,
    flags: !sameValue([...local.flags].sort(), [...server.flags].sort()),
    status: local.status !== server.status,
    annotations: !sameValue(local.annotations, server.annotations),
  };
}

function pointsDifference(
  local: number | undefined,
  server: number | undefined,
): number | null {
  if (local === undefined || server === undefined) {
    return null;
  }
  return (toHundredths(local) ?? 0) - (toHundredths(server) ?? 0);
}

/** Compares two JSON values by content, ignoring the order of object keys. */
function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
