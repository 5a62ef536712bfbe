/**
 * Routes of the caller's assignments: the batch list with its schemes, one
 * batch with its copies, and batch submission.
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';

import {
  AssignmentsResponse,
  Batch,
  BatchDetail,
  PROBLEM_TYPES,
} from '../../shared/api/schemas';
import { findVisibleBatch } from '../access/visibility';
import { encodeCursor, latestSeq } from '../changes/feed';
import type { AppContext } from '../context';
import type { BatchRow, Database } from '../db/tables';
import { batchToApi, copyToApi, schemeToApi } from '../db/to-api';
import { HttpProblem, locked } from '../http/problem';
import {
  BATCH_ID_PARAMS,
  BATCH_NOT_FOUND,
  BEARER_SECURITY,
  jsonResponse,
  problemResponses,
} from '../http/schemas';

async function countCopies(
  db: Kysely<Database>,
  batchIds: string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (batchIds.length === 0) {
    return counts;
  }

  const rows = await db
    .selectFrom('copies')
    .select(['batch_id', (eb) => eb.fn.countAll().as('count')])
    .where('batch_id', 'in', batchIds)
    .where('withdrawn_at', 'is', null)
    .groupBy('batch_id')
    .execute();
  for (const row of rows) {
    counts.set(row.batch_id, Number(row.count));
  }
  return counts;
}

/** Returns the `header_layout` column of each sitting, by sitting id. */
async function readHeaderLayouts(
  db: Kysely<Database>,
  sittingIds: string[],
): Promise<Map<string, string | null>> {
  const layouts = new Map<string, string | null>();
  if (sittingIds.length === 0) {
    return layouts;
  }

  const rows = await db
    .selectFrom('sittings')
    .select(['id', 'header_layout'])
    .where('id', 'in', [...new Set(sittingIds)])
    .execute();
  for (const row of rows) {
    layouts.set(row.id, row.header_layout);
  }
  return layouts;
}

async function batchWithCount(
  db: Kysely<Database>,
  batch: BatchRow,
): Promise<Batch> {
  const counts = await countCopies(db, [batch.id]);
  const layouts = await readHeaderLayouts(db, [batch.sitting_id]);
  return batchToApi(
    batch,
    batch.sitting_id,
    counts.get(batch.id) ?? 0,
    layouts.get(batch.sitting_id) ?? null,
  );
}

