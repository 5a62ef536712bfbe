/**
 * Pushes one copy's grade from the outbox: `PUT` the whole grade with its
 * precondition and idempotency key, then act on the answer in the store.
 * Only statuses a retry can fix leave the entry to be sent again; the
 * others park it with the server's reason, and nothing local is deleted.
 */
import type { Grade, GradeWrite } from '../../../shared/api/schemas';
import { PROBLEM_TYPES } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/errors';
import type { GradeStore } from '../store/grades';
import type { CopydeskDatabase } from '../store/database';
import {
  completeOutboxEntry,
  markOutboxEntrySentWithGrade,
  parkOutboxEntry,
  recordOutboxFailure,
  renewOutboxKey,
} from '../store/outbox';
import type { OutboxRow, ParkReason } from '../store/rows';
import type { ServerGradeStore } from '../store/server-grades';

export interface PushContext {
  db: CopydeskDatabase;
  grades: Pick<GradeStore, 'decryptGrade'>;
  serverGrades: Pick<ServerGradeStore, 'recordPushConflict' | 'rebaseGrade'>;
  api: Pick<ApiClient, 'putGrade'>;
  /** Id of the signed-in grader, to recognise their own earlier writes. */
  graderId: string;
  now?: () => Date;
  signal?: AbortSignal;
}

/**
 * What one push did. `stored`: the server holds the grade (the entry is
 * removed unless an edit came meanwhile). `parked`: the server refused it
 * for good and the entry waits for the examiner. `retry`: a new key or a
 * new base was taken, or an edit replaced the entry before anything was
 * sent, and the entry should be sent again at once.
 * `skipped`: nothing to send. Network failures, a failed refresh, 401
 * after a refresh, 5xx, 429 and 408 are raised after the failure is
 * recorded.
 */
export type PushOutcome =
  | { kind: 'stored'; version: number; removed: boolean }
  | { kind: 'parked'; reason: ParkReason; status: number }
  | { kind: 'retry'; why: 'new-key' | 'rebased' }
  | { kind: 'skipped' };

const PARK_REASONS: Record<number, ParkReason> = {
  404: 'withdrawn',
  422: 'invalid',
  423: 'locked',
};

/**
 * Sends the copy's outbox entry once. The entry is marked sent in the
 * transaction that reads the grade, so the body sent is the one its key
 * stands for, and an edit landing during the request gets a new key (see
 * `outbox.ts`).
 */
export async function pushGrade(
  context: PushContext,
  copyId: string,
): Promise<PushOutcome> {
  const { db } = context;
  const now = context.now ?? (() => new Date());

  const taken = await markOutboxEntrySentWithGrade(db, copyId, now());
  if (taken === null) {
    return { kind: 'skipped' };
  }
  const { entry } = taken;
  if (taken.grade === undefined) {
    // An outbox entry is written with its grade, so this is a damaged
    // store; parking keeps the entry visible rather than looping on it.
    await park(context, entry, 'rejected', 0, 'the local grade is missing');
    return { kind: 'parked', reason: 'rejected', status: 0 };
  }
  const grade = await context.grades.decryptGrade(taken.grade);

  const body: GradeWrite = {
    status: grade.status,
    marks: grade.marks,
    comment: grade.comment,
    flags: grade.flags,
    annotations: grade.annotations,
    clientUpdatedAt: grade.updatedAt,
  };

  let result;
  try {
    result = await context.api.putGrade(copyId, body, {
      baseVersion: grade.baseVersion,
      idempotencyKey: entry.idempotencyKey,
      signal: context.signal,
    });
  } catch (error) {
    return handleError(context, entry, error);
  }

  if (result.kind === 'stored') {
    const removed = await completeOutboxEntry(
      db,
      copyId,
      entry.idempotencyKey,
      result.grade.version,
    );
    return { kind: 'stored', version: result.grade.version, removed };
  }

  return handleMismatch(context, entry, grade.baseVersion, result.current);
}

async function handleMismatch(
  context: PushContext,
  entry: OutboxRow,
  baseVersion: number | null,
  current: Grade,
): Promise<PushOutcome> {
  // A body this entry replaced may have reached the server before its
  // response was lost; that write is the examiner's own and older than the
  // local grade, so the local grade goes on top of it.
  // NOTE: the same grader marking one copy on two computers is taken for
  // that case too, and the later push wins without a conflict.
  if (
    entry.afterUnconfirmedSend === true &&
    current.updatedBy === context.graderId
  ) {
    const rebased = await context.serverGrades.rebaseGrade(
      entry.copyId,
      baseVersion,
      current.version,
    );
    if (rebased) {
      await renewOutboxKey(context.db, entry.copyId, entry.idempotencyKey);
      return { kind: 'retry', why: 'rebased' };
    }
  }

  await context.serverGrades.recordPushConflict(current);
  return { kind: 'parked', reason: 'conflict', status: 412 };
}

async function handleError(
  context: PushContext,
  entry: OutboxRow,
  error: unknown,
): Promise<PushOutcome> {
  if (!(error instanceof ApiError)) {
    await recordOutboxFailure(
      context.db,
      entry.copyId,
      entry.idempotencyKey,
      describe(error),
    );
    throw error;
  }

  if (
    error.status === 422 &&
    error.type === PROBLEM_TYPES.idempotencyKeyReused
  ) {
    await renewOutboxKey(context.db, entry.copyId, entry.idempotencyKey);
    return { kind: 'retry', why: 'new-key' };
  }

  const reason = PARK_REASONS[error.status];
  if (reason !== undefined) {
    await park(context, entry, reason, error.status, error.detail);
    return { kind: 'parked', reason, status: error.status };
  }

  // 5xx, 429 and 408 may pass on a retry; any other 4xx will not. A 401
  // comes here only when the request failed again after a token refresh,
  // which is about the sign-in and not this grade, so it is retried too.
  if (
    error.status >= 500 ||
    error.status === 429 ||
    error.status === 408 ||
    error.status === 401
  ) {
    await recordOutboxFailure(
      context.db,
      entry.copyId,
      entry.idempotencyKey,
      `${error.status}: ${error.detail}`,
    );
    throw error;
  }

  await park(context, entry, 'rejected', error.status, error.detail);
  return { kind: 'parked', reason: 'rejected', status: error.status };
}

async function park(
  context: PushContext,
  entry: OutboxRow,
  reason: ParkReason,
  status: number,
  detail: string,
): Promise<void> {
  const now = context.now ?? (() => new Date());
  await parkOutboxEntry(context.db, entry.copyId, entry.idempotencyKey, {
    reason,
    status,
    detail,
    parkedAt: now().toISOString(),
  });
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
