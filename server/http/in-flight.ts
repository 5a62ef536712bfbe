/**
 * Keeps `app.close()` from finishing while route handlers still run.
 *
 * Fastify's close waits for open connections, but a client that disconnects
 * mid-request closes its connection while the handler goes on. Without this,
 * the caller would close the database under that handler, which then fails
 * with "driver has already been destroyed".
 */
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';

/** Maximum wait for running handlers on close, milliseconds. */
const DRAIN_TIMEOUT_MS = 10_000;

export function trackInFlightHandlers(app: FastifyInstance): void {
  let running = 0;
  let drained: (() => void) | null = null;

  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = async function (request, reply) {
      running += 1;
      try {
        return await handler.call(this, request, reply);
      } finally {
        running -= 1;
        if (running === 0) {
          drained?.();
        }
      }
    };
  });

  app.addHook('onClose', async (instance) => {
    if (running === 0) {
      return;
    }

    instance.log.info({ running }, 'waiting for running requests to finish');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        instance.log.warn(
          { running },
          `requests still running after ${DRAIN_TIMEOUT_MS} ms; closing anyway`,
        );
        resolve();
      }, DRAIN_TIMEOUT_MS);
      drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  });
}