export function registerAssignmentRoutes(
  app: FastifyInstance,
  { db }: AppContext,
  authenticate: onRequestAsyncHookHandler,
): void {
  app.get(
    '/assignments',
    {
      onRequest: authenticate,
      schema: {
        summary: 'List the assigned batches',
        description:
          'Returns the batches assigned to the caller with their marking schemes, and the cursor from which GET /api/v1/changes reports what changes next.',
        tags: ['assignments'],
        operationId: 'listAssignments',
        security: BEARER_SECURITY,
        response: {
          200: jsonResponse(
            AssignmentsResponse,
            'The assigned batches, their marking schemes and the changes cursor',
          ),
          ...problemResponses(401),
        },
      },
    },
    async (request) => {
      // The cursor is read before the batches, so a change made while they
      // are read is still delivered by the next /changes.
      const cursor = encodeCursor(await latestSeq(db));

      const batches = await db
        .selectFrom('batches')
        .selectAll()
        .where('grader_id', '=', request.caller.id)
        .where('withdrawn_at', 'is', null)
        .orderBy('deadline')
        .orderBy('id')
        .execute();
      const counts = await countCopies(
        db,
        batches.map((batch) => batch.id),
      );
      const layouts = await readHeaderLayouts(
        db,
        batches.map((batch) => batch.sitting_id),
      );

      const schemeIds = [...new Set(batches.map((batch) => batch.scheme_id))];
      const schemes =
        schemeIds.length === 0
          ? []
          : await db
              .selectFrom('schemes')
              .selectAll()
              .where('id', 'in', schemeIds)
              .orderBy('id')
              .execute();

      return {
        batches: batches.map((batch) =>
          batchToApi(
            batch,
            batch.sitting_id,
            counts.get(batch.id) ?? 0,
            layouts.get(batch.sitting_id) ?? null,
          ),
        ),
        schemes: schemes.map(schemeToApi),
        cursor,
      };
    },
  );

  app.get<{ Params: { batchId: string } }>(
    '/batches/:batchId',
    {
      onRequest: authenticate,
      schema: {
        summary: 'Read a batch',
        description:
          'Returns one batch with its copies, ordered by anonymous code, and its marking scheme.',
        tags: ['assignments'],
        operationId: 'getBatch',
        security: BEARER_SECURITY,
        params: BATCH_ID_PARAMS,
        response: {
          200: jsonResponse(
            BatchDetail,
            'The batch, its copies and its marking scheme',
          ),
          ...problemResponses(401, BATCH_NOT_FOUND),
        },
      },
    },
    async (request) => {
      const batch = await findVisibleBatch(
        db,
        request.caller,
        request.params.batchId,
      );

      const copies = await db
        .selectFrom('copies')
        .selectAll()
        .where('batch_id', '=', batch.id)
        .where('withdrawn_at', 'is', null)
        .orderBy('anonymous_code')
        .execute();
      const scheme = await db
        .selectFrom('schemes')
        .selectAll()
        .where('id', '=', batch.scheme_id)
        .executeTakeFirstOrThrow();

      const layouts = await readHeaderLayouts(db, [batch.sitting_id]);

      return {
        batch: batchToApi(
          batch,
          batch.sitting_id,
          copies.length,
          layouts.get(batch.sitting_id) ?? null,
        ),
        copies: copies.map(copyToApi),
        scheme: schemeToApi(scheme),
      };
    },
  );

  app.post<{ Params: { batchId: string } }>(
    '/batches/:batchId/submit',
    {
      onRequest: authenticate,
      schema: {
        summary: 'Submit a batch',
        description:
          'Hands a batch in once every copy has a final grade, after which its grades can no longer be changed. Submitting a submitted batch again returns it unchanged.',
        tags: ['assignments'],
        operationId: 'submitBatch',
        security: BEARER_SECURITY,
        params: BATCH_ID_PARAMS,
        response: {
          200: jsonResponse(Batch, 'The batch, with status `submitted`'),
          ...problemResponses(
            400,
            401,
            BATCH_NOT_FOUND,
            [
              409,
              'Some copies of the batch have no final grade, and `copiesWithoutFinalGrade` lists their anonymous codes',
            ],
            413,
            415,
            [423, 'The batch is closed'],
          ),
        },
      },
    },
    async (request) => {
      const batch = await findVisibleBatch(
        db,
        request.caller,
        request.params.batchId,
      );
      if (batch.status === 'closed') {
        throw locked(
          `Batch "${batch.id}" is closed: it can no longer be submitted`,
        );
      }
      if (batch.status === 'submitted') {
        return batchWithCount(db, batch);
      }

      const unfinished = await db
        .selectFrom('copies')
        .leftJoin('grades', 'grades.copy_id', 'copies.id')
        .select(['copies.anonymous_code', 'grades.status'])
        .where('copies.batch_id', '=', batch.id)
        .where('copies.withdrawn_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('grades.status', 'is', null),
            eb('grades.status', '!=', 'final'),
          ]),
        )
        .orderBy('copies.anonymous_code')
        .execute();
      if (unfinished.length > 0) {
        const codes = unfinished.map((row) => row.anonymous_code);
        throw new HttpProblem(
          409,
          PROBLEM_TYPES.conflict,
          `Batch "${batch.id}" cannot be submitted: ${codes.length} copies have no final grade (${codes.slice(0, 20).join(', ')}${codes.length > 20 ? ', ...' : ''})`,
          {},
          { copiesWithoutFinalGrade: codes },
        );
      }

      // The status check in the update keeps a concurrent submit, or a
      // closing by the exam office, from being overwritten.
      await db
        .updateTable('batches')
        .set({ status: 'submitted' })
        .where('id', '=', batch.id)
        .where('status', '=', 'open')
        .execute();
      const updated = await findVisibleBatch(db, request.caller, batch.id);
      if (updated.status === 'closed') {
        throw locked(
          `Batch "${batch.id}" is closed: it can no longer be submitted`,
        );
      }
      request.log.info({ batchId: batch.id }, 'batch submitted');
      return batchWithCount(db, updated);
    },
  );
}
