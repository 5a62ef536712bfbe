import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  Batch,
  Change,
  Copy,
  Grade,
  MarkingScheme,
  Problem,
} from '../../../shared/api/schemas';
import { testDialects } from '../../support/test-database';
import {
  ApiClient,
  startTestServer,
  type TestServer,
} from '../../support/test-server';

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  description?: string;
}

interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description?: string }>;
  content?: Record<string, unknown>;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  responses: Record<string, OpenApiResponse>;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    securitySchemes?: Record<string, Record<string, unknown>>;
  };
}

/** Every route of the grading API version 1, with its methods. */
const API_ROUTES: Record<string, string[]> = {
  '/api/v1/auth/login': ['post'],
  '/api/v1/auth/refresh': ['post'],
  '/api/v1/auth/logout': ['post'],
  '/api/v1/me': ['get'],
  '/api/v1/assignments': ['get'],
  '/api/v1/batches/{batchId}': ['get'],
  '/api/v1/batches/{batchId}/submit': ['post'],
  '/api/v1/copies/{copyId}/scan': ['get'],
  '/api/v1/copies/{copyId}/grade': ['get', 'put'],
  '/api/v1/changes': ['get'],
  '/api/v1/copies/{copyId}/reports': ['post'],
  '/healthz': ['get'],
  '/readyz': ['get'],
  '/metrics': ['get'],
};

/** The operations a client calls without an access token. */
const PUBLIC_OPERATIONS = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
];

const TAGS = [
  'auth',
  'assignments',
  'scans',
  'grades',
  'changes',
  'reports',
  'operations',
];

/** Lists every operation of the document, named as `METHOD /path`. */
function listOperations(
  document: OpenApiDocument,
): [string, OpenApiOperation][] {
  const operations: [string, OpenApiOperation][] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.push([`${method.toUpperCase()} ${path}`, operation]);
    }
  }
  return operations;
}

function headerNames(operation: OpenApiOperation): string[] {
  return (operation.parameters ?? [])
    .filter((parameter) => parameter.in === 'header')
    .map((parameter) => parameter.name);
}

/**
 * Returns a shared schema as the OpenAPI document should show it: plain
 * JSON, with each embedded named schema replaced by a component reference.
 */
