/**
 * Login rate limit, kept in the database so every replica of the server
 * uses the same counts. Attempts are counted per username and per client
 * address. Past the threshold the key is locked for a time that doubles
 * with each further attempt, up to a cap.
 *
 * An attempt is counted before its password is checked, with an atomic
 * increment, so a burst of concurrent guesses cannot all pass the check
 * before the first failure is recorded. A successful sign-in gives its
 * attempt back.
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
  /** Maximum lock, seconds. */
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

export type AttemptDecision =
  { allowed: true } | { allowed: false; retryAfter: number };

/**
 * Counts one sign-in attempt for `key` and decides whether it may go on.
 * Returns the seconds to wait when the key is locked or this attempt is one
 * too many.
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  key: string,
  rule: RateLimitRule,
  now = new Date(),
): Promise<AttemptDecision> {
  return db.transaction().execute(async (trx) => {
    // Create the row first without touching an existing one, so two first
    // attempts at once cannot both insert it.
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

    const lockLeft = secondsLeft(row.locked_until, now);
    if (lockLeft > 0) {
      return { allowed: false, retryAfter: lockLeft };
    }

    const windowOver =
      now.getTime() - Date.parse(row.window_started_at) >= rule.window * 1000;
    if (windowOver) {
      await trx
        .updateTable('login_failures')
        .set({ failures: 0, window_started_at: now.toISOString() })
        .where('username', '=', key)
        .execute();
    }

    // The increment happens in the database, so concurrent attempts each
    // get their own count.
    const counted = await trx
      .updateTable('login_failures')
      .set((eb) => ({ failures: eb('failures', '+', 1) }))
      .where('username', '=', key)
      .returning('failures')
      .executeTakeFirstOrThrow();
    if (counted.failures <= rule.maxFailures) {
      return { allowed: true };
    }

    const excess = counted.failures - rule.maxFailures - 1;
    const seconds = Math.min(rule.lockMax, rule.lockBase * 2 ** excess);
    await trx
      .updateTable('login_failures')
      .set({
        locked_until: new Date(now.getTime() + seconds * 1000).toISOString(),
      })
      .where('username', '=', key)
      .execute();
    return { allowed: false, retryAfter: seconds };
  });
}

function secondsLeft(lockedUntil: string | null, now: Date): number {
  if (!lockedUntil) {
    return 0;
  }
  const left = Date.parse(lockedUntil) - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** Gives back the attempt of a successful sign-in. */
export async function refundAttempt(
  db: Kysely<Database>,
  key: string,
): Promise<void> {
  await db
    .updateTable('login_failures')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('username', '=', key)
    .where('failures', '>', 0)
    .execute();
}

/** Clears the attempts of `key` after a successful sign-in. */
export async function clearFailures(
  db: Kysely<Database>,
  key: string,
): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', key).execute();
}
