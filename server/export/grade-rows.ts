/**
 * Reads the grades of one or every sitting as table rows: one row per copy,
 * one column per question of the marking schemes, totals added exactly in
 * integer hundredths.
 */
import type { Kysely } from 'kysely';

import { formatHundredths, toHundredths } from '../../shared/points';
import type { Database } from '../db/tables';

/** Columns before the question columns. */
export const LEADING_COLUMNS = [
  'sitting',
  'batch',
  'grader',
  'anonymous_code',
  'copy_id',
  'grade_status',
];

/** Columns after the question columns. */
export const TRAILING_COLUMNS = [
  'total',
  'flags',
  'comment',
  'updated_at',
  'updated_by',
];

/** Raised when the requested sitting does not exist. */
export class UnknownSittingError extends Error {
  constructor(readonly sittingId: string) {
    super(
      `No sitting has id ${JSON.stringify(sittingId)}: run the export without --sitting to write every sitting`,
    );
    this.name = 'UnknownSittingError';
  }
}

export interface GradeTable {
  /** Header of the table: leading, question and trailing columns. */
  columns: string[];
  /** Yields the rows batch by batch, so memory stays bounded. */
  rows(): AsyncGenerator<string[][]>;
}

/**
 * Prepares the table of every non-withdrawn copy of the sitting `sittingId`,
 * or of every sitting when it is undefined.
 */
export async function readGradeTable(
  db: Kysely<Database>,
  sittingId?: string,
): Promise<GradeTable> {
  let sittingQuery = db
    .selectFrom('sittings')
    .select(['id', 'title'])
    .orderBy('title')
    .orderBy('id');
  if (sittingId !== undefined) {
    sittingQuery = sittingQuery.where('id', '=', sittingId);
  }
  const sittings = await sittingQuery.execute();
  if (sittingId !== undefined && sittings.length === 0) {
    throw new UnknownSittingError(sittingId);
  }

  // Question columns follow the rows: sittings by title, then each
  // sitting's schemes by version.
  const schemes = await readSchemes(
    db,
    sittings.map((sitting) => sitting.id),
  );
  const questionIds = [
    ...new Set(
      sittings.flatMap((sitting) =>
        schemes
          .filter((scheme) => scheme.sittingId === sitting.id)
          .flatMap((scheme) => scheme.questionIds),
      ),
    ),
  ];
  const schemeQuestions = new Map(
    schemes.map((scheme) => [scheme.id, scheme.questionIds]),
  );

  return {
    columns: [...LEADING_COLUMNS, ...questionIds, ...TRAILING_COLUMNS],
    rows: async function* () {
      for (const sitting of sittings) {
        for (const batch of await readBatches(db, sitting.id)) {
          const copies = await readCopies(db, batch.id);
          yield copies.map((copy) => [
            sitting.title,
            batch.title,
            batch.username,
            ...formatCopy(
              copy,
              questionIds,
              schemeQuestions.get(batch.scheme_id) ?? [],
            ),
          ]);
        }
      }
    },
  };
}

interface SchemeColumns {
  id: string;
  sittingId: string;
  questionIds: string[];
}

/** Returns the question ids of every scheme of the sittings, by version. */
async function readSchemes(
  db: Kysely<Database>,
  sittingIds: string[],
): Promise<SchemeColumns[]> {
  if (sittingIds.length === 0) {
    return [];
  }

  const rows = await db
    .selectFrom('schemes')
    .select(['id', 'sitting_id', 'questions'])
    .where('sitting_id', 'in', sittingIds)
    .orderBy('version')
    .execute();

  return rows.map((row) => {
    const questions = JSON.parse(row.questions) as { id: string }[];
    return {
      id: row.id,
      sittingId: row.sitting_id,
      questionIds: questions.map((question) => question.id),
    };
  });
}

function readBatches(db: Kysely<Database>, sittingId: string) {
  return db
    .selectFrom('batches')
    .innerJoin('graders', 'graders.id', 'batches.grader_id')
    .select([
      'batches.id',
      'batches.title',
      'batches.scheme_id',
      'graders.username',
    ])
    .where('batches.sitting_id', '=', sittingId)
    .where('batches.withdrawn_at', 'is', null)
    .orderBy('batches.title')
    .orderBy('batches.id')
    .execute();
}

function readCopies(db: Kysely<Database>, batchId: string) {
  return db
    .selectFrom('copies')
    .leftJoin('grades', 'grades.copy_id', 'copies.id')
    .leftJoin('graders as editor', 'editor.id', 'grades.updated_by')
    .select([
      'copies.id',
      'copies.anonymous_code',
      'grades.status',
      'grades.marks',
      'grades.flags',
      'grades.comment',
      'grades.updated_at',
      'grades.updated_by',
      'editor.username as updated_by_username',
    ])
    .where('copies.batch_id', '=', batchId)
    .where('copies.withdrawn_at', 'is', null)
    .orderBy('copies.anonymous_code')
    .execute();
}

type CopyGradeRow = Awaited<ReturnType<typeof readCopies>>[number];

/** Formats the columns from the anonymous code on. */
function formatCopy(
  copy: CopyGradeRow,
  questionIds: string[],
  schemeQuestions: string[],
): string[] {
  const leading = [copy.anonymous_code, copy.id];

  if (copy.status === null || copy.marks === null) {
    const empty = new Array<string>(
      questionIds.length + TRAILING_COLUMNS.length,
    );
    return [...leading, '', ...empty.fill('')];
  }

  const marks = JSON.parse(copy.marks) as Record<string, number>;
  const inScheme = new Set(schemeQuestions);
  let total = 0;
  const points = questionIds.map((questionId) => {
    const value = marks[questionId];
    if (value === undefined || !inScheme.has(questionId)) {
      return '';
    }

    const hundredths = toHundredths(value);
    if (hundredths === null) {
      throw new Error(
        `Copy ${copy.id} has an invalid mark ${JSON.stringify(value)} for question ${questionId}: marks must be numbers >= 0 with at most two decimals`,
      );
    }
    total += hundredths;
    return formatHundredths(hundredths);
  });

  const flags = JSON.parse(copy.flags ?? '[]') as string[];

  return [
    ...leading,
    copy.status,
    ...points,
    formatHundredths(total),
    flags.join(';'),
    copy.comment ?? '',
    copy.updated_at ?? '',
    copy.updated_by_username ?? copy.updated_by ?? '',
  ];
}
