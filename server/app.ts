/**
 * Builds the reference server: a Fastify instance with every route of the
 * grading API under /api/v1, the operator routes, the OpenAPI document
 * generated from the same schemas that validate requests, and optionally
 * the built web client at `/`.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';

import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';

import { API_PREFIX, PROBLEM_TYPES } from '../shared/api/schemas';
import { makeAuthenticate } from './auth/authenticate';
import { registerClientHost } from './client-host/client-host';
import { registerAuthRoutes } from './auth/routes';
import type { AppContext } from './context';
import { trackInFlightHandlers } from './http/in-flight';
import { HttpProblem, badRequest } from './http/problem';
import { registerSharedSchemas } from './http/schemas';
import { registerMetrics } from './metrics';
import { registerAssignmentRoutes } from './routes/assignments';
import { registerChangesRoutes } from './routes/changes';
import { registerGradeRoutes } from './routes/grades';
import { registerOperationRoutes } from './routes/operations';
import { registerReportRoutes } from './routes/reports';
import { registerScanRoutes } from './routes/scans';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface AppOptions {
  /** Destination of the JSON log lines in place of standard output, as in tests. */
  logStream?: Writable;
  /**
   * Folder of the built web client to serve at `/`, in place of the
   * CLIENT_ROOT setting; null serves none.
   */
  clientRoot?: string | null;
}

export async function buildApp(
  context: AppContext,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: context.config.logLevel,
      // Tokens travel in this header; it must never reach a log.
      redact: ['req.headers.authorization'],
      serializers: { req: serializeRequest },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: BODY_LIMIT_BYTES,
    // Ids may be up to 200 characters (shared/api/schemas.ts); a longer path
    // segment names nothing that exists.
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: (error, request, reply) => {
      const problem =
        error.code === 'FST_ERR_BAD_URL'
          ? badRequest(
              'The URL is not valid percent-encoding: check the ids in the path',
            )
          : new HttpProblem(
              404,
              PROBLEM_TYPES.notFound,
              'A path segment is longer than any id: check the URL',
            );
      sendProblem(reply, problem, request.url);
    },
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given)
        ? given
        : randomUUID();
    },
    ajv: {
      customOptions: {
        // Reject unknown fields instead of silently dropping them.
        removeAdditional: false,
        coerceTypes: false,
        allErrors: false,
      },
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  trackInFlightHandlers(app);

  await app.register(cors, {
    origin: context.config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'if-match',
      'if-none-match',
      'if-range',
      'idempotency-key',
      'range',
      'x-request-id',
    ],
    exposedHeaders: [
      'etag',
      'content-range',
      'accept-ranges',
      'content-length',
      'retry-after',
      'x-request-id',
    ],
    maxAge: 600,
  });
  registerSharedSchemas(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Copydesk grading API',
        version: '1',
        description:
          'The contract between the Copydesk desktop client and a grading backend.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `schema-${index}`,
    },
  });

  setErrorHandling(app);
  // Only JSON bodies are accepted; a text body gets 415 rather than a
  // confusing validation error.
  app.removeContentTypeParser('text/plain');

  const metrics = registerMetrics(app);
  registerOperationRoutes(app, context, metrics);

  const authenticate = makeAuthenticate(context.db);
  await app.register(
    async (api) => {
      registerAuthRoutes(api, context, authenticate);
      registerAssignmentRoutes(api, context, authenticate);
      registerScanRoutes(api, context, authenticate);
      registerGradeRoutes(api, context, authenticate);
      registerChangesRoutes(api, context, authenticate);
      registerReportRoutes(api, context, authenticate);
      api.get('/openapi.json', { schema: { hide: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: API_PREFIX },
  );

  const clientRoot =
    options.clientRoot === undefined
      ? context.config.clientRoot
      : options.clientRoot;
  if (clientRoot !== null) {
    registerClientHost(app, {
      root: clientRoot,
      publicUrl: context.config.publicUrl,
    });
  }

  return app;
}

function setErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: HttpProblem;

    if (error instanceof HttpProblem) {
      problem = error;
    } else if (error.validation && error.validation.length > 0) {
      const first = error.validation[0]!;
      const where = `${error.validationContext ?? 'request'}${first.instancePath}`;
      problem = new HttpProblem(
        400,
        PROBLEM_TYPES.badRequest,
        `${where} ${first.message ?? 'is invalid'}${describeParams(first.params)}`,
      );
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      problem = new HttpProblem(
        413,
        PROBLEM_TYPES.payloadTooLarge,
        `The request body is larger than the ${BODY_LIMIT_BYTES / 1024 / 1024} MB limit: send less data in one request`,
      );
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      problem = new HttpProblem(
        415,
        PROBLEM_TYPES.unsupportedMediaType,
        `Content-Type "${request.headers['content-type'] ?? ''}" is not supported: send the body as application/json`,
      );
    } else if (
      error.statusCode !== undefined &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      // Fastify's own client errors: malformed JSON, body too large,
      // unsupported content type.
      problem = new HttpProblem(
        error.statusCode,
        PROBLEM_TYPES.badRequest,
        error.message,
      );
    } else {
      request.log.error({ err: error }, 'request failed');
      problem = new HttpProblem(
        500,
        PROBLEM_TYPES.internal,
        `The server failed to answer this request; quote request id ${request.id} to the administrator`,
      );
    }

    sendProblem(reply, problem, request.url);
  });

  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type('application/problem+json; charset=utf-8')
      .send(
        new HttpProblem(
          404,
          PROBLEM_TYPES.notFound,
          `No route ${request.method} ${pathOf(request.url)}`,
        ).toBody(),
      );
  });
}

function sendProblem(
  reply: FastifyReply,
  problem: HttpProblem,
  url: string,
): void {
  void reply
    .code(problem.status)
    .headers(problem.headers)
    .type('application/problem+json; charset=utf-8')
    .send(problem.toBody(pathOf(url)));
}

/** Returns the URL without its query string. */
function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}

// A client may put a token in a query parameter by mistake; only the
// parameters the API defines are logged with their values.
const LOGGED_QUERY_PARAMETERS = new Set(['since']);

/** Writes a URL for the log with unknown query values masked. */
export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (query === undefined) {
    return url;
  }

  const parameters = query.split('&').map((pair) => {
    const [name = '', value] = pair.split('=', 2);
    if (value === undefined || LOGGED_QUERY_PARAMETERS.has(name)) {
      return pair;
    }
    return `${name}=***`;
  });
  return `${path}?${parameters.join('&')}`;
}

function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}

function describeParams(params: Record<string, unknown> | undefined): string {
  if (!params) {
    return '';
  }
  if (typeof params.additionalProperty === 'string') {
    return `: "${params.additionalProperty}" is not allowed`;
  }
  if (Array.isArray(params.allowedValues)) {
    return `: use one of ${params.allowedValues.join(', ')}`;
  }
  return '';
}
