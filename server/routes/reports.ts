/**
 * Scan problem reports, by which a grader requests that the exam office act
 * on a scan.
 */
import { randomUUID } from 'node:crypto';

import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';

import {
  PROBLEM_TYPES,
  REPORT_KINDS,
  Report,
  ReportRequest,
  type ReportKind,
  type ReportRequest as ReportBody,
} from '../../shared/api/schemas';
import { findVisibleCopy } from '../access/visibility';
import type { AppContext } from '../context';
import { HttpProblem } from '../http/problem';
import {
  BEARER_SECURITY,
  COPY_ID_PARAMS,
  COPY_NOT_FOUND,
  jsonResponse,
  problemResponses,
  ref,
} from '../http/schemas';

function invalidReport(detail: string): HttpProblem {
  return new HttpProblem(422, PROBLEM_TYPES.invalidReport, detail);
}

export function registerReportRoutes(
  app: FastifyInstance,
  { db }: AppContext,
  authenticate: onRequestAsyncHookHandler,
): void {
  app.post<{ Params: { copyId: string }; Body: ReportBody }>(
    '/copies/:copyId/reports',
    {
      onRequest: authenticate,
      schema: {
        summary: 'Report a problem with a scan',
        description:
          'Asks the exam office to act on a scan, such as a missing or unreadable page. A fixed scan comes back as a `copy-rescanned` change.',
        tags: ['reports'],
        operationId: 'createReport',
        security: BEARER_SECURITY,
        params: COPY_ID_PARAMS,
        body: ref(ReportRequest),
        response: {
          201: jsonResponse(
            Report,
            'The report was created, with status `open`',
          ),
          ...problemResponses(400, 401, COPY_NOT_FOUND, 413, 415, [
            422,
            `\`kind\` is not one of ${REPORT_KINDS.join(', ')}, or a page is outside the pages of the copy`,
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
      const { kind, pages, note } = request.body;

      if (!(REPORT_KINDS as readonly string[]).includes(kind)) {
        throw invalidReport(
          `kind "${kind}" is unknown: use one of ${REPORT_KINDS.join(', ')}`,
        );
      }
      const outside = pages.filter(
        (page) => page < 1 || page > copy.page_count,
      );
      if (outside.length > 0) {
        throw invalidReport(
          `pages ${outside.join(', ')} are out of range: the copy has pages 1 to ${copy.page_count}`,
        );
      }

      const report = {
        id: randomUUID(),
        copyId: copy.id,
        kind: kind as ReportKind,
        pages: [...pages].sort((a, b) => a - b),
        note,
        status: 'open' as const,
        createdAt: new Date().toISOString(),
      };
      await db
        .insertInto('reports')
        .values({
          id: report.id,
          copy_id: report.copyId,
          grader_id: request.caller.id,
          kind: report.kind,
          pages: JSON.stringify(report.pages),
          note: report.note,
          status: report.status,
          created_at: report.createdAt,
        })
        .execute();

      request.log.info(
        { copyId: copy.id, reportId: report.id, kind },
        'scan report created',
      );
      return reply.code(201).send(report);
    },
  );
}
