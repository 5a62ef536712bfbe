import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  clearFailures,
  refundAttempt,
  reserveAttempt,
  type AttemptDecision,
  type RateLimitRule,
} from '../../../../server/auth/rate-limit';
import {
  openDatabase,
  type DatabaseHandle,
} from '../../../../server/db/database';
import { migrateToLatest } from '../../../../server/db/migrate';

const RULE: RateLimitRule = {
  maxFailures: 3,
  window: 600,
  lockBase: 10,
  lockMax: 100,
};
const START = Date.parse('2026-06-01T08:00:00.000Z');
const KEY = 'user:amartin';

/** Returns the time `seconds` after START. */
function at(seconds: number): Date {
  return new Date(START + seconds * 1000);
}

describe('reserveAttempt', () => {
  let handle: DatabaseHandle;

  beforeEach(async () => {
    handle = openDatabase('sqlite::memory:');
    await migrateToLatest(handle);
  });
  afterEach(async () => {
    await handle.close();
  });

  function reserve(seconds: number, key = KEY): Promise<AttemptDecision> {
    return reserveAttempt(handle.db, key, RULE, at(seconds));
  }

  async function failures(key = KEY): Promise<number | undefined> {
    const row = await handle.db
      .selectFrom('login_failures')
      .select('failures')
      .where('username', '=', key)
      .executeTakeFirst();
    return row?.failures;
  }

  it('allows attempts up to the maximum', async () => {
    expect(await reserve(0)).toEqual({ allowed: true, lockedUntil: null });
    expect(await reserve(1)).toEqual({ allowed: true, lockedUntil: null });
    expect(await reserve(2)).toEqual({
      allowed: true,
      lockedUntil: at(12).toISOString(),
    });
    expect(await reserve(2)).toEqual({ allowed: false, retryAfter: 10 });
  });

  it('doubles the lock per attempt after it, up to the maximum', async () => {
    await reserve(0);
    await reserve(0);

    const locks: number[] = [];
    let clock = 0;
    for (let attempt = 3; attempt <= 8; attempt += 1) {
      const decision = await reserve(clock);
      if (!decision.allowed || decision.lockedUntil === null) {
        throw new Error(`attempt ${attempt} at ${clock} s set no lock`);
      }
      const lock =
        (Date.parse(decision.lockedUntil) - at(clock).getTime()) / 1000;
      locks.push(lock);

      expect(await reserve(clock)).toEqual({
        allowed: false,
        retryAfter: lock,
      });
      clock += lock;
    }

    expect(locks).toEqual([10, 20, 40, 80, 100, 100]);
  });

  it('does not count attempts while locked', async () => {
    await reserve(0);
    await reserve(0);
    await reserve(0);

    const waits: number[] = [];
    for (const seconds of [0, 4.2, 9, 9.999]) {
      const decision = await reserve(seconds);
      waits.push(decision.allowed ? 0 : decision.retryAfter);
    }

    expect(waits).toEqual([10, 6, 1, 1]);
    expect(await failures()).toBe(3);
    expect((await reserve(10)).allowed).toBe(true);
    expect(await failures()).toBe(4);
  });

  it('restarts the count once the window is over', async () => {
    await reserve(0);
    await reserve(100);

    expect(await reserve(600)).toEqual({ allowed: true, lockedUntil: null });
    expect(await failures()).toBe(1);
  });

  it('keeps keys apart', async () => {
    await reserve(0);
    await reserve(0);
    await reserve(0);

    expect(await reserve(0, 'user:AMARTIN')).toEqual({
      allowed: true,
      lockedUntil: null,
    });
    expect((await reserve(0)).allowed).toBe(false);
  });
});

describe('refundAttempt', () => {
  let handle: DatabaseHandle;

  beforeEach(async () => {
    handle = openDatabase('sqlite::memory:');
    await migrateToLatest(handle);
  });
  afterEach(async () => {
    await handle.close();
  });

  async function lockedUntil(): Promise<string | null | undefined> {
    const row = await handle.db
      .selectFrom('login_failures')
      .select('locked_until')
      .where('username', '=', KEY)
      .executeTakeFirst();
    return row?.locked_until;
  }

  it('lifts the lock its attempt set', async () => {
    await reserveAttempt(handle.db, KEY, RULE, at(0));
    await reserveAttempt(handle.db, KEY, RULE, at(0));
    const last = await reserveAttempt(handle.db, KEY, RULE, at(0));
    if (!last.allowed) {
      throw new Error('the attempt that reaches the maximum was rejected');
    }

    await refundAttempt(handle.db, KEY, last);

    expect(await lockedUntil()).toBeNull();
    expect(await reserveAttempt(handle.db, KEY, RULE, at(1))).toEqual({
      allowed: true,
      lockedUntil: at(11).toISOString(),
    });
  });

  it('keeps a lock set by another attempt', async () => {
    const first = await reserveAttempt(handle.db, KEY, RULE, at(0));
    if (!first.allowed) {
      throw new Error('the first attempt was rejected');
    }
    await reserveAttempt(handle.db, KEY, RULE, at(0));
    await reserveAttempt(handle.db, KEY, RULE, at(0));

    await refundAttempt(handle.db, KEY, first);

    expect(await lockedUntil()).toBe(at(10).toISOString());
  });

  it('never takes the count below zero', async () => {
    await reserveAttempt(handle.db, KEY, RULE, at(0));

    await refundAttempt(handle.db, KEY, { lockedUntil: null });
    await refundAttempt(handle.db, KEY, { lockedUntil: null });

    const row = await handle.db
      .selectFrom('login_failures')
      .select('failures')
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(0);
  });

  it('clearFailures removes the lock', async () => {
    for (let index = 0; index < 3; index += 1) {
      await reserveAttempt(handle.db, KEY, RULE, at(0));
    }

    await clearFailures(handle.db, KEY);

    expect(await lockedUntil()).toBeUndefined();
    expect((await reserveAttempt(handle.db, KEY, RULE, at(0))).allowed).toBe(
      true,
    );
  });
});
