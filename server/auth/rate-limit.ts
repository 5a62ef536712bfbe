/**
 * Login rate limit, kept in the database so every replica of the server
 * uses the same counts. Attempts are counted per username and per client
 * address. At the threshold the key is locked for a time that doubles
 * with each further failure, up to a cap.
 *
 * An attempt is counted before its password is checked, with an atomic
 * increment, so a burst of concurrent guesses cannot all pass the check
 * before the first failure is recorded. A successful sign-in clears the
 * username's count and gives the address its attempt back.
 */
import type { Kysely, Transaction } from 'kysely';

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
  | {
      allowed: true;
      /**
       * End of the lock, as an ISO time, that this attempt set because it
       * reached `maxFailures`, or null. `refundAttempt` lifts it.
       */
      lockedUntil: string | null;
    }
  | { allowed: false; retryAfter: number };

/**
 * Counts one sign-in attempt for `key` and decides whether its password may
 * be checked. A locked key rejects the attempt without counting it, so
 * waiting out the lock is never made longer by retrying.
 *
 * The attempt that reaches `rule.maxFailures` is allowed, and it locks the
 * key before its password is checked. Concurrent attempts are then
 * rejected, and the lock stays if the password is wrong. Once the lock
 * ends, the next attempt is allowed and locks the key again for twice as
 * long, up to `rule.lockMax`, unless the window is over and the count
 * starts again from zero.
 *
 * Returns the seconds to wait when the key is locked, rounded up, so a
 * client that waits that long gets its attempt.
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  key: string,
  rule: RateLimitRule,
  now = new Date(),
): Promise<AttemptDecision> {
  return db
    .transaction()
    .execute((trx) => reserveInTransaction(trx, key, rule, now, true));
}

async function reserveInTransaction(
  trx: Transaction<Database>,
  key: string,
  rule: RateLimitRule,
  now: Date,
  mayStartOver: boolean,
): Promise<AttemptDecision> {
  const nowText = now.toISOString();

  // Create the row first without touching an existing one, so two first
  // attempts at once cannot both insert it.
  await trx
    .insertInto('login_failures')
    .values({
      username: key,
      failures: 0,
      window_started_at: nowText,
      locked_until: null,
    })
    .onConflict((conflict) => conflict.column('username').doNothing())
    .execute();

  const row = await trx
    .selectFrom('login_failures')
    .selectAll()
    .where('username', '=', key)
    .executeTakeFirst();
  if (!row) {
    return startOver(trx, key, rule, now, mayStartOver);
  }

  const lockLeft = secondsLeft(row.locked_until, now);
  if (lockLeft > 0) {
    return { allowed: false, retryAfter: lockLeft };
  }

  const windowOver =
    now.getTime() - Date.parse(row.window_started_at) >= rule.window * 1000;
  if (windowOver) {
    // Only the first of concurrent attempts that saw the old window
    // restarts it, so the others' counts are not lost.
    await trx
      .updateTable('login_failures')
      .set({ failures: 0, window_started_at: nowText })
      .where('username', '=', key)
      .where('window_started_at', '=', row.window_started_at)
      .execute();
  }

  // The increment runs in the database and only while the key is not
  // locked. Under PostgreSQL's Read Committed isolation, an UPDATE that
  // waited for a concurrent transaction's row lock evaluates its WHERE
  // again on the committed row, so it obeys a lock set there. SQLite lets
  // one transaction write at a time.
  const counted = await trx
    .updateTable('login_failures')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('username', '=', key)
    .where((eb) =>
      eb.or([
        eb('locked_until', 'is', null),
        eb('locked_until', '<=', nowText),
      ]),
    )
    .returning('failures')
    .executeTakeFirst();
  if (!counted) {
    const locked = await trx
      .selectFrom('login_failures')
      .select('locked_until')
      .where('username', '=', key)
      .executeTakeFirst();
    if (!locked) {
      return startOver(trx, key, rule, now, mayStartOver);
    }
    // The lock is still ahead of `now`, or the increment would have run.
    return {
      allowed: false,
      retryAfter: Math.max(1, secondsLeft(locked.locked_until, now)),
    };
  }
  if (counted.failures < rule.maxFailures) {
    return { allowed: true, lockedUntil: null };
  }

  const lockedUntil = new Date(
    now.getTime() + lockSeconds(rule, counted.failures) * 1000,
  ).toISOString();
  await trx
    .updateTable('login_failures')
    .set({ locked_until: lockedUntil })
    .where('username', '=', key)
    .execute();
  return { allowed: true, lockedUntil };
}

/**
 * Counts the attempt again from the start after a successful sign-in
 * deleted the key's row during it, which PostgreSQL allows between the
 * statements of a Read Committed transaction.
 */
function startOver(
  trx: Transaction<Database>,
  key: string,
  rule: RateLimitRule,
  now: Date,
  mayStartOver: boolean,
): Promise<AttemptDecision> {
  if (!mayStartOver) {
    throw new Error(
      `Sign-in attempt for ${key} could not be counted: its login_failures row was deleted twice while counting, so retry the sign-in`,
    );
  }
  return reserveInTransaction(trx, key, rule, now, false);
}

/** Returns the lock, in seconds, set by the attempt numbered `count`. */
function lockSeconds(rule: RateLimitRule, count: number): number {
  const doublings = Math.max(0, count - rule.maxFailures);
  return Math.min(rule.lockMax, rule.lockBase * 2 ** doublings);
}

function secondsLeft(lockedUntil: string | null, now: Date): number {
  if (!lockedUntil) {
    return 0;
  }
  const left = Date.parse(lockedUntil) - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/**
 * Gives back an attempt that had no password check or whose sign-in
 * succeeded, and lifts the lock that attempt set, if any is still in place.
 */
export async function refundAttempt(
  db: Kysely<Database>,
  key: string,
  decision: { lockedUntil: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('login_failures')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('username', '=', key)
      .where('failures', '>', 0)
      .execute();

    if (decision.lockedUntil !== null) {
      await trx
        .updateTable('login_failures')
        .set({ locked_until: null })
        .where('username', '=', key)
        .where('locked_until', '=', decision.lockedUntil)
        .execute();
    }
  });
}

/** Clears the attempts of `key` after a successful sign-in. */
export async function clearFailures(
  db: Kysely<Database>,
  key: string,
): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', key).execute();
}
