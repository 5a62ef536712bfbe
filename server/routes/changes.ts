/**
 * The changes feed route.
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';

import {
  ChangesQuery,
  ChangesResponse,
  PROBLEM_TYPES,
} from '../../shared/api/schemas';
import { readChanges } from '../changes/feed';
import type { AppContext } from '../context';
import { HttpProblem, badRequest } from '../http/problem';
import { problemResponses, ref } from '../http/schemas';

export function registerChangesRoutes(
  app: FastifyInstance,
  { db }: AppContext,
  authenticate: onRequestAsyncHookHandler,
): void {
  app.get<{ Querystring: { since: string } }>(
    '/changes',
    {
      onRequest: authenticate,
      schema: {
        querystring: ChangesQuery,
        response: {
          200: ref(ChangesResponse),
          ...problemResponses(400, 401, 410),
        },
      },
    },
    async (request) => {
      const { since } = request.query;
      const page = await readChanges(db, request.caller.id, since);

      if (page.kind === 'unknown-cursor') {
        throw badRequest(
          `Cursor "${since}" is unknown: use the cursor from GET /api/v1/assignments or from the last /changes response`,
        );
      }
      if (page.kind === 'too-old') {
        throw new HttpProblem(
          410,
          PROBLEM_TYPES.gone,
          `Cursor "${since}" is too old: the changes after it were pruned, so reload GET /api/v1/assignments`,
        );
      }
      return page;
    },
  );
}
