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
 * other (a BatchDetail contains a Batch) so the client gets complete types;
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

/** Returns a `$ref` to a registered shared schema, for a route's schema. */
export function ref(schema: object): { $ref: string } {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') {
    throw new Error('Only schemas with an $id can be referenced');
  }
  return { $ref: `${id}#` };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A response header as the OpenAPI document lists it. */
export interface HeaderSchema {
  type: 'string' | 'integer';
  description: string;
}

/**
 * Descriptions of the problem statuses that routes send for the usual reason.
 * A route passes its own description where the reason is specific to it.
 */
const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed, and `detail` names the invalid field, header or value',
  401: 'The access token is missing, invalid, expired or revoked: refresh it or sign in again',
  413: 'The request body is larger than the server accepts, and `detail` states the limit',
  415: 'The request has a body whose Content-Type is not application/json',
};

/** The headers a problem response of each status carries. */
const PROBLEM_HEADERS: Record<number, Record<string, HeaderSchema>> = {
  401: {
    'WWW-Authenticate': {
      type: 'string',
      description: '`Bearer`, the authentication scheme to use',
    },
  },
  416: {
    'Content-Range': {
      type: 'string',
      description: '`bytes */<size>`, the size of the whole scan in bytes',
    },
  },
  429: {
    'Retry-After': {
      type: 'integer',
      description: 'Seconds to wait before trying again',
    },
  },
};

interface ProblemResponse {
  description: string;
  headers?: Record<string, HeaderSchema>;
  content: Record<string, { schema: { $ref: string } }>;
}

/** A status with the description of when this route sends it. */
export type ProblemCase = number | [status: number, description: string];

/**
 * Builds the problem-details responses of a route schema, declared under
 * `application/problem+json` as the server sends them. A bare status takes
 * its usual description; the other statuses need one from the route.
 */
export function problemResponses(
  ...cases: ProblemCase[]
): Record<number, ProblemResponse> {
  const responses: Record<number, ProblemResponse> = {};

  for (const entry of cases) {
    const [status, description] =
      typeof entry === 'number' ? [entry, PROBLEM_DESCRIPTIONS[entry]] : entry;
    if (description === undefined) {
      throw new Error(
        `Problem status ${status} has no usual description: pass [${status}, '<when the route sends it>']`,
      );
    }

    const headers = PROBLEM_HEADERS[status];
    responses[status] = {
      description,
      ...(headers ? { headers } : {}),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem#' } } },
    };
  }
  return responses;
}

/** Builds a JSON response whose body is a registered shared schema. */
export function jsonResponse(
  schema: object,
  description: string,
  headers?: Record<string, HeaderSchema>,
): Record<string, unknown> {
  return {
    ...ref(schema),
    description,
    ...(headers ? { headers } : {}),
  };
}

/** The bearer-token requirement of every route that needs a signed-in grader. */
export const BEARER_SECURITY = [{ bearer: [] }];

/** The `batchId` path parameter. */
export const BATCH_ID_PARAMS = {
  type: 'object',
  properties: {
    batchId: {
      type: 'string',
      description: 'Id of the batch, as listed by GET /api/v1/assignments',
    },
  },
  required: ['batchId'],
} as const;

/** The `copyId` path parameter. */
export const COPY_ID_PARAMS = {
  type: 'object',
  properties: {
    copyId: {
      type: 'string',
      description: 'Id of the copy, as listed by GET /api/v1/batches/{batchId}',
    },
  },
  required: ['copyId'],
} as const;

// A batch or copy the caller may not see gets the same 404 as one that does
// not exist, so ids leak nothing.
export const BATCH_NOT_FOUND: ProblemCase = [
  404,
  'The batch does not exist, was withdrawn, or is neither assigned to the caller nor in a sitting the caller supervises',
];
export const COPY_NOT_FOUND: ProblemCase = [
  404,
  'The copy does not exist, was withdrawn, or its batch is neither assigned to the caller nor in a sitting the caller supervises',
];
