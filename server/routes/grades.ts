/**
 * Reading and writing a copy's grade.
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
} from 'fastify';

import {
  Grade,
  GradeWrite,
  PROBLEM_TYPES,
  type GradeWrite as GradeWriteBody,
  type Question,
} from '../../shared/api/schemas';
import { findVisibleCopy } from '../access/visibility';
import type { AppContext } from '../context';
import type { BatchRow } from '../db/tables';
import { gradeToApi } from '../db/to-api';
import { validateGrade } from '../grades/validate-grade';
import {
  replayGradeWrite,
  writeGrade,
  type GradeWriteOutcome,
  type Precondition,
} from '../grades/write-grade';
import { HttpProblem, badRequest, locked, notFound } from '../http/problem';
import { PROBLEM_CONTENT_TYPE, problemResponses, ref } from '../http/schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION_TAG = /^(?:W\/)?"(\d{1,9})"$/;

type GradeParams = { Params: { copyId: string } };
type PutRequest = FastifyRequest<GradeParams & { Body: GradeWriteBody }>;

function readPrecondition(request: FastifyRequest): Precondition {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];

  if (ifMatch !== undefined && ifNoneMatch !== undefined) {
    throw badRequest(
      'Send either If-Match: "<version>" or If-None-Match: *, not both',
    );
  }
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') {
      throw badRequest(
        `If-None-Match "${ifNoneMatch}" is invalid: only * is accepted, for the first write of a grade`,
      );
    }
    return { kind: 'if-none-match' };
  }
  if (ifMatch !== undefined) {
    const match = VERSION_TAG.exec(ifMatch.trim());
    if (!match?.[1]) {
      throw badRequest(
        `If-Match ${ifMatch} is invalid: send the grade's ETag with its double quotes, such as If-Match: "3"`,
      );
    }
    return { kind: 'if-match', version: Number(match[1]) };
  }
  throw new HttpProblem(
    428,
    PROBLEM_TYPES.preconditionRequired,
    'The If-Match header is missing: send If-Match: "<version>" with the version the edit started from, or If-None-Match: * for the first write',
  );
}

function readIdempotencyKey(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') {
    throw badRequest(
      'The Idempotency-Key header is missing: send a UUID made when the edit was queued, and the same one on every retry',
    );
  }
  if (!UUID.test(key)) {
    throw badRequest(`Idempotency-Key "${key}" is invalid: expected a UUID`);
  }
  return key.toLowerCase();
}

function checkWritable(batch: BatchRow, now: Date): void {
  if (batch.status !== 'open') {
    throw locked(
      `Batch "${batch.id}" is ${batch.status}: its grades can no longer be changed`,
    );
  }
  if (Date.parse(batch.deadline) <= now.getTime()) {
    throw locked(
      `The deadline of batch "${batch.id}" passed at ${batch.deadline}: its grades can no longer be changed`,
    );
  }
}

function sendOutcome(
  reply: FastifyReply,
  outcome: GradeWriteOutcome,
  key: string,
): FastifyReply {
  if (outcome.kind === 'key-reused') {
    throw new HttpProblem(
      422,
      PROBLEM_TYPES.idempotencyKeyReused,
      `Idempotency-Key "${key}" was already used for a different request: make a new key for each new edit`,
    );
  }
  if (outcome.kind === 'version-mismatch') {
    if (!outcome.current) {
      throw new HttpProblem(
        412,
        PROBLEM_TYPES.versionMismatch,
        'The copy has no grade yet, so If-Match cannot match: send If-None-Match: * for the first write',
      );
    }
    reply.header('etag', `"${outcome.current.version}"`);
    return reply.code(412).send(outcome.current);
  }

  reply.header('etag', `"${outcome.grade.version}"`);
  return reply.code(outcome.statusCode).send(outcome.grade);
}

export function registerGradeRoutes(
  app: FastifyInstance,
  { db, dialect }: AppContext,
  authenticate: onRequestAsyncHookHandler,
): void {
  app.get<GradeParams>(
    '/copies/:copyId/grade',
    {
      onRequest: authenticate,
      schema: { response: { 200: ref(Grade), ...problemResponses(401, 404) } },
    },
    async (request, reply) => {
      const { copy } = await findVisibleCopy(
        db,
        request.caller,
        request.params.copyId,
      );
      const row = await db
        .selectFrom('grades')
        .selectAll()
        .where('copy_id', '=', copy.id)
        .executeTakeFirst();
      if (!row) {
        throw notFound('Grade of copy', copy.id);
      }

      reply.header('etag', `"${row.version}"`);
      return gradeToApi(row);
    },
  );

  app.put<GradeParams & { Body: GradeWriteBody }>(
    '/copies/:copyId/grade',
    {
      onRequest: authenticate,
      schema: {
        body: ref(GradeWrite),
        response: {
          200: ref(Grade),
          201: ref(Grade),
          // The server's current grade, or a problem when the copy has none.
          412: {
            description: 'the edit did not start from the current version',
            content: {
              'application/json': { schema: ref(Grade) },
              [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem#' } },
            },
          },
          ...problemResponses(400, 401, 404, 422, 423, 428),
        },
      },
    },
    async (request: PutRequest, reply) => {
      const { copy, batch } = await findVisibleCopy(
        db,
        request.caller,
        request.params.copyId,
      );
      const precondition = readPrecondition(request);
      const idempotencyKey = readIdempotencyKey(request);
      const write = {
        caller: request.caller,
        copy,
        batch,
        body: request.body,
        precondition,
        idempotencyKey,
      };

      // A retry of a write that succeeded gets the first response, even if
      // the batch was submitted since.
      const replay = await replayGradeWrite(db, write);
      if (replay) {
        request.log.info({ copyId: copy.id }, 'grade write replayed');
        return sendOutcome(reply, replay, idempotencyKey);
      }

      const now = new Date();
      checkWritable(batch, now);

      const scheme = await db
        .selectFrom('schemes')
        .select('questions')
        .where('id', '=', batch.scheme_id)
        .executeTakeFirstOrThrow();
      const questions = JSON.parse(scheme.questions) as Question[];
      const violations = validateGrade(
        request.body,
        questions,
        copy.page_count,
      );
      if (violations.length > 0) {
        const first = violations[0]!;
        throw new HttpProblem(
          422,
          PROBLEM_TYPES.invalidGrade,
          violations.length === 1
            ? `${first.field}: ${first.message}`
            : `${first.field}: ${first.message} (and ${violations.length - 1} more in "errors")`,
          {},
          { errors: violations },
        );
      }

      const outcome = await writeGrade(db, dialect, write, now);
      if (outcome.kind === 'stored') {
        request.log.info(
          { copyId: copy.id, version: outcome.grade.version },
          'grade written',
        );
      } else {
        request.log.info(
          { copyId: copy.id, outcome: outcome.kind },
          'grade write rejected',
        );
      }
      return sendOutcome(reply, outcome, idempotencyKey);
    },
  );
}
