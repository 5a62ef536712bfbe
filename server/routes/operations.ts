/**
 * Probes and metrics for operators. They need no token and carry no
 * grading data.
 */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

import type { AppContext } from '../context';

const READY_TIMEOUT_MS = 2000;

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
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { logLevel: 'warn' }, async (request, reply) => {
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
      request.log.error({ err: error }, 'readiness: scan storage unreachable');
      checks.scanStorage = 'unreachable';
    }

    const ready = Object.values(checks).every((value) => value === 'ok');
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not ready',
      checks,
    });
  });

  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    reply.type(metrics.contentType);
    return metrics.metrics();
  });
}
