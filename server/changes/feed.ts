/**
 * The changes feed: one row per event a grader's client must act on, read
 * in `seq` order from a cursor. A cursor is the `seq` of the last change
 * the client has seen, written as `c<seq>`; the client treats it as opaque.
 */
import { sql, type Kysely, type Transaction } from 'kysely';

import type { Change, ChangeKind } from '../../shared/api/schemas';
import type { Dialect } from '../db/database';
import type { Database } from '../db/tables';

/** Changes per page. A full page sets `more: true`, so the client requests the next one at once. */
export const PAGE_SIZE = 500;

const HORIZON_KEY = 'changes-horizon';

const INSERT_CHUNK = 500;

// Any constant works; it only has to be the same for every writer.
const FEED_LOCK_ID = 7_310_001;

export interface ChangeEvent {
  graderId: string;
  kind: ChangeKind;
  batchId?: string;
  copyId?: string;
  schemeId?: string;
}

export function encodeCursor(seq: number): string {
  return `c${seq}`;
}

/** Returns the seq a cursor names, or null when it is not a cursor. */
export function decodeCursor(cursor: string): number | null {
  const match = /^c(\d{1,15})$/.exec(cursor);
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * Appends changes inside the caller's transaction.
 *
 * PostgreSQL assigns serial numbers when rows are inserted but makes them
 * visible when transactions commit, which can happen in another order. A
 * reader could then see seq 11, move its cursor past 10, and miss 10 when it
 * commits a moment later. A transaction-scoped advisory lock makes writers of the feed
 * take turns, so seq order is commit order. SQLite has a single writer.
 */
export async function recordChanges(
  trx: Transaction<Database>,
  dialect: Dialect,
  events: ChangeEvent[],
  now = new Date(),
): Promise<void> {
  if (events.length === 0) {
    return;
  }
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(${FEED_LOCK_ID})`.execute(trx);
  }

  const rows = events.map((event) => ({
    grader_id: event.graderId,
    kind: event.kind,
    batch_id: event.batchId ?? null,
    copy_id: event.copyId ?? null,
    scheme_id: event.schemeId ?? null,
    created_at: now.toISOString(),
  }));
  // Several statements keep each under SQLite's limit of bound parameters.
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('changes')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .execute();
  }
}

/** Returns the newest seq of the whole feed, or 0 when it is empty. */
export async function latestSeq(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  const horizon = await changesHorizon(db);
  return Math.max(Number(row?.seq ?? 0), horizon);
}

/** Returns the highest seq pruned from the feed. Cursors below it are too old. */
export async function changesHorizon(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('server_state')
    .select('value')
    .where('key', '=', HORIZON_KEY)
    .executeTakeFirst();
  return row ? Number(row.value) : 0;
}

export type FeedPage =
  | { kind: 'page'; changes: Change[]; cursor: string; more: boolean }
  | { kind: 'unknown-cursor' }
  | { kind: 'too-old' };

export async function readChanges(
  db: Kysely<Database>,
  graderId: string,
  cursor: string,
): Promise<FeedPage> {
  const since = decodeCursor(cursor);
  // Read the end first: every change up to it is committed, so the cursor
  // may move to it even when none of those changes is this grader's.
  const end = await latestSeq(db);
  if (since === null || since > end) {
    return { kind: 'unknown-cursor' };
  }
  if (since < (await changesHorizon(db))) {
    return { kind: 'too-old' };
  }

  const rows = await db
    .selectFrom('changes')
    .selectAll()
    .where('grader_id', '=', graderId)
    .where('seq', '>', since)
    .where('seq', '<=', end)
    .orderBy('seq')
    .limit(PAGE_SIZE + 1)
    .execute();

  const more = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE);
  const changes = page.map((row) => {
    const change: Change = { seq: row.seq, kind: row.kind as ChangeKind };
    if (row.batch_id !== null) change.batchId = row.batch_id;
    if (row.copy_id !== null) change.copyId = row.copy_id;
    if (row.scheme_id !== null) change.schemeId = row.scheme_id;
    return change;
  });

  const last = page.at(-1);
  const next = more && last ? last.seq : end;
  return { kind: 'page', changes, cursor: encodeCursor(next), more };
}

/**
 * Deletes changes older than the retention and moves the horizon up to the
 * newest deleted seq, so clients holding an older cursor get 410 and reload
 * their assignments.
 */
export async function pruneChanges(
  db: Kysely<Database>,
  retentionSeconds: number,
  now = new Date(),
): Promise<number> {
  const before = new Date(
    now.getTime() - retentionSeconds * 1000,
  ).toISOString();

  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('changes')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('created_at', '<', before)
      .executeTakeFirst();
    const newest = Number(row?.seq ?? 0);
    if (newest === 0) {
      return 0;
    }

    const deleted = await trx
      .deleteFrom('changes')
      .where('seq', '<=', newest)
      .executeTakeFirst();
    const horizon = Math.max(newest, await changesHorizon(trx));
    await trx
      .insertInto('server_state')
      .values({ key: HORIZON_KEY, value: String(horizon) })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({ value: String(horizon) }),
      )
      .execute();
    return Number(deleted.numDeletedRows);
  });
}
