import { existsSync } from 'node:fs';

import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

import { createTestDatabase, testDialects } from '../../support/test-database';

async function postgresDatabaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({
    connectionString: inject('postgresAdminUrl') ?? undefined,
  });
  await client.connect();
  try {
    const result = await client.query(
      'select 1 from pg_database where datname = $1',
      [name],
    );
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

async function databaseExists(url: string): Promise<boolean> {
  if (url.startsWith('sqlite:')) {
    return existsSync(url.slice('sqlite:'.length));
  }
  return postgresDatabaseExists(url);
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`test database on ${dialect}`, () => {
    it('is separate for each call', async () => {
      const first = await createTestDatabase(dialect);
      const second = await createTestDatabase(dialect);

      try {
        await first.handle.db
          .insertInto('server_state')
          .values({ key: 'owner', value: 'first' })
          .execute();

        const rows = await second.handle.db
          .selectFrom('server_state')
          .selectAll()
          .execute();
        expect(second.url).not.toBe(first.url);
        expect(rows).toEqual([]);
      } finally {
        await first.cleanup();
        await second.cleanup();
      }
    });

    it('is deleted by cleanup', async () => {
      const database = await createTestDatabase(dialect);
      expect(await databaseExists(database.url)).toBe(true);

      await database.cleanup();

      expect(await databaseExists(database.url)).toBe(false);
    });

    it('cleanup runs twice without error', async () => {
      const database = await createTestDatabase(dialect);

      await database.cleanup();

      await expect(database.cleanup()).resolves.toBeUndefined();
    });
  });
}

describe('test dialects', () => {
  it('always include sqlite', () => {
    const sqlite = testDialects().find((entry) => entry.dialect === 'sqlite');

    expect(sqlite).toEqual({ dialect: 'sqlite', skipReason: null });
  });

  it('give a reason when postgres skips', () => {
    const postgres = testDialects().find(
      (entry) => entry.dialect === 'postgres',
    );

    if (inject('postgresAdminUrl') === null) {
      expect(postgres?.skipReason).toMatch(/COPYDESK_TEST_POSTGRES_URL/);
    } else {
      expect(postgres?.skipReason).toBeNull();
    }
  });
});
