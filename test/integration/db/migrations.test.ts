import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../../../server/db/database';
import { migrateToLatest } from '../../../server/db/migrate';
import type { Database } from '../../../server/db/tables';
import {
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../../support/test-database';

/** Every table of `Database`; the type check below fails when one is missing. */
const TABLES = [
  'access_tokens',
  'batches',
  'changes',
  'copies',
  'grades',
  'graders',
  'idempotency_keys',
  'login_failures',
  'logins',
  'refresh_tokens',
  'reports',
  'schemes',
  'server_state',
  'sitting_members',
  'sittings',
] as const satisfies readonly (keyof Database)[];

type UnlistedTable = Exclude<keyof Database, (typeof TABLES)[number]>;
const allTablesListed: [UnlistedTable] extends [never] ? true : UnlistedTable =
  true;

const EXPECTED_TABLES = [...TABLES].sort();

const NOW = '2025-01-01T00:00:00.000Z';

function grader(id: string, username: string) {
  return {
    id,
    username,
    display_name: `Grader ${id}`,
    password_hash: 'hash',
    created_at: NOW,
  };
}

function change(graderId: string) {
  return {
    grader_id: graderId,
    kind: 'batch',
    batch_id: null,
    copy_id: null,
    scheme_id: null,
    created_at: NOW,
  };
}

/** Names in Kysely's own record of applied migrations. */
async function appliedMigrations(handle: DatabaseHandle): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select name from kysely_migration order by name
  `.execute(handle.db);
  return result.rows.map((row) => row.name);
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`migrations on ${dialect}`, () => {
    let database: TestDatabase | undefined;

    afterEach(async () => {
      await database?.cleanup();
      database = undefined;
    });

    async function open(migrate: boolean) {
      database = await createTestDatabase(dialect, { migrate });
      return database.handle;
    }

    async function tableNames(handle: DatabaseHandle) {
      const tables = await handle.db.introspection.getTables();
      return tables.map((table) => table.name).sort();
    }

    it('start from an empty database', async () => {
      const handle = await open(false);

      expect(await tableNames(handle)).toEqual([]);
    });

    it('create every table', async () => {
      const handle = await open(false);

      await migrateToLatest(handle);

      expect(allTablesListed).toBe(true);
      expect(await tableNames(handle)).toEqual(EXPECTED_TABLES);
    });

    it('do nothing the second time', async () => {
      const handle = await open(true);
      await handle.db
        .insertInto('graders')
        .values(grader('g1', 'ada'))
        .execute();
      const appliedBefore = await appliedMigrations(handle);

      await migrateToLatest(handle);

      expect(await tableNames(handle)).toEqual(EXPECTED_TABLES);
      expect(await appliedMigrations(handle)).toEqual(appliedBefore);
      const graders = await handle.db
        .selectFrom('graders')
        .select('id')
        .execute();
      expect(graders).toEqual([{ id: 'g1' }]);
    });

    it('number changes in increasing order', async () => {
      const handle = await open(true);

      const seqs: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const row = await handle.db
          .insertInto('changes')
          .values(change('g1'))
          .returning('seq')
          .executeTakeFirstOrThrow();
        seqs.push(Number(row.seq));
      }

      expect(seqs[1]).toBeGreaterThan(seqs[0]!);
      expect(seqs[2]).toBeGreaterThan(seqs[1]!);
    });

    it('never reuse the seq of a deleted change', async () => {
      const handle = await open(true);
      const first = await handle.db
        .insertInto('changes')
        .values(change('g1'))
        .returning('seq')
        .executeTakeFirstOrThrow();

      await handle.db
        .deleteFrom('changes')
        .where('seq', '=', first.seq)
        .execute();
      const second = await handle.db
        .insertInto('changes')
        .values(change('g1'))
        .returning('seq')
        .executeTakeFirstOrThrow();

      expect(Number(second.seq)).toBeGreaterThan(Number(first.seq));
    });

    it('reject a duplicate username', async () => {
      const handle = await open(true);
      await handle.db
        .insertInto('graders')
        .values(grader('g1', 'ada'))
        .execute();

      const duplicate = handle.db
        .insertInto('graders')
        .values(grader('g2', 'ada'))
        .execute();

      await expect(duplicate).rejects.toThrow(/unique/i);
      const graders = await handle.db
        .selectFrom('graders')
        .select('id')
        .execute();
      expect(graders).toEqual([{ id: 'g1' }]);
    });

    it('reject a member of a missing sitting', async () => {
      const handle = await open(true);
      await handle.db
        .insertInto('graders')
        .values(grader('g1', 'ada'))
        .execute();

      const orphan = handle.db
        .insertInto('sitting_members')
        .values({ sitting_id: 'missing', grader_id: 'g1', role: 'grader' })
        .execute();

      await expect(orphan).rejects.toThrow(/foreign key/i);
    });
  });
}
