/**
 * Writes an import plan to the database in one transaction: the sitting, its
 * scheme, graders and memberships, batches, copies, and one `batch-assigned`
 * change per batch. Either every row is written or none is.
 */
import { randomUUID } from 'node:crypto';

import type { Kysely, Transaction } from 'kysely';

import { hashPassword } from '../auth/passwords';
import { recordChanges } from '../changes/feed';
import type { DatabaseHandle, Dialect } from '../db/database';
import type { Database } from '../db/tables';
import type { ImportPlan } from './import-plan';

/** Rows per INSERT, well under the bound-parameter limits of both databases. */
const INSERT_CHUNK = 500;

export interface WrittenGraders {
  /** Grader id by username, for every grader of the sitting. */
  ids: Map<string, string>;
  /** Usernames that got a new account. */
  created: string[];
}

/** Raised when a sitting with the same title was imported meanwhile. */
export class DuplicateSittingError extends Error {
  constructor(readonly title: string) {
    super(`A sitting titled ${JSON.stringify(title)} already exists`);
    this.name = 'DuplicateSittingError';
  }
}

/**
 * Hashes the passwords of graders whose username is not in the database yet.
 * Runs before the transaction, because each hash takes tens of milliseconds
 * and SQLite holds its write lock for the whole transaction.
 */
export async function hashNewPasswords(
  db: Kysely<Database>,
  plan: ImportPlan,
): Promise<Map<string, string>> {
  const existing = await findGraderIds(
    db,
    plan.graders.map((grader) => grader.username),
  );

  const hashes = new Map<string, string>();
  for (const grader of plan.graders) {
    if (!existing.has(grader.username)) {
      hashes.set(grader.username, await hashPassword(grader.password));
    }
  }
  return hashes;
}

export async function writeSitting(
  handle: DatabaseHandle,
  plan: ImportPlan,
  passwordHashes: Map<string, string>,
): Promise<WrittenGraders> {
  const { db, dialect } = handle;
  const now = new Date().toISOString();

  return db.transaction().execute(async (trx) => {
    const sameTitle = await trx
      .selectFrom('sittings')
      .select('id')
      .where('title', '=', plan.title)
      .executeTakeFirst();
    if (sameTitle !== undefined) {
      throw new DuplicateSittingError(plan.title);
    }

    await trx
      .insertInto('sittings')
      .values({
        id: plan.sittingId,
        title: plan.title,
        subject: plan.subject,
        header_layout:
          plan.headerLayout === null ? null : JSON.stringify(plan.headerLayout),
        created_at: now,
      })
      .execute();

    await trx
      .insertInto('schemes')
      .values({
        id: plan.schemeId,
        sitting_id: plan.sittingId,
        version: 1,
        title: plan.schemeTitle,
        questions: JSON.stringify(
          plan.questions.map(({ id, label, maxPoints, step }) => ({
            id,
            label,
            maxPoints,
            step,
          })),
        ),
        total_hundredths: plan.totalHundredths,
      })
      .execute();

    const graders = await writeGraders(trx, plan, passwordHashes, now);
    await writeBatches(trx, dialect, plan, graders.ids, now);
    return graders;
  });
}

async function writeGraders(
  trx: Transaction<Database>,
  plan: ImportPlan,
  passwordHashes: Map<string, string>,
  now: string,
): Promise<WrittenGraders> {
  const ids = await findGraderIds(
    trx,
    plan.graders.map((grader) => grader.username),
  );
  const created: string[] = [];

  for (const grader of plan.graders) {
    if (ids.has(grader.username)) {
      continue;
    }

    // A hash is missing only if the account was deleted after the lookup.
    const passwordHash =
      passwordHashes.get(grader.username) ??
      (await hashPassword(grader.password));
    const id = randomUUID();
    await trx
      .insertInto('graders')
      .values({
        id,
        username: grader.username,
        display_name: grader.displayName,
        password_hash: passwordHash,
        created_at: now,
      })
      .execute();
    ids.set(grader.username, id);
    created.push(grader.username);
  }

  await trx
    .insertInto('sitting_members')
    .values(
      plan.graders.map((grader) => ({
        sitting_id: plan.sittingId,
        grader_id: graderId(ids, grader.username),
        role: grader.role,
      })),
    )
    .execute();

  return { ids, created };
}

async function writeBatches(
  trx: Transaction<Database>,
  dialect: Dialect,
  plan: ImportPlan,
  graderIds: Map<string, string>,
  now: string,
): Promise<void> {
  const batchRows = plan.batches.map((batch) => ({
    id: batch.id,
    sitting_id: plan.sittingId,
    grader_id: graderId(graderIds, batch.grader),
    scheme_id: plan.schemeId,
    title: batch.title,
    subject: plan.subject,
    deadline: batch.deadline,
    status: 'open' as const,
    withdrawn_at: null,
    created_at: now,
  }));
  for (const chunk of chunked(batchRows)) {
    await trx.insertInto('batches').values(chunk).execute();
  }

  const copyRows = plan.batches.flatMap((batch) =>
    batch.copies.map((copy) => ({
      id: copy.id,
      sitting_id: plan.sittingId,
      batch_id: batch.id,
      anonymous_code: copy.anonymousCode,
      page_count: copy.scan.pageCount,
      sha256: copy.scan.sha256,
      size: copy.scan.size,
      content_type: 'application/pdf',
      revision: 1,
      storage_key: copy.storageKey,
      withdrawn_at: null,
      created_at: now,
    })),
  );
  for (const chunk of chunked(copyRows)) {
    await trx.insertInto('copies').values(chunk).execute();
  }

  await recordChanges(
    trx,
    dialect,
    plan.batches.map((batch) => ({
      graderId: graderId(graderIds, batch.grader),
      kind: 'batch-assigned',
      batchId: batch.id,
    })),
    new Date(now),
  );
}

/** Splits rows into groups of `INSERT_CHUNK` for multi-row inserts. */
function chunked<T>(rows: T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    chunks.push(rows.slice(start, start + INSERT_CHUNK));
  }
  return chunks;
}

async function findGraderIds(
  db: Kysely<Database>,
  usernames: string[],
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('graders')
    .select(['id', 'username'])
    .where('username', 'in', usernames)
    .execute();
  return new Map(rows.map((row) => [row.username, row.id]));
}

function graderId(ids: Map<string, string>, username: string): string {
  const id = ids.get(username);
  if (id === undefined) {
    throw new Error(`No grader id for username ${JSON.stringify(username)}`);
  }
  return id;
}
