/**
 * Rows for export tests, written straight to the database: one sitting with
 * one batch, and the copies and grades each test needs.
 */
import type { Kysely } from 'kysely';

import type { Database } from '../../../server/db/tables';

export interface SeedQuestion {
  id: string;
  label: string;
  maxPoints: number;
  step: number;
}

export interface SeedGrade {
  status: 'draft' | 'final';
  marks: Record<string, number>;
  comment?: string;
  flags?: string[];
  updatedAt?: string;
}

const CREATED_AT = '2026-06-20T08:00:00.000Z';

/** Inserts a sitting with one grader, one batch and its scheme. */
export async function seedSitting(
  db: Kysely<Database>,
  options: {
    id: string;
    title: string;
    questions: SeedQuestion[];
    grader?: string;
    batchTitle?: string;
  },
): Promise<{ batchId: string; graderId: string }> {
  const graderId = `grader-${options.grader ?? 'amartin'}`;
  const batchId = `${options.id}-batch`;
  const schemeId = `${options.id}-scheme`;

  const existingGrader = await db
    .selectFrom('graders')
    .select('id')
    .where('id', '=', graderId)
    .executeTakeFirst();
  if (existingGrader === undefined) {
    await db
      .insertInto('graders')
      .values({
        id: graderId,
        username: options.grader ?? 'amartin',
        display_name: 'A. Martin',
        password_hash: 'scrypt$unused',
        created_at: CREATED_AT,
      })
      .execute();
  }

  await db
    .insertInto('sittings')
    .values({
      id: options.id,
      title: options.title,
      subject: 'Philosophie',
      created_at: CREATED_AT,
    })
    .execute();
  await db
    .insertInto('schemes')
    .values({
      id: schemeId,
      sitting_id: options.id,
      version: 1,
      title: 'Barème',
      questions: JSON.stringify(options.questions),
      total_hundredths: 0,
    })
    .execute();
  await db
    .insertInto('batches')
    .values({
      id: batchId,
      sitting_id: options.id,
      grader_id: graderId,
      scheme_id: schemeId,
      title: options.batchTitle ?? 'Lot 12',
      subject: 'Philosophie',
      deadline: '2026-07-03T18:00:00.000Z',
      status: 'open',
      withdrawn_at: null,
      created_at: CREATED_AT,
    })
    .execute();

  return { batchId, graderId };
}

/** Inserts a copy of the batch, and its grade when `grade` is given. */
export async function seedCopy(
  db: Kysely<Database>,
  batch: { batchId: string; graderId: string },
  copy: {
    id: string;
    code: string;
    grade?: SeedGrade;
    withdrawn?: boolean;
  },
): Promise<void> {
  const sitting = await db
    .selectFrom('batches')
    .select('sitting_id')
    .where('id', '=', batch.batchId)
    .executeTakeFirstOrThrow();

  await db
    .insertInto('copies')
    .values({
      id: copy.id,
      sitting_id: sitting.sitting_id,
      batch_id: batch.batchId,
      anonymous_code: copy.code,
      page_count: 2,
      sha256: '0'.repeat(64),
      size: 1000,
      content_type: 'application/pdf',
      revision: 1,
      storage_key: `${sitting.sitting_id}/${copy.id}-r1.pdf`,
      withdrawn_at: copy.withdrawn ? CREATED_AT : null,
      created_at: CREATED_AT,
    })
    .execute();

  if (copy.grade === undefined) {
    return;
  }
  const updatedAt = copy.grade.updatedAt ?? '2026-06-25T14:30:00.000Z';
  await db
    .insertInto('grades')
    .values({
      copy_id: copy.id,
      version: 1,
      status: copy.grade.status,
      marks: JSON.stringify(copy.grade.marks),
      comment: copy.grade.comment ?? '',
      flags: JSON.stringify(copy.grade.flags ?? []),
      annotations: '[]',
      updated_at: updatedAt,
      updated_by: batch.graderId,
      client_updated_at: updatedAt,
    })
    .execute();
}
