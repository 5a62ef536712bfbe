/**
 * Pushes copies' grades from the outbox: `PUT` each whole grade with its
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
  completeOutboxEntries,
  markOutboxEntriesSent,
  parkOutboxEntry,
  recordOutboxFailure,
  renewOutboxKey,
  type AcceptedPush,
  type SentEntry,
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
 * The outcome of one push. `stored`: the server stored the grade (the
 * entry is removed unless an edit came meanwhile). `parked`: the server
 * rejected it for good and the entry waits for the examiner. `retry`: a
 * new key or a new base was taken, and the entry should be sent again at
 * once. `skipped`: nothing to send. Network failures, a failed refresh, 401
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

/** Entries marked sent and read in one transaction, and completed in one. */
const CHUNK_SIZE = 32;

export interface PushBatchOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Called with each entry's outcome once it is recorded. */
  onOutcome: (copyId: string, outcome: PushOutcome) => void;
}

/**
 * Sends the copy's outbox entry once and returns what happened. Raises as
 * `pushGrades` does.
 */
export async function pushGrade(
  context: PushContext,
  copyId: string,
): Promise<PushOutcome> {
  let outcome: PushOutcome = { kind: 'skipped' };
  await pushGrades(context, [copyId], {
    concurrency: 1,
    onOutcome: (_copyId, settled) => {
      outcome = settled;
    },
  });
  return outcome;
}

/**
 * Sends the outbox entries of `copyIds` in chunks. A chunk's entries are
 * marked sent in the transaction that reads their grades, so each body
 * sent is the one its key is for (see `outbox.ts`). They are then sent
 * `concurrency` at a time, and the writes the server accepted are
 * recorded in one transaction. Recording a chunk together is safe because
 * a write accepted but not yet recorded is sent again with its key after a
 * crash, and the server replays its first response.
 *
 * The first failure that stops a run (no response, a failed refresh, 401
 * after a refresh, 5xx, 429, 408) aborts the requests in flight and is
 * raised once the accepted writes of the chunk are recorded.
 */
export async function pushGrades(
  context: PushContext,
  copyIds: readonly string[],
  options: PushBatchOptions,
): Promise<void> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(context.signal?.reason);
  if (context.signal?.aborted) {
    forwardAbort();
  }
  context.signal?.addEventListener('abort', forwardAbort, { once: true });

  try {
    for (let start = 0; start < copyIds.length; start += CHUNK_SIZE) {
      await pushChunk(
        { ...context, signal: controller.signal },
        copyIds.slice(start, start + CHUNK_SIZE),
        options,
        controller,
      );
    }
  } finally {
    context.signal?.removeEventListener('abort', forwardAbort);
  }
}

async function pushChunk(
  context: PushContext,
  copyIds: readonly string[],
  options: PushBatchOptions,
  controller: AbortController,
): Promise<void> {
  const now = context.now ?? (() => new Date());
  const taken = await markOutboxEntriesSent(context.db, copyIds, now());

  const accepted: AcceptedPush[] = [];
  let failure: { error: unknown } | null = null;
  let next = 0;
  const work = async () => {
    while (failure === null && next < taken.length) {
      const item = taken[next]!;
      next += 1;
      try {
        const outcome = await sendEntry(context, item);
        if (outcome.kind === 'accepted') {
          accepted.push({
            copyId: item.entry.copyId,
            idempotencyKey: item.entry.idempotencyKey,
            serverVersion: outcome.version,
          });
        } else {
          options.onOutcome(item.entry.copyId, outcome);
        }
      } catch (error) {
        if (failure === null) {
          failure = { error };
          controller.abort();
        }
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, taken.length) }, work),
  );

  const removed = await completeOutboxEntries(context.db, accepted);
  accepted.forEach((push, index) => {
    options.onOutcome(push.copyId, {
      kind: 'stored',
      version: push.serverVersion,
      removed: removed[index] ?? false,
    });
  });

  const stopped = failure as { error: unknown } | null;
  if (stopped !== null) {
    throw stopped.error;
  }
}

/**
 * Sends one entry marked sent. Returns `accepted` for a write the server
 * stored, left to record with its chunk; records every other outcome.
 */
async function sendEntry(
  context: PushContext,
  { entry, grade: row }: SentEntry,
): Promise<PushOutcome | { kind: 'accepted'; version: number }> {
  if (row === undefined) {
    // An outbox entry is written with its grade, so this is a damaged
    // store; parking keeps the entry visible rather than looping on it.
    await park(context, entry, 'rejected', 0, 'the local grade is missing');
    return { kind: 'parked', reason: 'rejected', status: 0 };
  }
  const grade = await context.grades.decryptGrade(row);

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
    result = await context.api.putGrade(entry.copyId, body, {
      baseVersion: grade.baseVersion,
      idempotencyKey: entry.idempotencyKey,
      signal: context.signal,
    });
  } catch (error) {
    return handleError(context, entry, error);
  }

  if (result.kind === 'stored') {
    return { kind: 'accepted', version: result.grade.version };
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
