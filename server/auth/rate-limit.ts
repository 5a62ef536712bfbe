/**
 * Login rate limit, kept in the database so every replica of the server
 * sees the same counts. Failures are counted per username and per client
 * address; past the threshold the key is locked for a time that doubles
 * with each further failure, up to a cap.
 */
import type { Kysely } from 'kysely';

import type { Database } from '../db/tables';

export interface RateLimitRule {
  /** Failures allowed within the window before locking. */
  maxFailures: number;
  /** Seconds. */
  window: number;
  /** First lock, seconds; doubles per failure after that. */
  lockBase: number;
  /** Longest lock, seconds. */
  lockMax: number;
}

export const USERNAME_RULE: RateLimitRule = {
  maxFailures: 5,
  window: 15 * 60,
  lockBase: 30,
  lockMax: 15 * 60,
};

// An exam centre puts many examiners behind one address, so the limit per
// address is much higher than per username.
export const ADDRESS_RULE: RateLimitRule = {
  maxFailures: 100,
  window: 15 * 60,
  lockBase: 60,
  lockMax: 15 * 60,
};

/** Returns the seconds left on a lock of `key`, or 0 when not locked. */
export async function lockedFor(
  db: Kysely<Database>,
  key: string,
  now = new Date(),
): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('username', '=', key)
    .executeTakeFirst();
  if (!row?.locked_until) {
    return 0;
  }

  const left = Date.parse(row.locked_until) - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** Records one failed sign-in for `key`. */
export async function recordFailure(
  db: Kysely<Database>,
  key: string,
  rule: RateLimitRule,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Create the row first without touching an existing one, so two first
    // failures at once cannot both insert it.
    await trx
      .insertInto('login_failures')
      .values({
        username: key,
        failures: 0,
        window_started_at: now.toISOString(),
        locked_until: null,
      })
      .onConflict((conflict) => conflict.column('username').doNothing())
      .execute();

    const row = await trx
      .selectFrom('login_failures')
      .selectAll()
      .where('username', '=', key)
      .executeTakeFirstOrThrow();

    const windowOpen =
      now.getTime() - Date.parse(row.window_started_at) < rule.window * 1000;
    const failures = windowOpen ? row.failures + 1 : 1;
    const windowStartedAt = windowOpen
      ? row.window_started_at
      : now.toISOString();

    let lockedUntil: string | null = null;
    if (failures > rule.maxFailures) {
      const excess = failures - rule.maxFailures - 1;
      const seconds = Math.min(rule.lockMax, rule.lockBase * 2 ** excess);
      lockedUntil = new Date(now.getTime() + seconds * 1000).toISOString();
    }

    await trx
      .updateTable('login_failures')
      .set({
        failures,
        window_started_at: windowStartedAt,
        locked_until: lockedUntil,
      })
      .where('username', '=', key)
      .execute();
  });
}

/** Clears the failures of `key` after a successful sign-in. */
export async function clearFailures(
  db: Kysely<Database>,
  key: string,
): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', key).execute();
}
