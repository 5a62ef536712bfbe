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
import {
  BEARER_SECURITY,
  COPY_ID_PARAMS,
  COPY_NOT_FOUND,
  PROBLEM_CONTENT_TYPE,
  jsonResponse,
  problemResponses,
  ref,
  type HeaderSchema,
} from '../http/schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION_TAG = /^(?:W\/)?"(\d{1,9})"$/;

type GradeParams = { Params: { copyId: string } };
type PutRequest = FastifyRequest<GradeParams & { Body: GradeWriteBody }>;

const GRADE_ETAG: Record<string, HeaderSchema> = {
  ETag: {
    type: 'string',
    description:
      'The grade\'s version in double quotes, such as `"3"`: send it as If-Match with the next write',
  },
};

// All optional here, so that the handler, not schema validation, rejects a
// missing or invalid header with its own status and message.
// NOTE: the document therefore lists Idempotency-Key as optional, and only its
// description says that the handler requires it.
const WRITE_HEADERS = {
  type: 'object',
  properties: {
    'If-Match': {
      type: 'string',
      description:
        'The ETag of the version the edit started from, such as `"3"`. A grade that has changed since answers 412 with the current grade. Send either this or If-None-Match, because without either the server answers 428.',
    },
    'If-None-Match': {
      type: 'string',
      description:
        "`*` for the first write of a copy's grade. If a grade already exists, the server answers 412 with it.",
    },
    'Idempotency-Key': {
      type: 'string',
      description:
        'Required. A UUID made when the edit was queued and sent again on every retry of it. A repeated key with the same copy, precondition and body returns the first response without writing again, but the same key with any of them different answers 422. Keys are kept at least 24 hours.',
    },
  },
} as const;

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
      schema: {
        summary: 'Read a grade',
        description:
          'Returns the current grade of a copy, with its version as the ETag.',
        tags: ['grades'],
        operationId: 'getGrade',
        security: BEARER_SECURITY,
        params: COPY_ID_PARAMS,
        response: {
          200: jsonResponse(Grade, 'The current grade', GRADE_ETAG),
          ...problemResponses(401, [
            404,
            'The copy has no grade yet, does not exist, was withdrawn, or its batch is neither assigned to the caller nor in a sitting the caller supervises',
          ]),
        },
      },
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
        summary: 'Write a grade',
        description:
          'Replaces the whole grade of a copy, on condition that the edit started from the current version (If-Match) or that the copy has no grade yet (If-None-Match: *).',
        tags: ['grades'],
        operationId: 'putGrade',
        security: BEARER_SECURITY,
        params: COPY_ID_PARAMS,
        headers: WRITE_HEADERS,
        body: ref(GradeWrite),
        response: {
          200: jsonResponse(Grade, 'The grade was replaced', GRADE_ETAG),
          201: jsonResponse(
            Grade,
            'The first grade of the copy was stored',
            GRADE_ETAG,
          ),
          // The server's current grade, or a problem when the copy has none.
          412: {
            description:
              'The edit did not start from the current version: the body is the current grade, with its ETag, or a problem when the copy has no grade yet',
            headers: GRADE_ETAG,
            content: {
              'application/json': { schema: ref(Grade) },
              [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem#' } },
            },
          },
          ...problemResponses(
            [
              400,
              'The body fails the GradeWrite schema, If-Match and If-None-Match are both sent or malformed, or Idempotency-Key is missing or not a UUID',
            ],
            401,
            COPY_NOT_FOUND,
            413,
            415,
            [
              422,
              'A mark is outside [0, maxPoints], not a multiple of the step or for an unknown question, a final grade leaves a question unmarked, or an annotation points at a page the copy lacks, with every violation listed in `errors`. Also sent when the Idempotency-Key was already used for a different request.',
            ],
            [
              423,
              'The batch is submitted or closed, or its deadline has passed',
            ],
            [428, 'Neither If-Match nor If-None-Match was sent'],
          ),
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
