/**
 * Probes and metrics for operators. They need no token and carry no
 * grading data.
 */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

import type { AppContext } from '../context';

const READY_TIMEOUT_MS = 2000;

const CHECK_RESULT = { type: 'string', enum: ['ok', 'unreachable'] } as const;
const READINESS = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ready', 'not ready'] },
    checks: {
      type: 'object',
      properties: { database: CHECK_RESULT, scanStorage: CHECK_RESULT },
      required: ['database', 'scanStorage'],
    },
  },
  required: ['status', 'checks'],
} as const;

const HEALTH_SCHEMA = {
  summary: 'Check that the process is alive',
  description:
    'Returns 200 as long as the server process runs, without checking its database or scan storage.',
  tags: ['operations'],
  operationId: 'getHealth',
  response: {
    200: {
      description: 'The process is alive',
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] } },
      required: ['status'],
    },
  },
};

const READINESS_SCHEMA = {
  summary: 'Check that the server can serve requests',
  description: `Checks that the database and the scan storage each respond within ${READY_TIMEOUT_MS} ms.`,
  tags: ['operations'],
  operationId: 'getReadiness',
  response: {
    200: {
      description: 'Both the database and the scan storage respond',
      ...READINESS,
    },
    503: {
      description:
        'The database or the scan storage is unreachable, and `checks` names which',
      ...READINESS,
    },
  },
};

const METRICS_SCHEMA = {
  summary: 'Read the Prometheus metrics',
  description:
    'Returns request counts and durations per route pattern and the Node.js process metrics, in the Prometheus text format.',
  tags: ['operations'],
  operationId: 'getMetrics',
  response: {
    200: {
      description:
        'The metrics in the Prometheus text exposition format, version 0.0.4',
      content: { 'text/plain': { schema: { type: 'string' } } },
    },
  },
};

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`${what} did not respond within ${READY_TIMEOUT_MS} ms`),
        ),
      READY_TIMEOUT_MS,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function registerOperationRoutes(
  app: FastifyInstance,
  { db, storage }: AppContext,
  metrics: Registry,
): void {
  app.get(
    '/healthz',
    { logLevel: 'warn', schema: HEALTH_SCHEMA },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    { logLevel: 'warn', schema: READINESS_SCHEMA },
    async (request, reply) => {
      const checks: Record<string, string> = {};

      try {
        await withTimeout(sql`select 1`.execute(db), 'The database');
        checks.database = 'ok';
      } catch (error) {
        request.log.error({ err: error }, 'readiness: database unreachable');
        checks.database = 'unreachable';
      }
      try {
        await withTimeout(storage.checkReady(), 'The scan storage');
        checks.scanStorage = 'ok';
      } catch (error) {
        request.log.error(
          { err: error },
          'readiness: scan storage unreachable',
        );
        checks.scanStorage = 'unreachable';
      }

      const ready = Object.values(checks).every((value) => value === 'ok');
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not ready',
        checks,
      });
    },
  );

  app.get(
    '/metrics',
    { logLevel: 'warn', schema: METRICS_SCHEMA },
    async (_request, reply) => {
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );
}
