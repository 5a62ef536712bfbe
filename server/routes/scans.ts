/**
 * Scan downloads: streamed from scan storage, with `ETag` (the SHA-256),
 * `304` for a matching `If-None-Match` and `206` for a `Range`.
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';

import { PROBLEM_TYPES } from '../../shared/api/schemas';
import { findVisibleCopy } from '../access/visibility';
import type { AppContext } from '../context';
import {
  formatContentRange,
  ifNoneMatchMatches,
  ifRangeAllowsRange,
  parseRangeHeader,
} from '../http/byte-range';
import { HttpProblem } from '../http/problem';
import { problemResponses } from '../http/schemas';

export function registerScanRoutes(
  app: FastifyInstance,
  { db, storage }: AppContext,
  authenticate: onRequestAsyncHookHandler,
): void {
  app.get<{ Params: { copyId: string } }>(
    '/copies/:copyId/scan',
    {
      onRequest: authenticate,
      schema: {
        response: {
          200: {
            description: 'the scan, streamed',
            content: {
              'application/pdf': {
                schema: { type: 'string', format: 'binary' },
              },
            },
          },
          206: {
            description: 'one byte range of the scan',
            content: {
              'application/pdf': {
                schema: { type: 'string', format: 'binary' },
              },
            },
          },
          304: { description: 'the scan matches If-None-Match', type: 'null' },
          ...problemResponses(401, 404, 416),
        },
      },
    },
    async (request, reply) => {
      const { copy } = await findVisibleCopy(
        db,
        request.caller,
        request.params.copyId,
      );
      const etag = `"${copy.sha256}"`;
      const size = Number(copy.size);

      reply.header('etag', etag);
      reply.header('accept-ranges', 'bytes');
      reply.header('cache-control', 'private, no-cache');

      if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) {
        return reply.code(304).send();
      }

      let range = parseRangeHeader(request.headers.range, size);
      const ifRange = request.headers['if-range'];
      if (
        !ifRangeAllowsRange(Array.isArray(ifRange) ? ifRange[0] : ifRange, etag)
      ) {
        range = { kind: 'none' };
      }
      if (range.kind === 'unsatisfiable') {
        throw new HttpProblem(
          416,
          PROBLEM_TYPES.rangeNotSatisfiable,
          `Range "${request.headers.range}" is outside the scan of ${size} bytes`,
          { 'content-range': formatContentRange(size) },
        );
      }

      reply.type(copy.content_type);
      if (range.kind === 'range') {
        const stream = await storage.openRead(copy.storage_key, range);
        reply.code(206);
        reply.header('content-range', formatContentRange(size, range));
        reply.header('content-length', range.end - range.start + 1);
        return reply.send(stream);
      }

      const stream = await storage.openRead(copy.storage_key);
      reply.header('content-length', size);
      return reply.send(stream);
    },
  );
}
