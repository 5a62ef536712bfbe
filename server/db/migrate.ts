/**
 * Brings the database schema up to date with Kysely's migrator. Migrations
 * are listed here rather than read from a folder, so they work the same from
 * source and from a bundle.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';

import type { DatabaseHandle, Dialect } from './database';
import * as initial from './migrations/0001-initial';
import * as sittingHeaderLayout from './migrations/0002-sitting-header-layout';

interface DialectMigration {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

const MIGRATIONS: Record<string, DialectMigration> = {
  '0001-initial': initial,
  '0002-sitting-header-layout': sittingHeaderLayout,
};

export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(MIGRATIONS)) {
    migrations[name] = { up: (db) => migration.up(db, handle.dialect) };
  }

  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();

  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const name = failed ? ` "${failed.migrationName}"` : '';
    throw new Error(
      `Database migration${name} failed on ${handle.displayUrl}: ${String(error)}`,
      { cause: error },
    );
  }
}