function asComponent(schema: unknown, isRoot = true): unknown {
  if (Array.isArray(schema)) {
    return schema.map((item) => asComponent(item, false));
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }

  const record = schema as Record<string, unknown>;
  if (!isRoot && typeof record.$id === 'string') {
    return { $ref: `#/components/schemas/${record.$id}` };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === '$id') {
      continue;
    }

    // @fastify/swagger writes a record's `patternProperties: {"^.*$": X}`
    // as `additionalProperties: X`, which accepts the same objects.
    const patterns = value as Record<string, unknown>;
    if (
      key === 'patternProperties' &&
      Object.keys(patterns).join() === '^.*$'
    ) {
      copy.additionalProperties = asComponent(patterns['^.*$'], false);
      continue;
    }
    copy[key] = asComponent(value, false);
  }
  return copy;
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`OpenAPI document on ${dialect}`, () => {
    let server: TestServer;
    let document: OpenApiDocument;

    beforeAll(async () => {
      server = await startTestServer(dialect, { copiesPerBatch: 1 });
      const response = await new ApiClient(server.url).request<OpenApiDocument>(
        'GET',
        '/api/v1/openapi.json',
      );
      expect(response.status).toBe(200);
      document = response.body;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('document is OpenAPI 3.1.0', () => {
      expect(document.openapi).toBe('3.1.0');
    });

    it('document lists every route with its methods', () => {
      for (const [path, methods] of Object.entries(API_ROUTES)) {
        const operations = document.paths[path];
        expect({ path, listed: operations !== undefined }).toEqual({
          path,
          listed: true,
        });
        expect({ path, methods: Object.keys(operations!).sort() }).toEqual({
          path,
          methods: [...methods].sort(),
        });
      }
    });

    it('document lists no undocumented route', () => {
      expect(Object.keys(document.paths).sort()).toEqual(
        Object.keys(API_ROUTES).sort(),
      );
    });

    it('components include the API objects', () => {
      const names = Object.keys(document.components.schemas);

      for (const name of [
        'Grade',
        'Batch',
        'Copy',
        'MarkingScheme',
        'Change',
        'Problem',
      ]) {
        expect(names).toContain(name);
      }
    });

    it.each([
      ['Grade', Grade],
      ['Batch', Batch],
      ['Copy', Copy],
      ['MarkingScheme', MarkingScheme],
      ['Change', Change],
      ['Problem', Problem],
    ])('%s component equals the shared schema', (name, schema) => {
      const component = document.components.schemas[name]!;
      const expected = asComponent(JSON.parse(JSON.stringify(schema))) as {
        properties: unknown;
        required: unknown;
      };

      expect(component.properties).toEqual(expected.properties);
      expect(component.required).toEqual(expected.required);
    });

    it('grade write documents its conflict answers', () => {
      const put = document.paths['/api/v1/copies/{copyId}/grade']!.put!;

      expect(Object.keys(put.responses).sort()).toEqual(
        [
          '200',
          '201',
          '400',
          '401',
          '404',
          '412',
          '413',
          '415',
          '422',
          '423',
          '428',
        ].sort(),
      );
    });

    it('errors are documented as problem+json', () => {
      const put = document.paths['/api/v1/copies/{copyId}/grade']!.put!;

      for (const status of ['400', '401', '404', '422', '423', '428']) {
        expect(Object.keys(put.responses[status]?.content ?? {})).toEqual([
          'application/problem+json',
        ]);
      }
      expect(Object.keys(put.responses['412']?.content ?? {}).sort()).toEqual([
        'application/json',
        'application/problem+json',
      ]);
    });

    it('every operation has a summary, description and tag', () => {
      for (const [name, operation] of listOperations(document)) {
        expect({ name, summary: operation.summary }).toEqual({
          name,
          summary: expect.stringMatching(/\S/),
        });
        expect({ name, description: operation.description }).toEqual({
          name,
          description: expect.stringMatching(/\S/),
        });
        expect({ name, tags: operation.tags }).toEqual({
          name,
          tags: [expect.toBeOneOf(TAGS)],
        });
      }
    });

    it('document declares the bearer scheme', () => {
      expect(document.components.securitySchemes?.bearer).toEqual({
        type: 'http',
        scheme: 'bearer',
      });
    });

    it('authenticated operations require the bearer token', () => {
      const authenticated = listOperations(document).filter(
        ([name]) => !PUBLIC_OPERATIONS.includes(name),
      );
      expect(authenticated).toHaveLength(10);

      for (const [name, operation] of authenticated) {
        expect({ name, security: operation.security }).toEqual({
          name,
          security: [{ bearer: [] }],
        });
        expect({ name, has401: '401' in operation.responses }).toEqual({
          name,
          has401: true,
        });
      }
    });

    it('public operations need no token', () => {
      const operations = new Map(listOperations(document));

      for (const name of PUBLIC_OPERATIONS) {
        expect({ name, listed: operations.has(name) }).toEqual({
          name,
          listed: true,
        });
        expect({ name, security: operations.get(name)?.security }).toEqual({
          name,
          security: undefined,
        });
      }
    });

    it('no response is described as Default Response', () => {
      for (const [name, operation] of listOperations(document)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          expect({ name, status, description: response.description }).toEqual({
            name,
            status,
            description: expect.stringMatching(/\S/),
          });
          expect(response.description).not.toBe('Default Response');
        }
      }
    });

    it('path parameters are described', () => {
      for (const [name, operation] of listOperations(document)) {
        const inPath = (operation.parameters ?? []).filter(
          (parameter) => parameter.in === 'path',
        );

        for (const parameter of inPath) {
          expect({
            name,
            parameter: parameter.name,
            description: parameter.description,
          }).toEqual({
            name,
            parameter: parameter.name,
            description: expect.stringMatching(/\S/),
          });
        }
      }
    });

    it('grade write lists its request headers', () => {
      const put = document.paths['/api/v1/copies/{copyId}/grade']!.put!;
      const headers = (put.parameters ?? []).filter(
        (parameter) => parameter.in === 'header',
      );

      expect(headerNames(put).sort()).toEqual(
        ['Idempotency-Key', 'If-Match', 'If-None-Match'].sort(),
      );
      for (const header of headers) {
        // The handler, not validation, rejects a missing header (400 or 428).
        expect({ name: header.name, required: header.required }).toEqual({
          name: header.name,
          required: false,
        });
        expect({ name: header.name, description: header.description }).toEqual({
          name: header.name,
          description: expect.stringMatching(/\S/),
        });
      }
    });

    it('scan download lists its request headers', () => {
      const get = document.paths['/api/v1/copies/{copyId}/scan']!.get!;

      expect(headerNames(get).sort()).toEqual(
        ['If-None-Match', 'If-Range', 'Range'].sort(),
      );
    });

    it.each([
      ['/api/v1/copies/{copyId}/grade', 'get', '200'],
      ['/api/v1/copies/{copyId}/grade', 'put', '200'],
      ['/api/v1/copies/{copyId}/grade', 'put', '201'],
      ['/api/v1/copies/{copyId}/grade', 'put', '412'],
      ['/api/v1/copies/{copyId}/scan', 'get', '200'],
      ['/api/v1/copies/{copyId}/scan', 'get', '206'],
      ['/api/v1/copies/{copyId}/scan', 'get', '304'],
    ])('%s %s %s documents ETag', (path, method, status) => {
      const response = document.paths[path]![method]!.responses[status];

      expect(Object.keys(response?.headers ?? {})).toContain('ETag');
    });

    it('partial scan documents Content-Range', () => {
      const get = document.paths['/api/v1/copies/{copyId}/scan']!.get!;

      expect(Object.keys(get.responses['206']?.headers ?? {})).toContain(
        'Content-Range',
      );
      expect(Object.keys(get.responses['416']?.headers ?? {})).toContain(
        'Content-Range',
      );
    });

    it('sign-in throttling documents Retry-After', () => {
      const login = document.paths['/api/v1/auth/login']!.post!;

      expect(Object.keys(login.responses['429']?.headers ?? {})).toEqual([
        'Retry-After',
      ]);
      expect(Object.keys(login.responses['429']?.content ?? {})).toEqual([
        'application/problem+json',
      ]);
    });

    it('POST and PUT document 413 and 415', () => {
      const postsAndPuts = listOperations(document).filter(
        ([name]) => name.startsWith('POST ') || name.startsWith('PUT '),
      );
      expect(postsAndPuts).toHaveLength(6);

      for (const [name, operation] of postsAndPuts) {
        for (const status of ['413', '415']) {
          const content = operation.responses[status]?.content ?? {};
          expect({ name, status, types: Object.keys(content) }).toEqual({
            name,
            status,
            types: ['application/problem+json'],
          });
        }
      }
    });
  });
}
