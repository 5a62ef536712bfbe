/**
 * Registers the shared API schemas with Fastify, once each, so routes refer
 * to them by name and the OpenAPI document lists them as components.
 */
import type { FastifyInstance } from 'fastify';

import { NAMED_SCHEMAS } from '../../shared/api/schemas';

type JsonValue = unknown;

/**
 * Returns a copy of a schema in which every nested schema that has its own
 * `$id` is replaced by a `$ref` to that id. The shared schemas embed each
 * other (a BatchDetail holds a Batch) so the client gets complete types;
 * Ajv must see each `$id` exactly once.
 */
export function referenceNestedSchemas(
  schema: JsonValue,
  isRoot = true,
): JsonValue {
  if (Array.isArray(schema)) {
    return schema.map((item) => referenceNestedSchemas(item, false));
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }

  const record = schema as Record<string, JsonValue>;
  if (!isRoot && typeof record.$id === 'string') {
    return { $ref: `${record.$id}#` };
  }

  const copy: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(record)) {
    copy[key] = referenceNestedSchemas(value, false);
  }
  return copy;
}

export function registerSharedSchemas(app: FastifyInstance): void {
  for (const schema of NAMED_SCHEMAS) {
    app.addSchema(referenceNestedSchemas(schema) as { $id: string });
  }
}

/** A reference to a registered shared schema, for a route's schema. */
export function ref(schema: object): { $ref: string } {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') {
    throw new Error('Only schemas with an $id can be referenced');
  }
  return { $ref: `${id}#` };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface ProblemResponse {
  description: string;
  content: Record<string, { schema: { $ref: string } }>;
}

/**
 * The problem-details response of each listed status, for a route schema,
 * declared under `application/problem+json` as the server sends it.
 */
export function problemResponses(
  ...statuses: number[]
): Record<number, ProblemResponse> {
  const responses: Record<number, ProblemResponse> = {};
  for (const status of statuses) {
    responses[status] = {
      description: 'RFC 9457 problem details',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem#' } } },
    };
  }
  return responses;
}
