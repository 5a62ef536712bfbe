/**
 * Idempotency keys of grade writes. The first successful response to a key
 * is stored with a hash of its request; the same key with the same request
 * returns that response again without writing, and the same key with another
 * request is rejected.
 */
import { createHash } from 'node:crypto';

import type { Kysely } from 'kysely';

import { canonicalJson } from '../../shared/canonical-json';

import type { Database } from '../db/tables';

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
