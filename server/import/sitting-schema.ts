/**
 * The TypeBox schema of `sitting.json`: the exam sitting, its marking
 * scheme, its graders and their batches of copies. It checks the shape and
 * the types; `sitting-rules.ts` checks what relates one part to another.
 */
import Type, { type Static } from 'typebox';

/** Text with at least one character that is not white space. */
const Text = Type.String({ pattern: '\\S' });

/** A name that is matched exactly, so it may not start or end with a space. */
const Name = Type.String({ pattern: '^\\S(.*\\S)?$', maxLength: 200 });

export const SittingQuestion = Type.Object(
  {
    id: Name,
    label: Type.String(),
    maxPoints: Type.Number(),
    step: Type.Number(),
  },
  { additionalProperties: false },
);

export const SittingGrader = Type.Object(
  {
    username: Name,
    displayName: Text,
    // The sign-in request accepts passwords of up to 1000 characters.
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    role: Type.Optional(Type.Enum(['grader', 'supervisor'])),
  },
  { additionalProperties: false },
);

export const SittingCopy = Type.Object(
  {
    anonymousCode: Name,
    file: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const SittingBatch = Type.Object(
  {
    grader: Type.String(),
    title: Text,
    deadline: Type.String({ format: 'date-time' }),
    copies: Type.Array(SittingCopy, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const SittingFile = Type.Object(
  {
    title: Text,
    subject: Text,
    scheme: Type.Object(
      {
        title: Text,
        questions: Type.Array(SittingQuestion, { minItems: 1 }),
      },
      { additionalProperties: false },
    ),
    graders: Type.Array(SittingGrader, { minItems: 1 }),
    batches: Type.Array(SittingBatch, { minItems: 1 }),
    // The header layout of the answer sheets, checked field by field with
    // `parseHeaderLayout` in `sitting-rules.ts` so its problems read the
    // same as those of the page checks' `--layout`.
    headerLayout: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

export type SittingFile = Static<typeof SittingFile>;
export type SittingQuestion = Static<typeof SittingQuestion>;
export type SittingGrader = Static<typeof SittingGrader>;
export type SittingBatch = Static<typeof SittingBatch>;
export type SittingCopy = Static<typeof SittingCopy>;
