/**
 * A whole-grade write with optimistic concurrency: the write names the
 * version it started from (or that it is the first), and only one of two
 * writes from the same version can succeed.
 */
import type { Kysely, Transaction } from 'kysely';

import type { Grade, GradeWrite } from '../../shared/api/schemas';
import type { Caller } from '../access/visibility';
import { recordChanges } from '../changes/feed';
import type { Dialect } from '../db/database';
import type { BatchRow, CopyRow, Database } from '../db/tables';
import { gradeToApi } from '../db/to-api';
import { findStoredResponse, hashRequest, storeResponse } from './idempotency';

export type Precondition =
  { kind: 'if-match'; version: number } | { kind: 'if-none-match' };

export interface GradeWriteRequest {
  caller: Caller;
  copy: CopyRow;
  batch: BatchRow;
  body: GradeWrite;
  precondition: Precondition;
  idempotencyKey: string;
}

export type GradeWriteOutcome =
  | { kind: 'stored'; statusCode: number; grade: Grade }
  | { kind: 'version-mismatch'; current: Grade | null }
  | { kind: 'key-reused' };

/** Hash of everything that makes two requests the same write. */
export function gradeRequestHash(request: GradeWriteRequest): string {
  return hashRequest([request.copy.id, request.precondition, request.body]);
}

/**
 * Returns the stored outcome of an earlier request with the same key, or
 * null when the key is new.
 */
export async function replayGradeWrite(
  db: Kysely<Database>,
  request: GradeWriteRequest,
): Promise<GradeWriteOutcome | null> {
  const stored = await findStoredResponse(
    db,
    request.caller.id,
    request.idempotencyKey,
  );
  if (!stored) {
    return null;
  }
  if (stored.requestHash !== gradeRequestHash(request)) {
    return { kind: 'key-reused' };
  }
  return {
    kind: 'stored',
    statusCode: stored.statusCode,
    grade: stored.body as Grade,
  };
}

class ConcurrentKeyError extends Error {}

export async function writeGrade(
  db: Kysely<Database>,
  dialect: Dialect,
  request: GradeWriteRequest,
  now = new Date(),
): Promise<GradeWriteOutcome> {
  try {
    const outcome = await db
      .transaction()
      .execute((trx) => writeInTransaction(trx, dialect, request, now));
    if (outcome.kind !== 'version-mismatch') {
      return outcome;
    }

    // A request with the same key, such as a retry sent while this one was
    // in flight, may have committed first and moved the version on. This
    // one then returns that request's stored response instead of a 412.
    return (await replayGradeWrite(db, request)) ?? outcome;
  } catch (error) {
    if (!(error instanceof ConcurrentKeyError)) {
      throw error;
    }
    // A request with the same key committed while this one ran, and this
    // one was rolled back, so return the response that one stored.
    const replay = await replayGradeWrite(db, request);
    if (!replay) {
      throw new Error('Idempotency key vanished during a concurrent write', {
        cause: error,
      });
    }
    return replay;
  }
}

async function writeInTransaction(
  trx: Transaction<Database>,
  dialect: Dialect,
  request: GradeWriteRequest,
  now: Date,
): Promise<GradeWriteOutcome> {
  const { copy, body, precondition, caller } = request;

  const current = await trx
    .selectFrom('grades')
    .selectAll()
    .where('copy_id', '=', copy.id)
    .executeTakeFirst();

  const mismatch = (): GradeWriteOutcome => ({
    kind: 'version-mismatch',
    current: current ? gradeToApi(current) : null,
  });
  if (precondition.kind === 'if-none-match' && current) {
    return mismatch();
  }
  if (
    precondition.kind === 'if-match' &&
    (!current || current.version !== precondition.version)
  ) {
    return mismatch();
  }

  const row = {
    copy_id: copy.id,
    version: (current?.version ?? 0) + 1,
    status: body.status,
    marks: JSON.stringify(body.marks),
    comment: body.comment,
    flags: JSON.stringify(body.flags),
    annotations: JSON.stringify(body.annotations),
    updated_at: now.toISOString(),
    updated_by: caller.id,
    client_updated_at: body.clientUpdatedAt,
  };

  // Both statements are conditional, so of two writes from the same version
  // that passed the check above, only the first to commit changes a row.
  let written: bigint | undefined;
  if (current) {
    const result = await trx
      .updateTable('grades')
      .set(row)
      .where('copy_id', '=', copy.id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    written = result.numUpdatedRows;
  } else {
    const result = await trx
      .insertInto('grades')
      .values(row)
      .onConflict((conflict) => conflict.column('copy_id').doNothing())
      .executeTakeFirst();
    written = result.numInsertedOrUpdatedRows;
  }
  if (Number(written ?? 0) !== 1) {
    const latest = await trx
      .selectFrom('grades')
      .selectAll()
      .where('copy_id', '=', copy.id)
      .executeTakeFirst();
    return {
      kind: 'version-mismatch',
      current: latest ? gradeToApi(latest) : null,
    };
  }

  const grade = gradeToApi(row);
  const statusCode = current ? 200 : 201;
  const stored = await storeResponse(
    trx,
    caller.id,
    request.idempotencyKey,
    { requestHash: gradeRequestHash(request), statusCode, body: grade },
    now,
  );
  if (!stored) {
    throw new ConcurrentKeyError();
  }

  // Someone other than the assigned grader, such as a supervisor, changed
  // the grade: the assigned grader's client must hear of it.
  if (caller.id !== request.batch.grader_id) {
    await recordChanges(
      trx,
      dialect,
      [
        {
          graderId: request.batch.grader_id,
          kind: 'grade-changed',
          batchId: request.batch.id,
          copyId: copy.id,
        },
      ],
      now,
    );
  }

  return { kind: 'stored', statusCode, grade };
}
