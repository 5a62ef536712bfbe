/**
 * Prometheus metrics of one server process: request counts and durations
 * per route pattern (never per id, which would make a series per copy), and
 * Node's default process metrics.
 */
import type { FastifyInstance } from 'fastify';
import {
  Counter,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'copydesk_' });

  const requests = new Counter({
    name: 'copydesk_http_requests_total',
    help: 'HTTP responses sent, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'copydesk_http_request_duration_seconds',
    help: 'Time to respond to an HTTP request, seconds',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({
      method: request.method,
      route,
      status: String(reply.statusCode),
    });
    durations.observe(
      { method: request.method, route },
      reply.elapsedTime / 1000,
    );
  });

  return registry;
}
