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
import {
  BEARER_SECURITY,
  COPY_ID_PARAMS,
  COPY_NOT_FOUND,
  problemResponses,
  type HeaderSchema,
} from '../http/schemas';

const PDF_CONTENT = {
  'application/pdf': { schema: { type: 'string', format: 'binary' } },
};
const SCAN_ETAG: HeaderSchema = {
  type: 'string',
  description:
    'The SHA-256 of the scan in double quotes, equal to `scan.sha256` of the Copy',
};

// All optional strings, as HTTP defines them: the handler reads them and
// ignores a Range it cannot use.
const DOWNLOAD_HEADERS = {
  type: 'object',
  properties: {
    Range: {
      type: 'string',
      description:
        'One byte range, such as `bytes=1048576-`, to resume a download. The server answers 206 with that range. A request for several ranges, another unit or a malformed value gets the whole scan with 200.',
    },
    'If-None-Match': {
      type: 'string',
      description:
        'The ETag of the scan the client already has. If it still matches, the server answers 304 without a body.',
    },
    'If-Range': {
      type: 'string',
      description:
        'The ETag of the partial scan being resumed. If the scan has changed since, Range is ignored and the whole new scan comes with 200.',
    },
  },
} as const;

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
        summary: 'Download a scan',
        description:
          'Streams the scanned PDF of a copy, whole or one byte range, and answers 304 when the client already has this version.',
        tags: ['scans'],
        operationId: 'getScan',
        security: BEARER_SECURITY,
        params: COPY_ID_PARAMS,
        headers: DOWNLOAD_HEADERS,
        response: {
          200: {
            description: 'The whole scan, streamed',
            headers: {
              ETag: SCAN_ETAG,
              'Accept-Ranges': {
                type: 'string',
                description: '`bytes`: a download can resume with Range',
              },
              'Content-Length': {
                type: 'integer',
                description: 'Size of the scan in bytes',
              },
              'Cache-Control': {
                type: 'string',
                description:
                  '`private, no-cache`: a cache must revalidate with If-None-Match',
              },
            },
            content: PDF_CONTENT,
          },
          206: {
            description: 'The byte range asked for in Range',
            headers: {
              ETag: SCAN_ETAG,
              'Content-Range': {
                type: 'string',
                description:
                  '`bytes <first>-<last>/<size>`, the range sent and the size of the whole scan',
              },
              'Content-Length': {
                type: 'integer',
                description: 'Size of the range in bytes',
              },
            },
            content: PDF_CONTENT,
          },
          304: {
            description: 'The scan still matches If-None-Match',
            headers: { ETag: SCAN_ETAG },
            type: 'null',
          },
          ...problemResponses(401, COPY_NOT_FOUND, [
            416,
            'The range starts at or past the end of the scan, or asks for the last 0 bytes',
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
