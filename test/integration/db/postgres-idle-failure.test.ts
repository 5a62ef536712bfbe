import { setTimeout as sleep } from 'node:timers/promises';

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { openDatabase } from '../../../server/db/database';
import { createTestDatabase, testDialects } from '../../support/test-database';

const postgres = testDialects().find((item) => item.dialect === 'postgres')!;

describe.skipIf(postgres.skipReason !== null)('PostgreSQL pool', () => {
  it('survives an idle connection being ended', async () => {
    const database = await createTestDatabase('postgres');
    const other = openDatabase(database.url);
    try {
      // Leave one connection idle in the pool, then end it from outside,
      // as a PostgreSQL restart or an administrator would.
      await sql`select 1`.execute(database.handle.db);
      await sql`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
      `.execute(other.db);
      await sleep(200);

      const result = await sql<{ answer: number }>`select 42 as answer`.execute(
        database.handle.db,
      );
      expect(result.rows[0]?.answer).toBe(42);
    } finally {
      await other.close();
      await database.cleanup();
    }
  });
});
