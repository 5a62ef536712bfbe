/**
 * Idempotency keys of grade writes. The first successful response to a key
 * is stored with a hash of its request; the same key with the same request
 * returns that response again without writing, and the same key with another
 * request is rejected.
 */
import { createHash } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from '../db/tables';

/** Serialises JSON with object keys sorted, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      // Object keys are unique, so two keys never compare equal.
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashRequest(parts: unknown[]): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  body: unknown;
}

export async function findStoredResponse(
  db: Kysely<Database>,
  graderId: string,
  key: string,
): Promise<StoredResponse | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('grader_id', '=', graderId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  return {
    requestHash: row.request_hash,
    statusCode: row.status_code,
    body: JSON.parse(row.response_body),
  };
}

/**
 * Stores a response; returns false when the key was stored meanwhile by a
 * concurrent request, so the caller rolls back and replays that one.
 */
export async function storeResponse(
  db: Kysely<Database>,
  graderId: string,
  key: string,
  response: StoredResponse,
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({
      grader_id: graderId,
      key,
      request_hash: response.requestHash,
      status_code: response.statusCode,
      response_body: JSON.stringify(response.body),
      created_at: now.toISOString(),
    })
    .onConflict((conflict) =>
      conflict.columns(['grader_id', 'key']).doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Deletes keys older than `ttlSeconds`; returns how many. */
export async function pruneIdempotencyKeys(
  db: Kysely<Database>,
  ttlSeconds: number,
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - ttlSeconds * 1000).toISOString();
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
