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
import {
  BEARER_SECURITY,
  jsonResponse,
  problemResponses,
} from '../http/schemas';

// The shared query schema, with the description the OpenAPI document shows.
const CHANGES_QUERY = {
  ...ChangesQuery,
  properties: {
    since: {
      ...ChangesQuery.properties.since,
      description:
        'The cursor from GET /api/v1/assignments or from the last page of changes',
    },
  },
};

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
        summary: 'List the changes',
        description:
          "Returns, in `seq` order, what changed in the caller's batches, copies, schemes and grades after the cursor `since`.",
        tags: ['changes'],
        operationId: 'listChanges',
        security: BEARER_SECURITY,
        querystring: CHANGES_QUERY,
        response: {
          200: jsonResponse(
            ChangesResponse,
            'A page of changes and the cursor to send next. With `more: true`, ask again at once.',
          ),
          ...problemResponses(
            [
              400,
              '`since` is missing, empty, longer than 100 characters or unknown to this server, or the query has another parameter',
            ],
            401,
            [
              410,
              'The changes after `since` were pruned: reload GET /api/v1/assignments and continue from its cursor',
            ],
          ),
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
