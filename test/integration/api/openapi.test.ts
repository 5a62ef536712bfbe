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

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Record<string, unknown>> };
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
      const put = document.paths['/api/v1/copies/{copyId}/grade']!.put as {
        responses: Record<string, unknown>;
      };

      expect(Object.keys(put.responses).sort()).toEqual(
        ['200', '201', '400', '401', '404', '412', '422', '423', '428'].sort(),
      );
    });

    it('errors are documented as problem+json', () => {
      const put = document.paths['/api/v1/copies/{copyId}/grade']!.put as {
        responses: Record<string, { content?: Record<string, unknown> }>;
      };

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
  });
}
