/**
 * Keeps `app.close()` from finishing while route handlers still run, and
 * ends the keep-alive connections of responses still being sent when the
 * close starts.
 *
 * Fastify's close waits for open connections, but a client that disconnects
 * mid-request closes its connection while the handler goes on. Without this,
 * the caller would close the database under that handler, which then fails
 * with "driver has already been destroyed".
 *
 * Node's `server.close()` (Node 20) ends only the connections that are idle
 * when it is called. A response still being sent then keeps its connection
 * open after it ends, for Fastify's keep-alive timeout of 72 s, and the close
 * waits that long. A scan download does this when the client already has
 * every byte but the server's file stream has not yet read the end of the
 * file. So once the close has started, each response that ends closes the
 * connections that are idle again.
 */
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';

/** Maximum wait for running handlers on close, milliseconds. */
const DRAIN_TIMEOUT_MS = 10_000;

export function trackInFlightHandlers(app: FastifyInstance): void {
  let running = 0;
  let drained: (() => void) | null = null;
  let closing = false;

  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onResponse', async () => {
    if (closing) {
      // Node frees the connection in its own 'finish' listener, which runs
      // before this hook, so it counts as idle from the next turn on.
      setImmediate(() => app.server.closeIdleConnections());
    }
  });

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
